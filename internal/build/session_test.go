package build

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sessionSite writes a small site: two pages, one including a snippet, a
// TOC, and a layout override.
func sessionSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	files := map[string]string{
		"docloom.yaml":                      "title: S\nlocales:\n  - code: en-us\n  - code: nl-nl\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/one.md":              "# One\n\n[!INCLUDE [s](includes/snippet.md)]\n\n[two](two.md#second)\n",
		"content/en-us/two.md":              "# Two\n\n## Second\n",
		"content/en-us/three.md":            "# Three\n",
		"content/en-us/includes/snippet.md": "Snippet v1.\n",
		"content/en-us/TOC.yml":             "- name: One\n  href: one.md\n- name: Two\n  href: two.md\n",
		"content/nl-nl/one.md":              "# Een\n",
	}
	writeSite(t, site, files)
	return site
}

func TestSessionUpdates(t *testing.T) {
	site := sessionSite(t)
	s, res := Open(Options{Site: site})
	if res.Failed(false) {
		t.Fatalf("first build failed: %v", res.Diags)
	}
	page := func(rel string) string {
		data, ok := s.Lookup(rel)
		if !ok {
			t.Fatalf("no output %s", rel)
		}
		return string(data)
	}
	edit := func(rel, data string) (*Result, *Changes) {
		p := filepath.Join(site, rel)
		if data == "" {
			os.Remove(p)
		} else if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return s.Update([]string{p})
	}

	// The first build streams (syntax trees released as pages are
	// written): a TOC edit, which re-renders the whole locale, parses the
	// pages again and gives the same bodies.
	before := page("nl-nl/a/two.html")
	if res, _ := edit("content/en-us/TOC.yml", "- name: One\n  href: one.md\n- name: Two (renamed)\n  href: two.md\n"); res.Failed(false) {
		t.Fatalf("TOC edit failed: %v", res.Diags)
	}
	if after := page("en-us/a/one.html"); !strings.Contains(after, "Two (renamed)") || !strings.Contains(after, "Snippet v1.") {
		t.Errorf("after a TOC edit the page lost its body or kept the old TOC:\n%s", after)
	}
	if after := page("nl-nl/a/two.html"); !strings.Contains(after, `id="second"`) || len(after) < len(before)/2 {
		t.Errorf("after a TOC edit the fallback page lost its body:\n%s", after)
	}

	// A page edit re-renders that page in its clouds (and pages that
	// depend on it), not the others.
	_, ch := edit("content/en-us/three.md", "# Three, edited\n")
	if !slices.Contains(ch.Pages, "en-us/a/three.html") || !slices.Contains(ch.Pages, "en-us/b/three.html") {
		t.Errorf("page edit changed %v", ch.Pages)
	}
	if slices.Contains(ch.Pages, "en-us/a/one.html") || ch.Rendered > 6 {
		t.Errorf("page edit re-rendered too much: %d documents, %v", ch.Rendered, ch.Pages)
	}
	if !strings.Contains(page("en-us/a/three.html"), "Three, edited") {
		t.Error("new content not served")
	}
	// The nl-nl fallback copy of an English-only page follows it.
	if !strings.Contains(page("nl-nl/a/three.html"), "Three, edited") {
		t.Error("fallback copy not updated")
	}

	// An include edit re-renders the pages that include it.
	_, ch = edit("content/en-us/includes/snippet.md", "Snippet v2.\n")
	if !slices.Contains(ch.Pages, "en-us/a/one.html") || slices.Contains(ch.Pages, "en-us/a/two.html") {
		t.Errorf("include edit changed %v", ch.Pages)
	}
	if !strings.Contains(page("en-us/b/one.html"), "Snippet v2.") {
		t.Error("include change not served")
	}

	// A broken edit fails, keeps the last good output, and names file:line.
	res, ch = edit("content/en-us/two.md", "# Two\n\n::: moniker range=\"zzz\"\nx\n::: moniker-end\n")
	if !res.Failed(false) || len(ch.Pages) != 0 {
		t.Fatalf("broken edit: failed=%v changes=%v", res.Failed(false), ch.Pages)
	}
	found := false
	for _, d := range res.Diags {
		if d.Code == "moniker-range-invalid" && strings.HasSuffix(d.Pos.File, "two.md") && d.Pos.Line == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("no moniker-range-invalid at two.md:3 in %v", res.Diags)
	}
	if !strings.Contains(page("en-us/a/two.html"), "Second") {
		t.Error("last good output not kept")
	}
	// Fixing it clears the error.
	res, ch = edit("content/en-us/two.md", "# Two\n\n## Second\n\nFixed.\n")
	if res.Failed(false) || !strings.Contains(page("en-us/a/two.html"), "Fixed.") {
		t.Errorf("fix not applied: %v", res.Diags)
	}
	// one.md links to two.md#second, so it was re-rendered with two.md.
	if ch.Rendered < 4 {
		t.Errorf("dependent page not re-rendered: %d documents", ch.Rendered)
	}

	// A TOC edit re-renders its locale's pages.
	_, ch = edit("content/en-us/TOC.yml", "- name: Uno\n  href: one.md\n- name: Two\n  href: two.md\n")
	if !strings.Contains(page("en-us/a/two.html"), "Uno") {
		t.Error("TOC change not in the sidebar")
	}
	// Removing a page removes its outputs, and it leaves the sitemap.
	if sm, _ := s.Lookup("en-us/sitemap.xml"); !strings.Contains(string(sm), "/three<") {
		t.Errorf("sitemap lacks the page before its removal:\n%s", sm)
	}
	_, ch = edit("content/en-us/three.md", "")
	if _, ok := s.Lookup("en-us/a/three.html"); ok {
		t.Errorf("removed page still served; changes %v", ch.Pages)
	}
	if sm, _ := s.Lookup("en-us/sitemap.xml"); strings.Contains(string(sm), "/three<") {
		t.Errorf("sitemap still lists the removed page:\n%s", sm)
	}
	// A layout change rebuilds everything.
	os.MkdirAll(filepath.Join(site, "layouts/partials"), 0o755)
	_, ch = edit("layouts/partials/footer.html", `{{define "footer"}}<footer>Custom footer</footer>{{end}}`)
	if !ch.Full || !strings.Contains(page("nl-nl/b/one.html"), "Custom footer") {
		t.Errorf("layout change: full=%v", ch.Full)
	}
	// Files outside the site's inputs change nothing.
	_, ch = s.Update([]string{filepath.Join(site, "public/x.html")})
	if ch.Full || len(ch.Pages) != 0 {
		t.Errorf("output folder change triggered a rebuild: %+v", ch)
	}
}

