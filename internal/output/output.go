// Package output is the last stage: it writes the site into a private
// temporary folder next to the output folder and swaps it in only when the
// whole build succeeded, so a failed or interrupted build leaves the
// previous site untouched.
//
// A rebuild writes only what changed. The previous site's manifest
// (ManifestName) says what each of its files holds; a file whose new bytes
// are the same, or a resource whose source has not changed, becomes a hard
// link to the previous site's file in the new tree instead of being written
// again, and a changed resource is copied by the kernel (reflink where the
// file system has it, else copy_file_range). Files are always created
// anew, never written through an existing name, so the previous site's
// files are never modified: until the swap the previous site is exactly as
// it was, and after it the new one is complete. Files the new build does
// not write are not in the new tree: it starts empty, or from the tree the
// previous build kept, which loses every file the new build did not write
// or keep before the swap (recycle.go).
package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// Dir is an output folder being written.
type Dir struct {
	final  string
	tmp    string
	prev   manifest // the previous site's; nil on a first build
	unlock func()   // releases the lock on tmp that keeps other builds from removing it

	// state guards the folder's life: writes hold it shared, Commit and
	// Cancel exclusively, so a cancelled build can remove its folder without
	// a writer re-creating it, and never after it was swapped in.
	state     sync.RWMutex
	cancelled bool
	committed bool

	// recycled: tmp is the tree the previous build kept (recycle.go), not
	// an empty folder.
	recycled bool

	mu   sync.Mutex
	made map[string]bool
	next manifest
	// checked holds what CanKeep found of the files it vouched for, so
	// that their Keep need not look at them again.
	checked map[string]check

	written, linked, copied atomic.Int64

	// Queued writes: a page is handed over and written by one of a few
	// writer goroutines, so that rendering goes on while the file system
	// (latency-bound, especially on virtual disks) creates folders and files.
	startQ sync.Once
	queue  chan queued
	wg     sync.WaitGroup
	errMu  sync.Mutex
	err    error
}

type queued struct {
	rel    string
	data   []byte
	hash   [16]byte // Sum(data), when summed
	summed bool
	done   func()
}

// writers is how many files are written at once.
const writers = 4

// tmpInfix names the temporary folders: ".<out>.building-NNNN" beside the
// output folder.
const tmpInfix = ".building-"

// Begin starts writing a new version of the folder out. Temporary folders
// that earlier, interrupted builds left beside it are removed first.
func Begin(out string) (*Dir, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	RemoveLeftovers(abs)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+tmpInfix)
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder beside %s: %w", abs, err)
	}
	d := &Dir{final: abs, tmp: tmp, made: map[string]bool{}, next: manifest{}, checked: map[string]check{}}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		d.prev = loadManifest(abs)
	}
	// A tree kept by the previous build is a start only for a build that
	// links against the previous site; else it is all stale.
	if d.prev == nil || !d.claimSpare() {
		if d.prev == nil {
			removeAll(sparePath(abs))
		}
		os.Chmod(tmp, 0o755) // MkdirTemp makes it private; a site is read by web servers
		d.unlock, _ = lockDir(tmp)
	}
	register(d)
	pause("begin")
	return d, nil
}

// RemoveLeftovers deletes the temporary folders of earlier builds of out
// that were killed (or whose machine went down) before they could clean
// up. A folder another running build holds its lock on is left alone.
func RemoveLeftovers(out string) {
	prefix := "." + filepath.Base(out) + tmpInfix
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		p := filepath.Join(filepath.Dir(out), e.Name())
		if unlock, ok := lockDir(p); ok {
			removeAll(p)
			unlock()
		}
	}
}

// Path is the final folder.
func (d *Dir) Path() string { return d.final }

// Stats says how many files the build wrote, linked unchanged from the
// previous site, and copied from resources.
func (d *Dir) Stats() (written, linked, copied int) {
	return int(d.written.Load()), int(d.linked.Load()), int(d.copied.Load())
}

// Queue writes data to rel in the background and calls done (if not nil)
// once data is no longer needed. Errors are reported by Wait.
func (d *Dir) Queue(rel string, data []byte, done func()) {
	d.enqueue(queued{rel: rel, data: data, done: done})
}

// QueueSummed is Queue for data whose Sum the caller has already made
// (a page's, for the page cache): the manifest takes it instead of hashing
// the bytes again.
func (d *Dir) QueueSummed(rel string, data []byte, hash [16]byte, done func()) {
	d.enqueue(queued{rel: rel, data: data, hash: hash, summed: true, done: done})
}

