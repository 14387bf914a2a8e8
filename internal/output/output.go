// Package output is the last stage: it writes the site into a private
// temporary folder next to the output folder and swaps it in only when the
// whole build succeeded, so a failed or interrupted build leaves the
// previous site untouched.
package output

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is an output folder being written.
type Dir struct {
	final string
	tmp   string
	mu    sync.Mutex
	made  map[string]bool

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
	rel  string
	data []byte
	done func()
}

// writers is how many files are written at once.
const writers = 4

// Queue writes data to rel in the background and calls done (if not nil)
// once data is no longer needed. Errors are reported by Wait.
func (d *Dir) Queue(rel string, data []byte, done func()) {
	d.startQ.Do(func() {
		d.queue = make(chan queued, 64)
		for i := 0; i < writers; i++ {
			go func() {
				for q := range d.queue {
					if err := d.Write(q.rel, q.data); err != nil {
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
	d.queue <- queued{rel, data, done}
}

// Wait blocks until every queued write is done and returns the first
// error.
func (d *Dir) Wait() error {
	d.wg.Wait()
	d.errMu.Lock()
	defer d.errMu.Unlock()
	return d.err
}

// Begin starts writing a new version of the folder out.
func Begin(out string) (*Dir, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".building-")
	if err != nil {
		return nil, fmt.Errorf("cannot create a temporary folder beside %s: %w", abs, err)
	}
	return &Dir{final: abs, tmp: tmp, made: map[string]bool{}}, nil
}

// Path is the final folder.
func (d *Dir) Path() string { return d.final }

// Write stores one file; rel uses forward slashes. Safe for concurrent use.
func (d *Dir) Write(rel string, data []byte) error {
	p, err := d.path(rel)
	if err != nil {
		return err
	}
	return writeFile(p, data)
}

// Copy copies the file src to rel.
func (d *Dir) Copy(rel, src string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return d.Write(rel, data)
}

func (d *Dir) path(rel string) (string, error) {
	clean := filepath.Clean(filepath.FromSlash(rel))
	if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("refusing to write %q outside the output folder", rel)
	}
	p := filepath.Join(d.tmp, clean)
	dir := filepath.Dir(p)
	d.mu.Lock()
	made := d.made[dir]
	d.mu.Unlock()
	if !made {
		// Most pages get a folder of their own whose parent exists: one
		// mkdir call, not MkdirAll's stat-then-mkdir walk.
		if err := os.Mkdir(dir, 0o755); err != nil && !os.IsExist(err) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", err
			}
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return p, nil
}

// Abort removes the temporary folder; the previous output stays.
func (d *Dir) Abort() {
	d.Wait()
	removeAll(d.tmp)
}

// Commit swaps the new folder in: the old output is moved aside, the new
// one renamed into place, then the old one removed. Both renames are within
// one parent folder, so each is atomic.
func (d *Dir) Commit() error {
	if err := d.Wait(); err != nil {
		d.Abort()
		return err
	}
	old := ""
	if _, err := os.Stat(d.final); err == nil {
		old = d.tmp + ".old"
		if err := os.Rename(d.final, old); err != nil {
			d.Abort()
			return fmt.Errorf("cannot move the previous output aside: %w", err)
		}
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		if old != "" {
			os.Rename(old, d.final)
		}
		d.Abort()
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	if old != "" {
		removeAll(old)
	}
	return nil
}

// removeAll deletes a tree with a few goroutines, one top-level entry at a
// time: deleting a large site is bound by file-system latency, not CPU.
func removeAll(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		os.RemoveAll(dir)
		return
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				os.RemoveAll(p)
			}
		}()
	}
	for _, e := range entries {
		if e.IsDir() {
			sub, _ := os.ReadDir(filepath.Join(dir, e.Name()))
			for _, s := range sub {
				jobs <- filepath.Join(dir, e.Name(), s.Name())
			}
		} else {
			jobs <- filepath.Join(dir, e.Name())
		}
	}
	close(jobs)
	wg.Wait()
	os.RemoveAll(dir)
}
