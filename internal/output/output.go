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
	return os.WriteFile(p, data, 0o644)
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
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		d.mu.Lock()
		d.made[dir] = true
		d.mu.Unlock()
	}
	return p, nil
}

// Abort removes the temporary folder; the previous output stays.
func (d *Dir) Abort() {
	os.RemoveAll(d.tmp)
}

// Commit swaps the new folder in: the old output is moved aside, the new
// one renamed into place, then the old one removed. Both renames are within
// one parent folder, so each is atomic.
func (d *Dir) Commit() error {
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
		os.RemoveAll(old)
	}
	return nil
}