func (d *Dir) enqueue(item queued) {
	d.startQ.Do(func() {
		d.queue = make(chan queued, 64)
		for i := 0; i < writers; i++ {
			go func() {
				for q := range d.queue {
					if !q.summed {
						q.hash = sum(q.data)
					}
					if err := d.writeSummed(q.rel, q.data, q.hash); err != nil {
						d.errMu.Lock()
						if d.err == nil {
							d.err = err
						}
						d.errMu.Unlock()
					}
					if q.done != nil {
						q.done()
					}
					d.wg.Done()
				}
			}()
		}
	})
	d.wg.Add(1)
	d.queue <- item
}

// Wait blocks until every queued write is done and returns the first
// error.
func (d *Dir) Wait() error {
	d.wg.Wait()
	d.errMu.Lock()
	defer d.errMu.Unlock()
	return d.err
}

var errCancelled = fmt.Errorf("build cancelled")

// Write stores one file; rel uses forward slashes. Safe for concurrent use.
// When the previous site has the same bytes at rel, its file is linked
// instead.
func (d *Dir) Write(rel string, data []byte) error {
	return d.writeSummed(rel, data, sum(data))
}

// WriteSummed is Write for data whose Sum the caller has already made
// (and keeps, as the page cache keeps its shards' sums): the bytes are not
// hashed a second time.
func (d *Dir) WriteSummed(rel string, data []byte, hash [16]byte) error {
	return d.writeSummed(rel, data, hash)
}

func (d *Dir) writeSummed(rel string, data []byte, h [16]byte) error {
	if err := d.write(rel, data, h); err != nil {
		return err
	}
	pause("write")
	return nil
}

func (d *Dir) write(rel string, data []byte, h [16]byte) error {
	d.state.RLock()
	defer d.state.RUnlock()
	if d.cancelled {
		return errCancelled
	}
	clean, p, err := d.path(rel)
	if err != nil {
		return err
	}
	if e, ok := d.prev[clean]; ok && e.src == "" && e.hash == h && e.size == int64(len(data)) {
		if d.reuse(clean, p, e) {
			return nil
		}
	}
	mtime, ino, err := writeFile(p, data)
	if err != nil {
		return err
	}
	d.record(clean, entry{size: int64(len(data)), mtime: mtime, ino: ino, hash: h})
	d.written.Add(1)
	return nil
}

// Copy copies the file src to rel: a link to the previous site's copy when
// src has not changed since, else a copy made by the kernel.
func (d *Dir) Copy(rel, src string) error {
	d.state.RLock()
	defer d.state.RUnlock()
	if d.cancelled {
		return errCancelled
	}
	clean, p, err := d.path(rel)
	if err != nil {
		return err
	}
	si, ok := statFile(src)
	if !ok {
		_, err := os.Stat(src)
		if err == nil {
			err = fmt.Errorf("%s is not a regular file", src)
		}
		return err
	}
	if e, ok := d.prev[clean]; ok && e.src == src && e.srcSize == si.size && e.srcMtime == si.mtime && e.srcIno == si.ino {
		if d.reuse(clean, p, e) {
			return nil
		}
	}
	size, mtime, ino, err := copyFile(p, src)
	if err != nil {
		return err
	}
	d.record(clean, entry{size: size, mtime: mtime, ino: ino, src: src, srcSize: si.size, srcMtime: si.mtime, srcIno: si.ino})
	d.copied.Add(1)
	return nil
}

// reuse puts the previous site's file for rel into the new tree, if it is
// still the file the manifest describes (not edited or replaced by hand):
// as it is when the recycled tree already holds it at p (recycle.go), else
// as a new link to the live site's file. CanKeep may have looked already.
func (d *Dir) reuse(rel, p string, e entry) bool {
	d.mu.Lock()
	c, checked := d.checked[rel]
	d.mu.Unlock()
	var cur fileInfo // the recycled tree's file at p
	here := false
	if d.recycled && !c.inTree {
		cur, here = lstatFile(p)
		c.inTree = !checked && here && holds(cur, e)
	}
	if !c.inTree {
		old := filepath.Join(d.final, filepath.FromSlash(rel))
		if !checked {
			var ok bool
			if c.live, ok = statFile(old); !ok || c.live.size != e.size || c.live.mtime != e.mtime {
				return false
			}
		}
		if !(here && cur.ino == c.live.ino && cur.dev == c.live.dev) && link(old, p) != nil {
			return false
		}
		e.ino = c.live.ino
	}
	d.record(rel, e)
	d.linked.Add(1)
	return true
}

// holds reports whether the file cur of a recycled tree is the previous
// site's file e: the same inode (the build before linked it), with the
// size and time it was written with (no one edited it since; an edit of
// the live site's file is an edit of this one).
func holds(cur fileInfo, e entry) bool {
	return e.ino != 0 && cur.ino == e.ino && cur.size == e.size && cur.mtime == e.mtime
}

