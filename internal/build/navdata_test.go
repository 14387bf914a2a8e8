package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// buildWithin builds site into its public folder, failing the test when
// the build takes longer than d: a looping navigation walk would hang a
// docs team's CI until its timeout.
func buildWithin(t *testing.T, site string, d time.Duration) *Result {
	t.Helper()
	done := make(chan *Result, 1)
	go func() { done <- Run(Options{Site: site, Out: filepath.Join(site, "public")}) }()
	select {
	case res := <-done:
		if res.Failed(false) {
			t.Fatalf("build failed: %s %v", res.Summary(), res.Diags)
		}
		return res
	case <-time.After(d):
		t.Fatalf("the build did not finish within %s", d)
	}
	return nil
}

func readOut(t *testing.T, site, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(site, "public", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

var prevNextRE = regexp.MustCompile(`<a[^>]*rel="(prev|next)"[^>]*href="([^"]*)"|<a[^>]*href="([^"]*)"[^>]*rel="(prev|next)"`)

// prevNext returns the previous and next links of a written page.
func prevNext(doc string) (prev, next string) {
	for _, m := range prevNextRE.FindAllStringSubmatch(doc, -1) {
		rel, href := m[1], m[2]
		if rel == "" {
			rel, href = m[4], m[3]
		}
		if rel == "prev" {
			prev = href
		} else {
			next = href
		}
	}
	return prev, next
}

// Issue 11's hang: TOC C, X, Y, X with X and Y only in cloud a. The build
// in cloud b must finish, and no page may be its own previous or next.
func TestPrevNextWithDuplicateEntriesFinishes(t *testing.T) {
	for name, toc := range map[string]string{
		"C,X,Y,X": "- name: C\n  href: c.md\n- name: X\n  href: x.md\n- name: Y\n  href: y.md\n- name: X again\n  href: x.md\n",
		"A,X,B,X": "- name: C\n  href: c.md\n- name: X\n  href: x.md\n- name: B\n  href: y.md\n- name: X again\n  href: x.md\n",
	} {
		t.Run(name, func(t *testing.T) {
			site := t.TempDir()
			only := "---\ntitle: %s\nmonikerRange: a\n---\n# T\n"
			yOnly := only
			if name == "A,X,B,X" {
				yOnly = "---\ntitle: %s\n---\n# T\n"
			}
			writeSite(t, site, map[string]string{
				"docloom.yaml":          "title: N\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
				"content/en-us/TOC.yml": toc,
				"content/en-us/c.md":    "# C\n",
				"content/en-us/x.md":    strings.Replace(only, "%s", "X", 1),
				"content/en-us/y.md":    strings.Replace(yOnly, "%s", "Y", 1),
			})
			buildWithin(t, site, 20*time.Second)
			if _, n := prevNext(readOut(t, site, "en-us/a/c.html")); n != "/en-us/a/x" {
				t.Errorf("cloud a: C's next = %q, want /en-us/a/x", n)
			}
			for _, f := range []string{"en-us/a/c.html", "en-us/a/x.html", "en-us/a/y.html", "en-us/b/c.html", "en-us/b/y.html"} {
				if _, err := os.Stat(filepath.Join(site, "public", f)); err != nil {
					continue
				}
				doc := readOut(t, site, f)
				self := strings.TrimSuffix(filepath.Base(f), ".html")
				p, n := prevNext(doc)
				if strings.HasSuffix(p, "/"+self) || strings.HasSuffix(n, "/"+self) || p == self || n == self {
					t.Errorf("%s links itself: prev %q next %q", f, p, n)
				}
				if strings.HasPrefix(f, "en-us/b/") && (strings.Contains(p, "x") || strings.Contains(n, "x")) {
					t.Errorf("%s links x, which cloud b does not have: prev %q next %q", f, p, n)
				}
			}
		})
	}
}

// Navigation on a real-shaped TOC: an item's monikerRange hides it in
// other clouds; a root item linking a page not built in the cloud keeps
// its children; root-relative hrefs to other docsets go through rootLinks;
// an empty TOC and a duplicate entry are warned about.
func TestSidebarPerCloud(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": "title: N\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/TOC.yml": "- name: Root\n  href: root.md\n  items:\n  - name: Child\n    href: child.md\n  - name: A only\n    href: other.md\n    monikerRange: a\n" +
			"  - name: Elsewhere\n    href: /azure/overview\n  - name: Child twice\n    href: child.md\n",
		"content/en-us/root.md":       "---\nmonikerRange: a\n---\n# Root\n",
		"content/en-us/child.md":      "# Child\n",
		"content/en-us/other.md":      "# Other\n",
		"content/en-us/empty/TOC.yml": "",
	})
	res := buildWithin(t, site, 20*time.Second)
	codes := map[string]bool{}
	for _, d := range res.Diags {
		codes[d.Code] = true
	}
	for _, c := range []string{"toc-empty", "duplicate-toc-entry"} {
		if !codes[c] {
			t.Errorf("no %s warning: %v", c, res.Diags)
		}
	}
	b := readOut(t, site, "en-us/b/child.html")
	side := b[strings.Index(b, `<nav class="sidebar"`):]
	side = side[:strings.Index(side, "</nav>")]
	if !strings.Contains(side, "<span>Root</span>") || !strings.Contains(side, ">Child</a>") {
		t.Errorf("cloud b: Root should stay as a heading above Child:\n%s", side)
	}
	if strings.Contains(side, "A only") {
		t.Errorf("cloud b shows an item whose monikerRange is a:\n%s", side)
	}
	if !strings.Contains(side, `href="https://learn.microsoft.com/en-us/azure/overview"`) {
		t.Errorf("the link to another docset does not go through rootLinks:\n%s", side)
	}
	if n := strings.Count(side, `aria-current="page"`); n != 1 {
		t.Errorf("%d current entries for a page listed twice, want 1", n)
	}
	if a := readOut(t, site, "en-us/a/child.html"); !strings.Contains(a, "A only") {
		t.Error("cloud a lost the item whose monikerRange is a")
	}
}

