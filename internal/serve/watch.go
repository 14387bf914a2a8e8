package serve

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Debounce timing: a batch is handed over after Quiet without new events,
// but never later than MaxDelay after its first event, so a stream of
// writes (a formatter touching many files, a git checkout) still rebuilds
// promptly and an editor's atomic save (temp file, rename) is one rebuild.
const (
	Quiet    = 50 * time.Millisecond
	MaxDelay = 300 * time.Millisecond
)

// Ignored reports whether a file name is editor or system noise that must
// not trigger a rebuild: swap and backup files, lock files, vim's 4913
// write test, temporary files and macOS folder metadata.
func Ignored(name string) bool {
	switch {
	case name == "4913", name == ".DS_Store", name == "Thumbs.db":
		return true
	case strings.HasSuffix(name, "~"), strings.HasPrefix(name, ".#"):
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs auto-save
		return true
	case strings.HasSuffix(name, ".tmp"), strings.HasSuffix(name, ".temp"), strings.HasSuffix(name, ".kate-swp"):
		return true
	case strings.Contains(name, "___jb_"): // JetBrains safe write
		return true
	}
	ext := filepath.Ext(name)
	// vim swap files: .swp, .swo, .swn, ... and .swx
	return len(ext) == 4 && strings.HasPrefix(ext, ".sw")
}

// ignoredDir reports whether a folder is skipped entirely: dot-folders
// (.git, .vscode, .idea) and dependency folders.
func ignoredDir(name string) bool {
	return strings.HasPrefix(name, ".") && name != "." || name == "node_modules"
}

// watcher turns fsnotify events under a set of roots into batches of
// changed paths.
type watcher struct {
	fsw     *fsnotify.Watcher
	skip    map[string]bool // folders never watched (the site's public/)
	deliver func([]string)  // must not block for long
	errs    func(error)

	mu      sync.Mutex
	watched map[string]bool
	done    chan struct{}
}

func newWatcher(roots []string, skip []string, deliver func([]string), errs func(error)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fsw: fsw, skip: map[string]bool{}, deliver: deliver, errs: errs, watched: map[string]bool{}, done: make(chan struct{})}
	for _, s := range skip {
		w.skip[filepath.Clean(s)] = true
	}
	for _, r := range roots {
		w.addTree(r, nil)
	}
	go w.loop()
	return w, nil
}

// addTree watches dir and every folder below it. Files found are added to
// found (when not nil): a folder created after start may already hold
// files by the time it is watched.
func (w *watcher) addTree(dir string, found map[string]struct{}) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !d.IsDir() {
			if found != nil && !Ignored(d.Name()) {
				found[p] = struct{}{}
			}
			return nil
		}
		if p != dir && ignoredDir(d.Name()) || w.skip[p] {
			return filepath.SkipDir
		}
		w.mu.Lock()
		seen := w.watched[p]
		w.watched[p] = true
		w.mu.Unlock()
		if !seen {
			if err := w.fsw.Add(p); err != nil && w.errs != nil {
				w.errs(err)
			}
		}
		return nil
	})
}

// relevant reports whether an event names a file worth rebuilding for.
func (w *watcher) relevant(p string) bool {
	if Ignored(filepath.Base(p)) {
		return false
	}
	// A dot-folder below a watched folder is never added, but its own
	// create or remove event arrives from the parent.
	return !ignoredDir(filepath.Base(p)) && !w.skip[p]
}

func (w *watcher) loop() {
	pending := map[string]struct{}{}
	quiet := time.NewTimer(time.Hour)
	quiet.Stop()
	var deadline <-chan time.Time
	flush := func() {
		deadline = nil
		quiet.Stop()
		if len(pending) == 0 {
			return
		}
		paths := make([]string, 0, len(pending))
		for p := range pending {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		pending = map[string]struct{}{}
		w.deliver(paths)
	}
	for {
		select {
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod || !w.relevant(ev.Name) {
				continue
			}
			if ev.Op.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					// A new folder: watch it and take the files already in
					// it; the folder itself is not a file to rebuild for.
					w.addTree(ev.Name, pending)
					w.arm(&deadline, quiet)
					continue
				}
			}
			if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) {
				w.forget(ev.Name)
			}
			pending[ev.Name] = struct{}{}
			w.arm(&deadline, quiet)
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if w.errs != nil {
				w.errs(err)
			}
		case <-quiet.C:
			flush()
		case <-deadline:
			flush()
		case <-w.done:
			return
		}
	}
}

// arm restarts the quiet period and starts the batch's deadline.
func (w *watcher) arm(deadline *<-chan time.Time, quiet *time.Timer) {
	if *deadline == nil {
		*deadline = time.After(MaxDelay)
	}
	quiet.Reset(Quiet)
}

// forget drops a removed folder and those below it from the watched set,
// so that a folder created again under the same name is watched again.
func (w *watcher) forget(p string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	prefix := p + string(filepath.Separator)
	for d := range w.watched {
		if d == p || strings.HasPrefix(d, prefix) {
			delete(w.watched, d)
			_ = w.fsw.Remove(d) // gone already in most cases
		}
	}
}

func (w *watcher) close() {
	close(w.done)
	w.fsw.Close()
}
