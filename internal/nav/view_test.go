package nav

import (
	"fmt"
	"strings"
	"testing"
)

// viewOf parses src as TOC.yml and returns its view in cloud, where
// clouds says which clouds each page is published in (absent: every one).
func viewOf(t testing.TB, src string, clouds map[string]string, cloud string) (*TOC, *TOC) {
	t.Helper()
	toc, _ := ParseTOC("TOC.yml", []byte(src), nil, nil)
	v := toc.View(
		func(it *Item) bool {
			return it.MonikerRange == "" || strings.Contains(","+it.MonikerRange+",", ","+cloud+",")
		},
		func(page string) bool { c, ok := clouds[page]; return !ok || strings.Contains(c, cloud) })
	return toc, v
}

func label(it *Item) string {
	if it == nil {
		return "-"
	}
	return it.Page
}

// The hang of issue 11: TOC C, X, Y, X with X and Y published in cloud a
// only. In cloud b the old previous/next walk went X -> Y -> X -> Y for
// ever; now C has no neighbours there, and in cloud a the walk still
// crosses the duplicate.
func TestPrevNextDuplicateUnpublished(t *testing.T) {
	src := "- name: C\n  href: c.md\n- name: X\n  href: x.md\n- name: Y\n  href: y.md\n- name: X again\n  href: x.md\n"
	clouds := map[string]string{"x.md": "a", "y.md": "a"}
	_, b := viewOf(t, src, clouds, "b")
	if p, n := b.PrevNext("c.md"); p != nil || n != nil {
		t.Errorf("cloud b: C prev/next = %s/%s, want none", label(p), label(n))
	}
	_, a := viewOf(t, src, clouds, "a")
	for page, want := range map[string]string{"c.md": "-/x.md", "x.md": "c.md/y.md", "y.md": "x.md/x.md"} {
		p, n := a.PrevNext(page)
		if got := label(p) + "/" + label(n); got != want {
			t.Errorf("cloud a: %s prev/next = %s, want %s", page, got, want)
		}
	}
}

// A, X, B, X with X in cloud a only: in cloud b, B's next must not be B.
func TestPrevNextNeverSelf(t *testing.T) {
	src := "- name: A\n  href: a.md\n- name: X\n  href: x.md\n- name: B\n  href: b.md\n- name: X\n  href: x.md\n"
	_, v := viewOf(t, src, map[string]string{"x.md": "a"}, "b")
	if p, n := v.PrevNext("b.md"); label(p) != "a.md" || n != nil {
		t.Errorf("B prev/next = %s/%s, want a.md/-", label(p), label(n))
	}
	if p, n := v.PrevNext("a.md"); p != nil || label(n) != "b.md" {
		t.Errorf("A prev/next = %s/%s, want -/b.md", label(p), label(n))
	}
}

// A root item linking a page that is not built in the cloud keeps its
// tree, as a heading; an item's own monikerRange drops it with its
// children.
func TestViewKeepsChildrenOfUnbuiltPage(t *testing.T) {
	src := "- name: Root\n  href: root.md\n  items:\n  - name: Child\n    href: child.md\n  - name: Only a\n    href: only.md\n    monikerRange: a\n    items:\n    - name: Grandchild\n      href: gc.md\n"
	_, v := viewOf(t, src, map[string]string{"root.md": "a"}, "b")
	if len(v.Items) != 1 || v.Items[0].Page != "" || v.Items[0].Name != "Root" {
		t.Fatalf("root = %+v, want a heading", v.Items)
	}
	if kids := v.Items[0].Items; len(kids) != 1 || kids[0].Page != "child.md" {
		t.Errorf("children = %+v, want only Child (Only a is out of range)", kids)
	}
	if tr := v.Trail("child.md"); len(tr) != 2 || tr[0].Name != "Root" {
		t.Errorf("trail = %v", tr)
	}
}

// FuzzNavView builds the cloud views of an arbitrary TOC.yml whose pages
// are published in clouds picked by the fuzzer, and checks what a reader
// of every cloud gets: the walks end, previous/next never lead a page to
// itself, and every page the sidebar, trail and previous/next link is a
// published page of that cloud.
func FuzzNavView(f *testing.F) {
	f.Add([]byte("- name: C\n  href: c.md\n- name: X\n  href: x.md\n- name: Y\n  href: y.md\n- name: X\n  href: x.md\n"), []byte{3, 1, 1})
	f.Add([]byte("- name: A\n  href: a.md\n- name: X\n  href: x.md\n- name: B\n  href: b.md\n- name: X\n  href: x.md\n"), []byte{3, 1, 3})
	for _, s := range seeds(f, IsTOCFile) {
		f.Add(s, []byte{1, 2, 3, 0})
	}
	clouds := []string{"a", "b", "c"}
	f.Fuzz(func(t *testing.T, src []byte, masks []byte) {
		load := func(string) ([]byte, bool) { return src, true }
		toc, _ := ParseTOC("TOC.yml", src, load, nil)
		index := map[string]int{}
		Walk(toc.Items, func(it *Item, _ []*Item) bool {
			if _, ok := index[it.Page]; !ok && it.Page != "" {
				index[it.Page] = len(index)
			}
			return true
		})
		published := func(ci int) func(string) bool {
			return func(page string) bool {
				i, ok := index[page]
				if !ok || len(masks) == 0 {
					return ok
				}
				return masks[i%len(masks)]&(1<<ci) != 0
			}
		}
		for ci, cloud := range clouds {
			pub := published(ci)
			v := toc.View(func(it *Item) bool { return !strings.Contains(it.MonikerRange, cloud) }, pub)
			check := func(what string, it *Item) {
				if it != nil && it.Page != "" && !pub(it.Page) {
					t.Fatalf("cloud %s: %s links %s, not published there", cloud, what, it.Page)
				}
			}
			steps := 0
			Walk(v.Items, func(it *Item, parents []*Item) bool {
				if steps++; steps > 1_000_000 {
					t.Fatal("sidebar walk does not end")
				}
				check("sidebar", it)
				if it.Page == "" {
					return true
				}
				for _, tr := range v.Trail(it.Page) {
					check("trail of "+it.Page, tr)
				}
				p, n := v.PrevNext(it.Page)
				for _, x := range []*Item{p, n} {
					check("prev/next of "+it.Page, x)
					if x != nil && x.Page == it.Page {
						t.Fatalf("cloud %s: %s links itself as previous/next", cloud, it.Page)
					}
				}
				return true
			})
		}
	})
}

