package build

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestTOCEditLaysOutLazily: in a serve session a TOC edit renders no page
// body again; the reload names every page of the locale, a page asked for
// at once already shows the new TOC, and once the background layout is
// done the whole site is byte for byte what a new session builds.
func TestTOCEditLaysOutLazily(t *testing.T) {
	site := cacheSite(t)
	s, res := Open(Options{Site: site})
	if res.Failed(false) {
		t.Fatalf("first build failed: %v", res.Diags)
	}
	toc := filepath.Join(site, "content/en-us/TOC.yml")
	data, _ := os.ReadFile(toc)
	os.WriteFile(toc, bytes.Replace(data, []byte("name: Fourth"), []byte("name: The fourth"), 1), 0o644)
	res, ch := s.Update([]string{toc})
	if res.Failed(false) {
		t.Fatalf("TOC edit failed: %v", res.Diags)
	}
	if ch.Rendered > 2 { // only nl-nl's copy of only-english.md, shown from en-us
		t.Errorf("a TOC edit rendered %d documents", ch.Rendered)
	}
	named := strings.Join(ch.Pages, " ")
	for _, want := range []string{"en-us/a/first.html", "en-us/b/third.html"} {
		if !strings.Contains(named, want) {
			t.Errorf("the reload does not name %s: %v", want, ch.Pages)
		}
	}
	if page, _ := s.Lookup("en-us/a/first.html"); !strings.Contains(string(page), "The fourth") {
		t.Errorf("a page asked for after the TOC edit has the old TOC:\n%s", page)
	}
	s.Settle()
	fresh, _ := Open(Options{Site: site})
	if a, b := sessionFiles(s), sessionFiles(fresh); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("files differ from a new session:\n%v\n%v", a, b)
	}
	for _, rel := range sessionFiles(fresh) {
		x, _ := s.Lookup(rel)
		y, _ := fresh.Lookup(rel)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs from a new session's", rel)
		}
	}
	if !equalStrings(diagStrings(res), diagStrings(func() *Result { _, r := Open(Options{Site: site}); return r }())) {
		t.Errorf("diagnostics after the TOC edit differ from a new session's")
	}
}

func sessionFiles(s *Session) []string {
	s.mem.mu.RLock()
	defer s.mem.mu.RUnlock()
	var out []string
	for rel := range s.mem.files {
		out = append(out, rel)
	}
	sort.Strings(out)
	return out
}

func equalStrings(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

// TestPageEditRendersLinkersWhenNeeded: a page's text edit renders that
// page alone; an edit of a heading other pages link to renders them too
// (their bookmark warnings change). Each time the session holds what a new
// session builds, with the same diagnostics.
func TestPageEditRendersLinkersWhenNeeded(t *testing.T) {
	site := cacheSite(t)
	s, _ := Open(Options{Site: site})
	second := filepath.Join(site, "content/en-us/second.md")
	for _, step := range []struct {
		from, to string
		most     int
	}{
		{"## Kept\n", "## Kept\n\nMore text.\n", 2}, // its two clouds
		{"## Kept\n", "## Renamed\n", 100},          // and the pages linking to #kept
	} {
		data, _ := os.ReadFile(second)
		os.WriteFile(second, bytes.Replace(data, []byte(step.from), []byte(step.to), 1), 0o644)
		res, ch := s.Update([]string{second})
		if ch.Rendered > step.most {
			t.Errorf("editing %q rendered %d documents, want at most %d", step.from, ch.Rendered, step.most)
		}
		s.Settle()
		fresh, want := Open(Options{Site: site})
		if !equalStrings(diagStrings(res), diagStrings(want)) {
			t.Errorf("after editing %q: diagnostics differ\n%s\nnew session:\n%s", step.from,
				strings.Join(diagStrings(res), "\n"), strings.Join(diagStrings(want), "\n"))
		}
		for _, rel := range sessionFiles(fresh) {
			x, _ := s.Lookup(rel)
			y, _ := fresh.Lookup(rel)
			if !bytes.Equal(x, y) {
				t.Errorf("after editing %q: %s differs from a new session's", step.from, rel)
			}
		}
	}
}
