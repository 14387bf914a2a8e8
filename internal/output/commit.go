package output

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Commit swaps the new folder in. A recycled tree loses the previous
// site's files the new one does not have, the manifest is written into the
// new tree, then the two folders are exchanged in one atomic rename, and
// the old tree (now under the temporary name) is kept beside the output
// folder for the next build (recycle.go). A process killed at any moment
// leaves the output folder holding either the complete previous site or
// the complete new one; the next build removes what is left beside it.
func (d *Dir) Commit() error {
	defer unregister(d)
	if err := d.Wait(); err != nil {
		d.Abort()
		return err
	}
	d.mu.Lock()
	next := d.next
	d.mu.Unlock()
	if d.recycled {
		if err := d.prune(); err != nil {
			d.Abort()
			return fmt.Errorf("cannot remove the previous site's files from the new output: %w", err)
		}
	}
	if err := next.write(filepath.Join(d.tmp, ManifestName)); err != nil {
		d.Abort()
		return fmt.Errorf("cannot write the output manifest: %w", err)
	}
	pause("swap")
	d.state.Lock()
	if d.cancelled {
		d.state.Unlock()
		return errCancelled
	}
	err := d.swap()
	if err == nil {
		d.committed = true
		swappedAny.Store(true)
	}
	d.state.Unlock()
	if err != nil {
		d.Abort()
		return err
	}
	pause("swapped")
	d.keepPrevious()
	d.unlock()
	return nil
}

// swap puts the new tree at the final path; afterwards d.tmp holds the
// previous site, if there was one.
func (d *Dir) swap() error {
	if _, err := os.Lstat(d.final); os.IsNotExist(err) {
		if err := os.Rename(d.tmp, d.final); err != nil {
			return fmt.Errorf("cannot move the new output into place: %w", err)
		}
		return nil
	}
	if ok, err := exchange(d.tmp, d.final); ok {
		if err != nil {
			return fmt.Errorf("cannot swap the new output in: %w", err)
		}
		return nil
	}
	// No atomic exchange here: two renames, with a moment between them in
	// which the output folder is missing.
	old := d.tmp + ".old"
	if err := os.Rename(d.final, old); err != nil {
		return fmt.Errorf("cannot move the previous output aside: %w", err)
	}
	if err := os.Rename(d.tmp, d.final); err != nil {
		os.Rename(old, d.final)
		return fmt.Errorf("cannot move the new output into place: %w", err)
	}
	return os.Rename(old, d.tmp)
}

// Abort removes the temporary folder; the previous output stays.
func (d *Dir) Abort() {
	defer unregister(d)
	d.Wait()
	d.state.Lock()
	d.cancelled = true
	d.state.Unlock()
	removeAll(d.tmp)
	d.unlock()
}

// The folders being written, for Cancel.
var (
	activeMu sync.Mutex
	active   = map[*Dir]bool{}
	// swappedAny is set once a build of this process swapped its site in.
	swappedAny atomic.Bool
)

func register(d *Dir) {
	activeMu.Lock()
	active[d] = true
	activeMu.Unlock()
}

func unregister(d *Dir) {
	activeMu.Lock()
	delete(active, d)
	activeMu.Unlock()
}

// Cancel stops every build of this process that is writing an output
// folder: writes from then on fail, and each temporary folder is removed.
// It is what an interrupt (Ctrl+C, SIGTERM) calls before exiting. It
// reports whether a build of this process had already swapped its new site
// in (the interrupt came too late to stop it); otherwise every output
// folder holds its previous site.
func Cancel() (swapped bool) {
	swapped = swappedAny.Load()
	activeMu.Lock()
	dirs := make([]*Dir, 0, len(active))
	for d := range active {
		dirs = append(dirs, d)
	}
	activeMu.Unlock()
	for _, d := range dirs {
		d.state.Lock()
		d.cancelled = true
		swapped = swapped || d.committed
		d.state.Unlock()
		removeAll(d.tmp)
	}
	return swapped
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
