package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/output"
)

// A build whose inputs are exactly those of the build that made the output
// folder has nothing to do: the same docloom binary, the same options,
// every file of the site (its root and each locale folder, the output
// folder and .git aside) with the same path, size, modification and change
// times and inode, and the same git HEAD (pages show their last commit's date). The
// build then checks that the output is still what its manifest says, and
// reports the previous build's diagnostics and counts again instead of
// rendering every page to write nothing. output.StateName, in the output
// folder, holds the fingerprint and that result.

const stateVersion = 1

type buildState struct {
	Version  int
	Key      string
	Pages    int
	Outputs  int
	Locales  int
	Monikers int
	Diags    []diag.Diagnostic
	Files    []string
}

// maxInputs bounds the fingerprint's walk: a tree this large is not a
// docset, and is simply built.
const maxInputs = 500_000

// racyWindow: a file modified this recently may change again within the
// file system's timestamp granularity without its time moving, so its
// fingerprint cannot be trusted (as git treats "racily clean" files).
var racyWindow = 2 * time.Second

// fingerprint returns the key of the build's inputs, or "" when it cannot
// be trusted, and the walk of the site's files it made, for the page
// cache's global key (nil when the walk failed).
func fingerprint(opts Options) (string, *inputWalk) {
	site, _ := config.Load(opts.Site)
	if site == nil {
		return "", nil
	}
	out, _ := filepath.Abs(opts.Out)
	roots := []string{site.Root}
	for _, l := range site.Locales {
		roots = append(roots, l.Path)
	}
	walk := walkInputs(roots, out, true)
	if walk == nil {
		return "", nil
	}
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return "", walk
	}
	st, err := os.Stat(exe)
	if err != nil {
		return "", walk
	}
	fmt.Fprintf(h, "docloom %d %s %d %d\nstrict %v\n", stateVersion, exe, st.Size(), st.ModTime().UnixNano(), opts.Strict)
	for i, root := range walk.roots {
		fmt.Fprintf(h, "root %s\n", root)
		for _, f := range walk.files[i] {
			if f.mtime > walk.recent {
				return "", walk
			}
			fmt.Fprintf(h, "%s %d %d %d %d\n", f.path, f.size, f.mtime, f.ctime, f.ino)
		}
	}
	// Pages show when git last changed them: a commit changes the site
	// even when no file of it changed since the last build.
	for _, f := range gitState(site.Root) {
		if info, err := os.Stat(f); err == nil {
			fmt.Fprintf(h, "git %s %d %d %d\n", f, info.Size(), info.ModTime().UnixNano(), inode(info))
		}
	}
	return hex.EncodeToString(h.Sum(nil)), walk
}

// inputWalk is the list of a site's files (the output folder, temporary
// build folders and .git aside) with their size, time and inode, as one
// walk saw them, for each root. recent is the time (Unix ns) after which
// a file was modified too recently for its size and time to be trusted
// (racyWindow before the walk).
type inputWalk struct {
	roots  []string
	files  [][]inputFile
	recent int64
	// unsummed: a recently modified file was too large to hash during
	// the walk (racySumBudget), so the walk cannot vouch for the inputs.
	unsummed bool
}

type inputFile struct {
	path  string
	size  int64
	mtime int64
	ctime int64 // changeTime
	ino   uint64
	err   bool // it could not be read
	// sum is the SHA-256 of a recently modified file's bytes, read
	// during the walk, before the build reads the file (zero otherwise).
	sum [32]byte
}

// racySumBudget bounds the bytes a walk reads to hash recently modified
// files: a fresh clone or checkout makes every file recent, and a walk
// that read the whole site would double the build's reading.
var racySumBudget int64 = 64 << 20

