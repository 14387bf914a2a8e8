package output

import (
	"os"
	"path/filepath"
	"strings"
)

// A rebuild's new tree is mostly the previous site's files again: on
// PowerShell-Docs a one-page edit keeps 6,250 of 6,400 files. Linking each
// into a fresh tree and, after the swap, unlinking each from the old one
// were two system calls per kept file, and most of the edited rebuild's
// kernel time. So the tree the swap takes out is not removed: it is kept
// beside the output folder (".<out>.previous") and the next build starts
// from it instead of from an empty folder. In it, a file the new site keeps
// is usually there already, as the same inode as the live site's file
// (the previous build linked it), and costs one lstat: the manifest
// records each file's inode, and a file of the recycled tree with that
// inode, size and time is the live site's file as it was written (an edit
// by hand of either name moves the time of both). The next build writes
// or links only what changed since, and removes (prune) what its site does
// not have.
//
// The guarantee stays: the kept tree is never the output folder, only a
// folder beside it that a build takes (renames to its own locked temporary
// name) before changing anything in it. A build killed while updating it
// leaves a temporary folder that the next build removes, as any other, and
// that next build starts from an empty folder. What the kept tree costs is
// the names of the previous site beside the output folder (a second name
// for most files, no bytes) and, after a build that changed every file, a
// copy of the previous site's bytes until the next build.

// spareSuffix names the previous site's tree kept beside the output
// folder for the next build.
const spareSuffix = ".previous"

func sparePath(final string) string {
	return filepath.Join(filepath.Dir(final), "."+filepath.Base(final)+spareSuffix)
}

// Beside reports whether name, a folder in the output folder's parent, is
// one of docloom's own for the output folder out: a build's temporary tree
// or the previous site kept for the next build. A walk of a site folder
// that holds its output folder skips them.
func Beside(out, name string) bool {
	base := "." + filepath.Base(out)
	return strings.HasPrefix(name, base+tmpInfix) || name == base+spareSuffix
}

// claimSpare makes the tree the previous build kept this build's
// temporary tree: it locks it, so no other build takes or removes it, and
// moves it under a temporary name of its own. It reports whether it did.
func (d *Dir) claimSpare() bool {
	if !recycles {
		return false
	}
	unlock, ok := lockExisting(sparePath(d.final))
	if !ok {
		return false
	}
	tmp := d.tmp + "-r" // a leftover like any other if this build dies
	if err := os.Rename(sparePath(d.final), tmp); err != nil {
		unlock()
		return false
	}
	os.Remove(d.tmp) // the empty folder Begin made
	d.tmp, d.unlock, d.recycled = tmp, unlock, true
	return true
}

// keepPrevious keeps the tree the swap took out (now at d.tmp) for the
// next build, or removes it where a build could not use it.
func (d *Dir) keepPrevious() {
	if recycles && os.Rename(d.tmp, sparePath(d.final)) == nil {
		return
	}
	removeAll(d.tmp) // also when another build kept a tree meanwhile
}

// prune removes from a recycled tree every file this build did not put in
// it, and the folders that leaves empty, so the tree holds exactly what a
// build into an empty folder would have written.
func (d *Dir) prune() error {
	_, err := d.pruneDir(d.tmp, "")
	return err
}

func (d *Dir) pruneDir(dir, rel string) (empty bool, err error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	left := len(entries)
	for _, e := range entries {
		r := e.Name()
		if rel != "" {
			r = rel + "/" + r
		}
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			empty, err := d.pruneDir(p, r)
			if err != nil {
				return false, err
			}
			if empty {
				if err := os.Remove(p); err != nil {
					return false, err
				}
				left--
			}
			continue
		}
		if _, ok := d.next[r]; ok {
			continue
		}
		if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
			return false, err
		}
		left--
	}
	return left == 0, nil
}