func ExampleTOC_View() {
	toc, _ := ParseTOC("TOC.yml", []byte("- name: Setup\n  href: setup.md\n  items:\n  - name: Users\n    href: users.md\n"), nil, nil)
	v := toc.View(nil, func(page string) bool { return page != "setup.md" })
	fmt.Println(v.Items[0].Name, v.Items[0].Page == "", v.Items[0].Items[0].Page)
	// Output: Setup true users.md
}

func TestMatchBreadcrumbPath(t *testing.T) {
	files := []string{"bread/toc.yml", "docs-conceptual/developer/bread/toc.yml", "microsoft-365/breadcrumb/toc.yml", "microsoft-365/security/breadcrumb/toc.yml", "TOC.yml"}
	for value, want := range map[string]string{
		"/powershell/scripting/bread/toc.json":        "bread/toc.yml",
		"/microsoft-365/breadcrumb/toc.json":          "microsoft-365/breadcrumb/toc.yml",
		"/microsoft-365/security/breadcrumb/toc.json": "microsoft-365/security/breadcrumb/toc.yml",
		"~/microsoft-365/breadcrumb/toc.yml":          "microsoft-365/breadcrumb/toc.yml",
		"/azure/breadcrumb/toc.json":                  "",
		"/x/ubread/toc.json":                          "",
	} {
		if got := MatchBreadcrumbPath(value, files); got != want {
			t.Errorf("MatchBreadcrumbPath(%q) = %q, want %q", value, got, want)
		}
	}
}

// Of several breadcrumb files that match a page, the most specific wins,
// and among equally specific ones the first in path order, every time.
func TestCrumbsDeterministic(t *testing.T) {
	files := map[string][]byte{
		"b/breadcrumb/toc.yml": []byte("- name: B\n  tocHref: /docs/\n  topicHref: /b\n"),
		"a/breadcrumb/toc.yml": []byte("- name: A\n  tocHref: /docs/\n  topicHref: /a\n"),
		"c/breadcrumb/toc.yml": []byte("- name: Root\n  tocHref: /\n  topicHref: /\n  items:\n  - name: Deep\n    tocHref: /docs/deep/\n    topicHref: /deep\n"),
	}
	names := []string{"b/breadcrumb/toc.yml", "a/breadcrumb/toc.yml", "c/breadcrumb/toc.yml"}
	load := func(rel string) ([]byte, bool) { d, ok := files[rel]; return d, ok }
	for i := 0; i < 20; i++ {
		s, _ := LoadAll(names, load, nil)
		if b, chain := s.Crumbs("/docs/page", ""); b == nil || b.File != "a/breadcrumb/toc.yml" || len(chain) != 1 {
			t.Fatalf("/docs/page: got %v %v, want a/breadcrumb/toc.yml", b, chain)
		}
		if b, chain := s.Crumbs("/docs/deep/page", ""); b == nil || b.File != "c/breadcrumb/toc.yml" || len(chain) != 2 {
			t.Fatalf("/docs/deep/page: got %v, want the deeper c/breadcrumb/toc.yml", b)
		}
		if b, _ := s.Crumbs("/docs/page", "/b/breadcrumb/toc.json"); b == nil || b.File != "b/breadcrumb/toc.yml" {
			t.Fatalf("named file not used: %v", b)
		}
	}
}

// A view shares the items it leaves as they were with the TOC, so viewing
// a large TOC once per cloud does not copy it once per cloud; the items it
// changes, and their parents, are its own, and the TOC is not changed.
func TestViewSharesUnchangedItems(t *testing.T) {
	src := "- name: Kept\n  href: kept.md\n  items:\n  - name: K1\n    href: k1.md\n  - name: K2\n    href: k2.md\n" +
		"- name: Group\n  items:\n  - name: Only a\n    href: only-a.md\n  - name: G2\n    href: g2.md\n" +
		"- name: Hidden in b\n  href: hidden.md\n  monikerRange: a\n"
	toc, a := viewOf(t, src, map[string]string{"only-a.md": "a"}, "a")
	if len(a.Items) != len(toc.Items) || &a.Items[0] != &toc.Items[0] {
		t.Errorf("cloud a: the view copied a TOC it leaves unchanged")
	}
	toc, b := viewOf(t, src, map[string]string{"only-a.md": "a"}, "b")
	if len(b.Items) != 2 {
		t.Fatalf("cloud b: %d root items, want Kept and Group", len(b.Items))
	}
	if b.Items[0] != toc.Items[0] {
		t.Errorf("cloud b: Kept, unchanged, is a copy")
	}
	g := b.Items[1]
	if g == toc.Items[1] || len(g.Items) != 1 || g.Items[0] != toc.Items[1].Items[1] {
		t.Errorf("cloud b: Group should be a copy holding the TOC's own G2 only, got %+v", g)
	}
	if len(toc.Items) != 3 || len(toc.Items[1].Items) != 2 {
		t.Errorf("the view changed the TOC")
	}
}