// walkInputs walks the roots. With strict, an unreadable file or a tree
// larger than maxInputs gives nil; otherwise an unreadable file is listed
// as such and the walk stops at maxInputs entries.
func walkInputs(roots []string, out string, strict bool) *inputWalk {
	w := &inputWalk{roots: roots, recent: time.Now().Add(-racyWindow).UnixNano()}
	n := 0
	budget := racySumBudget
	// A locale's folder is usually inside the site's root, so its files
	// are walked twice: hashed once, and counted against the budget once.
	summed := map[string][32]byte{}
	for _, root := range roots {
		var files []inputFile
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if strict {
					return err
				}
				files = append(files, inputFile{path: p, err: true})
				return nil
			}
			if n++; n > maxInputs {
				return fs.SkipAll
			}
			if d.IsDir() {
				if p != root && (d.Name() == ".git" || p == out || output.Beside(out, d.Name())) {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				if strict {
					return err
				}
				files = append(files, inputFile{path: p, err: true})
				return nil
			}
			f := inputFile{path: p, size: info.Size(), mtime: info.ModTime().UnixNano(), ctime: changeTime(info), ino: inode(info)}
			if f.mtime > w.recent {
				// Its size and time cannot tell a later edit apart: its
				// bytes are hashed now, before the build reads it, and
				// checked again before the page cache is saved.
				if sum, ok := summed[p]; ok {
					f.sum = sum
				} else if budget -= f.size; budget < 0 {
					w.unsummed = true
				} else if data, err := os.ReadFile(p); err == nil {
					f.sum = sha256.Sum256(data)
					summed[p] = f.sum
				} else {
					f.err = true
				}
			}
			files = append(files, f)
			return nil
		})
		if err != nil || (strict && n > maxInputs) {
			return nil
		}
		w.files = append(w.files, files)
	}
	return w
}

// gitState lists the files of the git repository holding dir that change
// with its history: HEAD, its log, the branch's ref, packed refs, and the
// shallow boundary.
func gitState(dir string) []string {
	for d, i := filepath.Clean(dir), 0; i < 64; d, i = filepath.Dir(d), i+1 {
		g := filepath.Join(d, ".git")
		if info, err := os.Stat(g); err == nil {
			if !info.IsDir() { // a worktree: "gitdir: <path>"
				data, err := os.ReadFile(g)
				if err != nil {
					return nil
				}
				g = strings.TrimSpace(strings.TrimPrefix(string(data), "gitdir:"))
				if !filepath.IsAbs(g) {
					g = filepath.Join(d, g)
				}
			}
			files := []string{filepath.Join(g, "HEAD"), filepath.Join(g, "logs", "HEAD"), filepath.Join(g, "packed-refs"), filepath.Join(g, "shallow")}
			if head, err := os.ReadFile(filepath.Join(g, "HEAD")); err == nil {
				if ref, ok := strings.CutPrefix(strings.TrimSpace(string(head)), "ref: "); ok && !strings.Contains(ref, "..") {
					files = append(files, filepath.Join(g, filepath.FromSlash(ref)))
				}
			}
			return files
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
	return nil
}

// upToDate returns the previous build's result when the output folder was
// made from the same inputs (key) and is still intact.
func upToDate(opts Options, key string, start time.Time) (*Result, bool) {
	if key == "" {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(opts.Out, output.StateName))
	if err != nil {
		return nil, false
	}
	var st buildState
	if json.Unmarshal(data, &st) != nil || st.Version != stateVersion || st.Key != key {
		return nil, false
	}
	files, ok := output.Intact(opts.Out)
	if !ok {
		return nil, false
	}
	site, _ := config.Load(opts.Site)
	res := &Result{Site: site, Pages: st.Pages, Outputs: st.Outputs, Locales: st.Locales, Monikers: st.Monikers,
		Diags: st.Diags, Files: st.Files, Unchanged: files, UpToDate: true}
	res.Errors, res.Warnings = diag.Count(res.Diags)
	if res.Failed(opts.Strict) {
		return nil, false
	}
	res.Elapsed = time.Since(start)
	return res, true
}

// saveState records the inputs' key and the build's result in the new
// output folder, for the next build's upToDate.
func saveState(out *output.Dir, key string, res *Result) error {
	if key == "" {
		return nil
	}
	data, err := json.Marshal(buildState{Version: stateVersion, Key: key, Pages: res.Pages, Outputs: res.Outputs,
		Locales: res.Locales, Monikers: res.Monikers, Diags: res.Diags, Files: res.Files})
	if err != nil {
		return err
	}
	return out.Write(output.StateName, data)
}