// A file that a page links to appears: that page re-renders, its
// file-not-found warning goes, and it is listed to reload even though its
// bytes may not change; the new image is a new asset, and other pages are
// not listed.
func TestSessionNewLinkTargetClearsItsWarning(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":           "locales:\n  - code: en-us\n",
		"content/en-us/one.md":   "# One\n\n![Logo](media/logo.png) [Later](later.md)\n",
		"content/en-us/other.md": "# Other\n",
	})
	s, res := Open(Options{Site: site})
	count := func(res *Result) int {
		n := 0
		for _, d := range res.Diags {
			if d.Code == "file-not-found" {
				n++
			}
		}
		return n
	}
	if count(res) != 2 {
		t.Fatalf("first build: want 2 file-not-found, got %v", res.Diags)
	}
	img := filepath.Join(site, "content/en-us/media/logo.png")
	os.MkdirAll(filepath.Dir(img), 0o755)
	os.WriteFile(img, []byte("png"), 0o644)
	res, ch := s.Update([]string{img})
	if count(res) != 1 {
		t.Errorf("after adding the image: want 1 file-not-found, got %v", res.Diags)
	}
	if !slices.Contains(ch.Pages, "en-us/default/one.html") || slices.Contains(ch.Pages, "en-us/default/other.html") {
		t.Errorf("pages to reload %v: want one.html only", ch.Pages)
	}
	if !slices.Contains(ch.NewAssets, "en-us/media/logo.png") || ch.Full {
		t.Errorf("changes %+v: want the image as a new asset, no full reload", ch)
	}
	if data, _ := s.Lookup("en-us/default/one.html"); !strings.Contains(string(data), `src="../media/logo.png"`) {
		t.Errorf("image not linked:\n%s", data)
	}
}
