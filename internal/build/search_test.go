package build

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/search"
)

// siteSearch answers a query from a built index, as the browser does, and
// returns the result URLs (below the locale and cloud's home).
func siteSearch(t *testing.T, read func(rel string) ([]byte, bool), locale, moniker, q string) []string {
	t.Helper()
	se, err := search.NewSearcher(func(name string) ([]byte, error) {
		rel := searchFilesDir + locale + "/" + name
		if name == "" {
			rel = searchManifestDir + locale + "/" + moniker + ".json"
		}
		data, ok := read(rel)
		if !ok {
			return nil, os.ErrNotExist
		}
		return data, nil
	})
	if err != nil {
		t.Fatalf("%s/%s: %v", locale, moniker, err)
	}
	hits, err := se.Search(search.ParseQuery(q))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hits {
		u, _, err := se.Meta(h.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, u)
	}
	return out
}

// pageText is the indexed text of a page in a locale and cloud.
func pageText(t *testing.T, read func(string) ([]byte, bool), locale, moniker, url string) string {
	t.Helper()
	se, err := search.NewSearcher(func(name string) ([]byte, error) {
		rel := searchFilesDir + locale + "/" + name
		if name == "" {
			rel = searchManifestDir + locale + "/" + moniker + ".json"
		}
		if data, ok := read(rel); ok {
			return data, nil
		}
		return nil, os.ErrNotExist
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := 0; ; id++ {
		u, _, err := se.Meta(id)
		if err != nil && strings.HasPrefix(err.Error(), "no document") {
			t.Fatalf("%s not in the %s/%s index", url, locale, moniker)
		}
		if u == url {
			text, err := se.FragmentText(id)
			if err != nil {
				t.Fatal(err)
			}
			return text
		}
	}
}

func dirReader(dir string) func(string) ([]byte, bool) {
	return func(rel string) ([]byte, bool) {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		return data, err == nil
	}
}

// TestSearchIndexFollowsClouds: each cloud's index holds what a reader of
// that cloud sees (hidden tab panels included, other clouds' zones not),
// and every locale and cloud has its results page.
func TestSearchIndexFollowsClouds(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: "../..", Out: out})
	read := dirReader(out)
	tour := "admin/feature-tour"
	if got := siteSearch(t, read, "en-us", "o365-worldwide", "worldwide version"); !slices.Contains(got, tour) {
		t.Errorf("worldwide: the worldwide zone's words do not find the tour: %v", got)
	}
	for m, want := range map[string]bool{"o365-worldwide": true, "o365-21vianet": false} {
		if text := pageText(t, read, "en-us", m, tour); strings.Contains(text, "You are reading the worldwide version") != want {
			t.Errorf("%s: the worldwide zone's text in the tour's index entry: %v, want %v", m, !want, want)
		}
	}
	if got := siteSearch(t, read, "en-us", "o365-21vianet", "national cloud"); len(got) == 0 || got[0] != tour {
		t.Errorf("21Vianet: its own zone's words find %v", got)
	}
	if got := siteSearch(t, read, "en-us", "o365-worldwide", "engineer available"); len(got) == 0 || got[0] != tour {
		t.Errorf("a hidden tab panel's words find %v", got)
	}
	// A page for one cloud only is in that cloud's index only.
	if got := siteSearch(t, read, "en-us", "o365-worldwide", "Germany notes"); slices.Contains(got, "admin/germany-cloud-only") {
		t.Errorf("worldwide finds the Germany-only page: %v", got)
	}
	if got := siteSearch(t, read, "nl-nl", "o365-worldwide", "ondersteuning"); len(got) == 0 {
		t.Error("the Dutch index finds nothing for ondersteuning")
	}
	for _, loc := range []string{"en-us", "nl-nl"} {
		for _, m := range []string{"o365-worldwide", "o365-21vianet", "o365-germany"} {
			data, ok := read(loc + "/" + m + "/search.html")
			if !ok {
				t.Errorf("no results page for %s/%s", loc, m)
				continue
			}
			if s := string(data); !strings.Contains(s, "<noscript>") || !strings.Contains(s, `name="robots" content="noindex"`) {
				t.Errorf("%s/%s results page lacks its no-JavaScript note or noindex", loc, m)
			}
		}
	}
	// Every result leads to a page of its locale and cloud.
	for _, loc := range []string{"en-us", "nl-nl"} {
		for _, m := range []string{"o365-worldwide", "o365-germany"} {
			for _, u := range allURLs(t, read, loc, m) {
				if _, ok := read(loc + "/" + m + "/" + OutputFile(u)); !ok {
					t.Errorf("%s/%s: the index names %q, which is no page", loc, m, u)
				}
			}
		}
	}
	// Every page's header has the box, a form to its own results page.
	page, _ := read("nl-nl/o365-germany/admin/feature-tour.html")
	if !strings.Contains(string(page), `action="/nl-nl/o365-germany/search"`) {
		t.Error("the Dutch Germany page's search form does not lead to its results page")
	}
}

