package serve

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestIgnoredNames(t *testing.T) {
	for _, name := range []string{".page.md.swp", ".page.md.swx", "page.md~", ".#page.md", "4913", "page.md.tmp", ".DS_Store", "#page.md#", "page.md___jb_tmp___"} {
		if !Ignored(name) {
			t.Errorf("%s should be ignored", name)
		}
	}
	for _, name := range []string{"page.md", "TOC.yml", "docloom.yaml", ".openpublishing.publish.config.json", "main.css", "swap.md", "a.sw"} {
		if Ignored(name) {
			t.Errorf("%s should trigger a rebuild", name)
		}
	}
}

// startWatcher watches dir and returns the channel of batches.
func startWatcher(t *testing.T, dir string) <-chan []string {
	t.Helper()
	batches := make(chan []string, 16)
	w, err := newWatcher([]string{dir}, []string{filepath.Join(dir, "public")}, func(p []string) { batches <- p }, func(err error) { t.Log(err) })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.close)
	return batches
}

func next(t *testing.T, batches <-chan []string) []string {
	t.Helper()
	select {
	case b := <-batches:
		return b
	case <-time.After(10 * time.Second):
		t.Fatal("no batch of changes arrived")
		return nil
	}
}

// noMore checks that nothing else arrives once the watcher has had time to
// flush (several times MaxDelay).
func noMore(t *testing.T, batches <-chan []string) {
	t.Helper()
	select {
	case b := <-batches:
		t.Errorf("unexpected extra batch %v", b)
	case <-time.After(4 * MaxDelay):
	}
}

func TestAtomicSaveIsOneChange(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "page.md")
	os.WriteFile(page, []byte("v1"), 0o644)
	batches := startWatcher(t, dir)

	// What editors do: a swap file, a temp file renamed over the page, a
	// backup file.
	os.WriteFile(filepath.Join(dir, ".page.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "4913"), nil, 0o644)
	os.Remove(filepath.Join(dir, "4913"))
	tmp := filepath.Join(dir, "page.md.tmp")
	os.WriteFile(tmp, []byte("v2"), 0o644)
	os.Rename(page, page+"~")
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	if got := next(t, batches); !slices.Equal(got, []string{page}) {
		t.Errorf("batch = %v, want just the page", got)
	}
	noMore(t, batches)
}

func TestBurstIsOneBatch(t *testing.T) {
	dir := t.TempDir()
	batches := startWatcher(t, dir)
	var want []string
	for i := 0; i < 20; i++ {
		p := filepath.Join(dir, string(rune('a'+i))+".md")
		want = append(want, p)
		os.WriteFile(p, []byte("x"), 0o644)
	}
	got := next(t, batches)
	for len(got) < len(want) { // a slow machine may split the burst at MaxDelay
		got = append(got, next(t, batches)...)
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("got %v", got)
	}
	noMore(t, batches)
}

func TestWatchesFoldersCreatedLater(t *testing.T) {
	dir := t.TempDir()
	batches := startWatcher(t, dir)
	sub := filepath.Join(dir, "new", "deeper")
	os.MkdirAll(sub, 0o755)
	first := filepath.Join(sub, "first.md")
	os.WriteFile(first, []byte("x"), 0o644)
	got := next(t, batches)
	// The file may be seen by the walk of the new folder or by the new
	// watch; either way it is in the batch.
	if !slices.Contains(got, first) {
		for !slices.Contains(got, first) {
			got = append(got, next(t, batches)...)
		}
	}
	// Later edits inside the new folder are seen too.
	later := filepath.Join(sub, "later.md")
	os.WriteFile(later, []byte("y"), 0o644)
	for {
		if b := next(t, batches); slices.Contains(b, later) {
			break
		}
	}
}

func TestSkipsDotFoldersAndOutput(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{".git/objects", "public/en-us", "node_modules/x"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	batches := startWatcher(t, dir)
	os.WriteFile(filepath.Join(dir, ".git/objects/abc"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "public/en-us/index.html"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "node_modules/x/y.js"), []byte("x"), 0o644)
	page := filepath.Join(dir, "page.md")
	os.WriteFile(page, []byte("x"), 0o644)
	if got := next(t, batches); !slices.Equal(got, []string{page}) {
		t.Errorf("batch = %v", got)
	}
}