// check is what CanKeep found of a previous site's file, for the Keep that
// follows: the recycled tree holds it (inTree), or the live site's file
// is as written (live).
type check struct {
	inTree bool
	live   fileInfo
}

func (d *Dir) record(rel string, e entry) {
	d.mu.Lock()
	d.next[rel] = e
	d.mu.Unlock()
}

// copyFile copies src to the new file dst with the kernel's help: a reflink
// where the file system shares blocks, else copy_file_range (what
// (*os.File).ReadFrom uses between regular files on Linux), so the bytes
// never pass through user space.
func copyFile(dst, src string) (size, mtime int64, ino uint64, err error) {
	in, err := os.Open(src)
	if err != nil {
		return 0, 0, 0, err
	}
	defer in.Close()
	out, err := createFile(dst)
	if err != nil {
		return 0, 0, 0, err
	}
	if clone(out, in) != nil {
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return 0, 0, 0, err
		}
	}
	st, err := out.Stat()
	if err != nil {
		out.Close()
		return 0, 0, 0, err
	}
	if err := out.Close(); err != nil {
		return 0, 0, 0, err
	}
	return st.Size(), st.ModTime().UnixNano(), inodeOf(st), nil
}

// path checks rel, creates its folder in the new tree and returns its
// clean slash form and the path to create.
func (d *Dir) path(rel string) (string, string, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", "", fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	if clean == ManifestName {
		return "", "", fmt.Errorf("%s is docloom's own file in the output folder", rel)
	}
	p := filepath.Join(d.tmp, clean)
	dir := filepath.Dir(p)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		// Most pages get a folder of their own whose parent exists: one
		// mkdir call, not MkdirAll's stat-then-mkdir walk.
		if err := os.Mkdir(dir, 0o755); err != nil && (!os.IsExist(err) || d.recycled && !isDir(dir)) {
			if d.recycled {
				os.Remove(dir) // a file of the recycled tree where the new site has a folder
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", "", err
			}
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return filepath.ToSlash(clean), p, nil
}

func isDir(p string) bool {
	st, err := os.Lstat(p)
	return err == nil && st.IsDir()
}

// Keep puts the previous site's file at rel into the new tree unchanged, if
// the previous site's manifest says it holds bytes with hash h (Sum) and
// size bytes, and the file is still as written.
// It reports whether it did; a build that remembers what a page's output
// was (build's page cache) then need not render it again.
func (d *Dir) Keep(rel string, h [16]byte, size int64) bool {
	d.state.RLock()
	defer d.state.RUnlock()
	if d.cancelled {
		return false
	}
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel)))
	e, ok := d.prev[clean]
	if !ok || e.src != "" || e.hash != h || e.size != size {
		return false
	}
	_, p, err := d.path(rel)
	if err != nil {
		return false
	}
	return d.reuse(clean, p, e)
}

// KeepNamed is Keep for a file whose name says what it holds (a content-
// hashed name): the previous site's file at rel, if still as written, is
// put in place without the caller making its bytes to compare.
func (d *Dir) KeepNamed(rel string) bool {
	d.state.RLock()
	defer d.state.RUnlock()
	if d.cancelled {
		return false
	}
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel)))
	e, ok := d.prev[clean]
	if !ok || e.src != "" {
		return false
	}
	_, p, err := d.path(rel)
	if err != nil {
		return false
	}
	return d.reuse(clean, p, e)
}

// CanKeep reports whether Keep would succeed for rel now (the previous
// site has those bytes there, intact), without linking anything. What it
// found is kept for that Keep: a file is looked at once.
func (d *Dir) CanKeep(rel string, h [16]byte, size int64) bool {
	clean := filepath.ToSlash(filepath.Clean(filepath.FromSlash(rel)))
	e, ok := d.prev[clean]
	if !ok || e.src != "" || e.hash != h || e.size != size {
		return false
	}
	var c check
	if d.recycled {
		cur, ok := lstatFile(filepath.Join(d.tmp, filepath.FromSlash(clean)))
		c.inTree = ok && holds(cur, e)
	}
	if !c.inTree {
		if c.live, ok = statFile(filepath.Join(d.final, filepath.FromSlash(clean))); !ok || c.live.size != e.size || c.live.mtime != e.mtime {
			return false
		}
	}
	d.mu.Lock()
	d.checked[clean] = c
	d.mu.Unlock()
	return true
}

// Previous returns the bytes of one of docloom's own records (see Own) in
// the previous site, nil when there is none. Records are swapped in with
// the tree they describe.
func (d *Dir) Previous(name string) []byte {
	if !Own(name) || strings.ContainsAny(name, `/\`) {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(d.final, name))
	if err != nil {
		return nil
	}
	return data
}

// Sum is the hash Keep takes: data's XXH3-128 (see sum).
func Sum(data []byte) [16]byte { return sum(data) }