// TestSearchInSession: a serve update re-indexes the edited page, so its
// new words find it, and drops the old index files it replaced.
func TestSearchInSession(t *testing.T) {
	site := sessionSite(t)
	s, res := Open(Options{Site: site})
	if res.Failed(false) {
		t.Fatalf("first build failed: %v", res.Diags)
	}
	if got := siteSearch(t, s.Lookup, "en-us", "a", "two "); len(got) == 0 || got[0] != "two" {
		t.Fatalf("before the edit: %v", got)
	}
	p := filepath.Join(site, "content/en-us/two.md")
	if err := os.WriteFile(p, []byte("# Two\n\n## Second\n\nAll about quokkas.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, ch := s.Update([]string{p})
	if res.Failed(false) {
		t.Fatalf("update failed: %v", res.Diags)
	}
	for _, m := range []string{"a", "b"} {
		if got := siteSearch(t, s.Lookup, "en-us", m, "quokka"); len(got) != 1 || got[0] != "two" {
			t.Errorf("cloud %s: the new word finds %v", m, got)
		}
	}
	if got := siteSearch(t, s.Lookup, "en-us", "a", "one "); len(got) == 0 || got[0] != "one" {
		t.Errorf("the other pages: %v", got)
	}
	if ch.Rendered > 6 { // two.md and one.md (which links to it) in both clouds, and two.md shown in nl-nl
		t.Errorf("the edit rendered %d documents", ch.Rendered)
	}
	// The edit added and removed search files; none of the removed ones
	// is still served.
	var added int
	for _, a := range ch.Assets {
		if strings.HasPrefix(a, searchFilesDir) {
			added++
			if _, ok := s.Lookup(a); !ok {
				// removed: fine, as long as the manifests do not name it
				for _, m := range []string{"a", "b"} {
					man, _ := s.Lookup(searchManifestDir + "en-us/" + m + ".json")
					if strings.Contains(string(man), filepath.Base(a)) {
						t.Errorf("manifest %s names the removed %s", m, a)
					}
				}
			}
		}
	}
	if added == 0 {
		t.Error("the edit changed no search file")
	}
}

// allURLs lists every page URL an index holds.
func allURLs(t *testing.T, read func(string) ([]byte, bool), locale, moniker string) []string {
	t.Helper()
	se, err := search.NewSearcher(func(name string) ([]byte, error) {
		rel := searchFilesDir + locale + "/" + name
		if name == "" {
			rel = searchManifestDir + locale + "/" + moniker + ".json"
		}
		if data, ok := read(rel); ok {
			return data, nil
		}
		return nil, os.ErrNotExist
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for id := 0; ; id++ {
		u, _, err := se.Meta(id)
		if err != nil {
			if strings.HasPrefix(err.Error(), "no document") {
				return out
			}
			continue
		}
		out = append(out, u)
	}
}

// TestSearchEditedBack: a page edited and then edited back gets the index
// entry of its first text again (found by its body, without extracting
// it), and that entry's fragment, dropped by the first edit, is served
// again.
func TestSearchEditedBack(t *testing.T) {
	site := sessionSite(t)
	s, res := Open(Options{Site: site})
	if res.Failed(false) {
		t.Fatalf("first build failed: %v", res.Diags)
	}
	p := filepath.Join(site, "content/en-us/two.md")
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	before := pageText(t, s.Lookup, "en-us", "a", "two")
	for i, body := range [][]byte{[]byte("# Two\n\n## Second\n\nAll about quokkas.\n"), orig} {
		if err := os.WriteFile(p, body, 0o644); err != nil {
			t.Fatal(err)
		}
		if res, _ := s.Update([]string{p}); res.Failed(false) {
			t.Fatalf("update %d failed: %v", i, res.Diags)
		}
	}
	if got := pageText(t, s.Lookup, "en-us", "a", "two"); got != before {
		t.Errorf("edited back, the page's indexed text is %q, want %q", got, before)
	}
	if got := siteSearch(t, s.Lookup, "en-us", "a", "quokka"); len(got) != 0 {
		t.Errorf("edited back, the old edit's word finds %v", got)
	}
}

// TestSearchLayoutReused: a rebuild after a translation's body changed
// names the word chunks of the other locale's clouds as the previous
// build laid them out, lays out the changed locale's, and gives the site
// a build into a new folder gives; a build by another binary, options or
// site files (Env) lays out all of them.
func TestSearchLayoutReused(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0 // every edit moves a file time
	var mu sync.Mutex
	reused := map[string]bool{}
	testHookSearchLayout = func(variant string, r bool) {
		mu.Lock()
		reused[variant] = r
		mu.Unlock()
	}
	defer func() { testHookSearchLayout = nil }()
	site := cacheSite(t)
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: site, Out: out})
	if len(reused) != 4 || reused["en-us/a"] || reused["nl-nl/a"] {
		t.Fatalf("a first build's layouts: %v, want 4 laid out", reused)
	}
	p := filepath.Join(site, "content/nl-nl/first.md")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, "\nMeer woorden over quokka's.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	clear(reused)
	mustBuild(t, Options{Site: site, Out: out})
	want := map[string]bool{"en-us/a": true, "en-us/b": true, "nl-nl/a": false, "nl-nl/b": false}
	if !maps.Equal(reused, want) {
		t.Errorf("after a translation's edit, reused layouts %v, want %v", reused, want)
	}
	clean := filepath.Join(t.TempDir(), "clean")
	mustBuild(t, Options{Site: site, Out: clean})
	compareTrees(t, "a translation's edit", out, clean)
	if got := siteSearch(t, dirReader(out), "nl-nl", "a", "quokka's"); len(got) != 1 {
		t.Errorf("the edited page's new word finds %v", got)
	}
	// A record made by another binary, options or site files is not
	// trusted: its entries' keys may not stand for the same analyses.
	rec := filepath.Join(out, searchLayoutName)
	sealedRec, err := os.ReadFile(rec)
	if err != nil {
		t.Fatal(err)
	}
	payload, ok := opened(sealedRec, searchLayoutHeader)
	if !ok {
		t.Fatalf("%s is not a sealed record", searchLayoutName)
	}
	var r searchLayoutRecord
	if err := json.Unmarshal(payload, &r); err != nil {
		t.Fatal(err)
	}
	r.Env[0] ^= 1
	payload, _ = json.Marshal(r)
	if err := os.WriteFile(rec, sealed(searchLayoutHeader, payload), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, append(data, "\nMeer woorden over quokka's en wombats.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	clear(reused)
	mustBuild(t, Options{Site: site, Out: out})
	if len(reused) != 4 || reused["en-us/a"] || reused["en-us/b"] {
		t.Errorf("with another Env, the layouts were reused: %v", reused)
	}
}
