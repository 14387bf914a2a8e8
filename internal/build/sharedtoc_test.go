package build

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/docloom/docloom/internal/browsertest"
)

// sharedTOCSite is a docset whose TOC is shared: 3 groups of 12 pages, one
// group a heading without a page, one nested two levels, one expanded.
func sharedTOCSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	files := map[string]string{
		"docloom.yaml":          "title: T\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/home.md": "# Home\n",
	}
	toc := "- name: Home\n  href: home.md\n"
	for g, shape := range []string{"heading", "nested", "expanded"} {
		toc += fmt.Sprintf("- name: Group %d\n", g)
		switch shape {
		case "nested":
			toc += fmt.Sprintf("  href: g%d/index.md\n", g)
			files[fmt.Sprintf("content/en-us/g%d/index.md", g)] = fmt.Sprintf("# Group %d\n", g)
		case "expanded":
			toc += "  expanded: true\n"
		}
		toc += "  items:\n"
		for i := 0; i < 12; i++ {
			indent := "  "
			if shape == "nested" && i >= 6 {
				if i == 6 {
					toc += "  - name: Inner\n    items:\n"
				}
				indent = "    "
			}
			toc += fmt.Sprintf("%s- name: Page %d.%d\n%s  href: g%d/p%d.md\n", indent, g, i, indent, g, i)
			files[fmt.Sprintf("content/en-us/g%d/p%d.md", g, i)] = fmt.Sprintf("# Page %d.%d\n", g, i)
		}
	}
	files["content/en-us/TOC.yml"] = toc
	writeSite(t, site, files)
	return site
}

var hrefRE = regexp.MustCompile(`href="([^"]*)"`)

// TestSharedTOC: past its size threshold a TOC is one file per locale and
// cloud, each page carries only its branch, and without JavaScript a
// reader still reaches every page of the TOC by following sidebar links.
func TestSharedTOC(t *testing.T) {
	defer func(n int) { sharedTOCMin = n }(sharedTOCMin)
	sharedTOCMin = 0
	site := sharedTOCSite(t)
	buildWithin(t, site, 30*time.Second)
	out := filepath.Join(site, "public")

	whole := readOut(t, site, "_docloom/toc/en-us/a/toc.html")
	var all []string
	for _, m := range hrefRE.FindAllStringSubmatch(whole, -1) {
		all = append(all, m[1])
	}
	if len(all) != 38 || strings.Contains(whole, "aria-current") {
		t.Fatalf("the shared TOC has %d links (want 38) or marks a page:\n%s", len(all), whole)
	}
	page := readOut(t, site, "en-us/a/g1/p8.html")
	side := page[strings.Index(page, `<nav class="sidebar"`):]
	side = side[:strings.Index(side, "</nav>")]
	if !strings.Contains(side, `data-toc="/_docloom/toc/en-us/a/toc.html"`) {
		t.Errorf("the page does not name its shared TOC:\n%s", side)
	}
	if !strings.Contains(side, `<a href="/en-us/a/g1/p8" aria-current="page">Page 1.8</a>`) {
		t.Errorf("the current page is not marked in its branch:\n%s", side)
	}
	if strings.Contains(side, "Page 0.3") || !strings.Contains(side, "Page 2.3") || !strings.Contains(side, "Page 1.7") || !strings.Contains(side, "Page 1.2<") {
		t.Errorf("the branch should hold every entry on the way to the page, the expanded group, and no other group's pages:\n%s", side)
	}
	if len(side) >= len(whole) {
		t.Errorf("the branch (%d bytes) is not smaller than the TOC (%d)", len(side), len(whole))
	}

	// Follow sidebar links from the home page, as a reader without
	// JavaScript: every page of the TOC is reached.
	seen := map[string]bool{"/en-us/a/home": true}
	queue := []string{"/en-us/a/home"}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		data, err := os.ReadFile(filepath.Join(out, OutputFile(strings.TrimPrefix(u, "/"))))
		if err != nil {
			t.Fatalf("sidebar link %s opens nothing: %v", u, err)
		}
		doc := string(data)
		nav := doc[strings.Index(doc, `<nav class="sidebar"`):]
		nav = nav[:strings.Index(nav, "</nav>")]
		for _, m := range hrefRE.FindAllStringSubmatch(nav, -1) {
			if !seen[m[1]] {
				seen[m[1]] = true
				queue = append(queue, m[1])
			}
		}
	}
	var missed []string
	for _, u := range all {
		if !seen[u] {
			missed = append(missed, u)
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("without JavaScript the sidebar never leads to %v", missed)
	}
	if _, err := os.Stat(filepath.Join(out, "_docloom/toc/en-us/b/toc.html")); err != nil {
		t.Error("no shared TOC for cloud b")
	}

	// With JavaScript the whole TOC replaces the branch, the page marked.
	br := browsertest.Start(t)
	base := browsertest.Serve(t, out)
	p := br.NewPage(t, browsertest.PageOptions{})
	p.Navigate(base + "/en-us/a/g1/p8")
	p.Do(chromedp.WaitReady(`nav.sidebar[data-toc-loaded]`))
	type view struct {
		Links   int    `json:"links"`
		Current string `json:"current"`
		Open    bool   `json:"open"`
		Closed  bool   `json:"closed"`
	}
	got := browsertest.Eval[view](p, `(() => {
		const nav = document.querySelector('nav.sidebar');
		const cur = nav.querySelectorAll('a[aria-current="page"]');
		const ds = [...nav.querySelectorAll('.toc-disclosure details')];
		return {
			links: nav.querySelectorAll('.toc-disclosure a[href]').length,
			current: cur.length === 1 ? cur[0].getAttribute('href') : String(cur.length),
			open: [...ds].filter(d => d.contains(cur[0])).every(d => d.open),
			closed: ds.some(d => !d.open),
		};
	})()`)
	if got.Links != 38 || got.Current != "/en-us/a/g1/p8" || !got.Open || !got.Closed {
		t.Errorf("with JavaScript: %+v; want the 38 links, the page marked, the way to it open, other groups closed", got)
	}
}