// Breadcrumbs: the file breadcrumb_path names is used, wherever it lives;
// without one, the most specific of several matching files wins whatever
// the map order; topicHrefs resolve to pages of the site (letter case
// ignored, as Learn's URLs) or else go through rootLinks.
func TestBreadcrumbsChosenAndResolved(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":                                   "title: N\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n",
		"content/en-us/m365/breadcrumb/toc.yml":          "- name: M365\n  tocHref: /\n  topicHref: /m365/Enterprise/index\n  items:\n  - name: Security\n    tocHref: /m365/security/\n    topicHref: /m365/security/index\n",
		"content/en-us/m365/security/breadcrumb/toc.yml": "- name: M365\n  tocHref: /\n  topicHref: /m365/Enterprise/index\n  items:\n  - name: Defender\n    tocHref: /m365/security/defender/\n    topicHref: /defender/index\n",
		"content/en-us/bread/toc.yml":                    "- name: Named\n  tocHref: /docs/\n  topicHref: /docs/enterprise/index\n",
		"content/en-us/m365/enterprise/index.md":         "# Enterprise\n",
		"content/en-us/m365/security/index.md":           "# Security\n",
		"content/en-us/m365/security/defender/d.md":      "# D\n",
		"content/en-us/m365/security/other.md":           "# Other\n",
		"content/en-us/m365/named.md":                    "---\nbreadcrumb_path: /docs/bread/toc.json\n---\n# Named\n",
		"content/en-us/m365/lost.md":                     "---\nbreadcrumb_path: /nowhere/breadcrumb/toc.json\n---\n# Lost\n",
	})
	res := buildWithin(t, site, 20*time.Second)
	warned := false
	for _, d := range res.Diags {
		warned = warned || d.Code == "breadcrumb-path-not-found" && strings.Contains(d.Pos.File, "lost.md")
	}
	if !warned {
		t.Errorf("no breadcrumb-path-not-found warning at lost.md: %v", res.Diags)
	}
	crumbs := func(rel string) string {
		doc := readOut(t, site, rel)
		i := strings.Index(doc, `class="breadcrumbs"`)
		if i < 0 {
			t.Fatalf("%s has no breadcrumbs", rel)
		}
		doc = doc[i:]
		return doc[:strings.Index(doc, "</ol>")]
	}
	d := crumbs("en-us/a/m365/security/defender/d.html")
	if !strings.Contains(d, `href="/en-us/a/m365/enterprise/">M365`) || !strings.Contains(d, `href="https://learn.microsoft.com/en-us/defender/index">Defender`) {
		t.Errorf("defender page: want the most specific file, with M365 on the site and Defender on Learn:\n%s", d)
	}
	if o := crumbs("en-us/a/m365/security/other.html"); !strings.Contains(o, `href="/en-us/a/m365/security/">Security`) {
		t.Errorf("security page: want the trail of m365/breadcrumb:\n%s", o)
	}
	if n := crumbs("en-us/a/m365/named.html"); !strings.Contains(n, "Named") || !strings.Contains(n, `href="/en-us/a/m365/enterprise/"`) && !strings.Contains(n, "learn.microsoft.com") {
		t.Errorf("named file not used:\n%s", n)
	}
}
