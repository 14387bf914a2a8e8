package build

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A page asked for while the queue runs is the next one rendered, and
// every page is still rendered exactly once.
func TestParallelAskedRunsAskedFirst(t *testing.T) {
	b := &builder{opts: Options{Workers: 1}}
	e := newEarlyOutputs()
	var mu sync.Mutex
	var order []int
	b.parallelAsked(100, e, func(_, i int) {
		mu.Lock()
		order = append(order, i)
		mu.Unlock()
		if i == 0 {
			e.want <- 70
			e.want <- 70 // asked twice: still rendered once
		}
	})
	if len(order) < 2 || order[1] != 70 {
		t.Fatalf("the page asked for during the first job was not next: %v", order[:min(len(order), 5)])
	}
	sorted := slices.Clone(order)
	slices.Sort(sorted)
	for i, v := range sorted {
		if v != i {
			t.Fatalf("jobs not run exactly once: %v", order)
		}
	}
}

func TestEarlyAsk(t *testing.T) {
	e := newEarlyOutputs()
	if got := e.ask("en-us/a/x.html"); got != earlyUnknown {
		t.Fatalf("before the plan: %v", got)
	}
	e.index = map[string]int{"en-us/a/x.html": 3, "en-us/a/dir/index.html": 4}
	e.planned = true
	for _, c := range []struct {
		rel  string
		want earlyAnswer
	}{
		{"en-us/a/x.html", earlyQueued},
		{"en-us/a/x", earlyNotAFile},            // "/x" looked up as a file first
		{"en-us/a/x/index.html", earlyNotAFile}, // "/x/" where x.html is the page
		{"en-us/a/dir", earlyNotAFile},
		{"en-us/a/dir/index.html", earlyQueued},
		{"en-us/a/media/pic.png", earlyUnknown}, // not a page: wait for the build
		{"en-us/a/y.html", earlyUnknown},
	} {
		if got := e.ask(c.rel); got != c.want {
			t.Errorf("ask(%q) = %v, want %v", c.rel, got, c.want)
		}
	}
	if len(e.want) != 2 || <-e.want != 3 || <-e.want != 4 {
		t.Errorf("the queued pages were not asked for")
	}
}

// docloom serve answers a page while its first build is still running,
// with the bytes the finished build has for it.
func TestOpenAsyncServesWhileBuilding(t *testing.T) {
	site := t.TempDir()
	const pages = 600
	files := map[string]string{
		"docloom.yaml": "title: S\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
	}
	var toc strings.Builder
	for i := range pages {
		rel := fmt.Sprintf("p%04d.md", i)
		files["content/en-us/"+rel] = fmt.Sprintf("# Page %d\n\nSome text of page %d, [next](p%04d.md).\n\n```powershell\nGet-Item -Path C:\\%d\n```\n", i, i, (i+1)%pages, i)
		fmt.Fprintf(&toc, "- name: Page %d\n  href: %s\n", i, rel)
	}
	files["content/en-us/TOC.yml"] = toc.String()
	writeSite(t, site, files)

	s, wait := OpenAsync(Options{Site: site})
	last := fmt.Sprintf("en-us/b/p%04d.html", pages-1)
	early, ok := s.Lookup(last)
	select {
	case <-s.first:
		t.Errorf("the page was served only after the build had ended")
	default:
	}
	if !ok {
		t.Fatalf("no page %s during the first build", last)
	}
	if _, ok := s.Lookup(strings.TrimSuffix(last, ".html")); ok {
		t.Errorf("the page's name without .html was served as a file")
	}
	res := wait()
	if res.Failed(false) {
		t.Fatalf("first build failed: %v", res.Diags)
	}
	final, _ := s.Lookup(last)
	if string(early) != string(final) {
		t.Errorf("the page served during the build differs from the built one")
	}
	if !strings.Contains(string(final), fmt.Sprintf("Page %d", pages-1)) {
		t.Errorf("the page lacks its title:\n%s", final)
	}
	// After the first build the session is an ordinary one.
	if res, _ := s.Update(nil); res.Failed(false) {
		t.Errorf("update after the first build failed: %v", res.Diags)
	}
}
