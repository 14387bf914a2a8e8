package render

import (
	"fmt"
	"strings"
	"testing"
)

func TestSidebarMarksThePage(t *testing.T) {
	items := []*NavItem{
		{Page: "a.md", Name: "A", URL: "/a/"},
		{Name: "Group", Items: []*NavItem{
			{Page: "b.md", Name: "B <&>", URL: "/b/"},
			{Name: "Inner", Items: []*NavItem{{Page: "c.md", Name: "C", URL: "/c/"}}},
		}},
	}
	s := NewSidebar(items)
	// The same markup NavTree writes for the same marks.
	items[1].Open, items[1].Items[1].Open, items[1].Items[1].Items[0].Current = true, true, true
	if got, want := string(s.For("c.md")), string(NavTree(items)); got != want {
		t.Errorf("For(c.md):\n%s\nwant\n%s", got, want)
	}
	a := string(s.For("a.md"))
	if !strings.Contains(a, `<a href="/a/" aria-current="page">A</a>`) || strings.Contains(a, " open") {
		t.Errorf("For(a.md) = %s", a)
	}
	if !strings.Contains(a, "B &lt;&amp;&gt;") {
		t.Errorf("names are not escaped: %s", a)
	}
	if got := string(s.For("nowhere.md")); strings.Contains(got, "aria-current") {
		t.Errorf("an unknown page is marked: %s", got)
	}
}

// A page listed twice gets one current entry: the first, whose section
// opens; the second entry's section stays closed.
func TestSidebarMarksAPageListedTwiceOnce(t *testing.T) {
	items := []*NavItem{
		{Name: "First", Items: []*NavItem{{Page: "x.md", Name: "X", URL: "/x"}}},
		{Name: "Second", Items: []*NavItem{{Page: "x.md", Name: "X again", URL: "/x"}}},
	}
	got := string(NewSidebar(items).For("x.md"))
	if n := strings.Count(got, `aria-current="page"`); n != 1 {
		t.Errorf("%d current entries, want 1:\n%s", n, got)
	}
	if n := strings.Count(got, "<details open"); n != 1 || !strings.Contains(got, `aria-current="page">X</a>`) {
		t.Errorf("want only the first entry current and open:\n%s", got)
	}
}

// A page's branch shows every entry of each level on its way, with the
// entries off the way as links without their children (to their own page,
// else their first page), an expanded entry with its children, and the
// page marked; the same sidebar gives each page its own branch.
func TestSidebarBranch(t *testing.T) {
	items := []*NavItem{
		{Page: "a.md", Name: "A", URL: "/a/"},
		{Name: "Group", Items: []*NavItem{
			{Page: "b.md", Name: "B <&>", URL: "/b/"},
			{Name: "Inner", Items: []*NavItem{{Page: "c.md", Name: "C", URL: "/c/"}}},
			{Name: "Other", URL: "/other/", Items: []*NavItem{{Page: "d.md", Name: "D", URL: "/d/"}}},
		}},
		{Name: "Expanded", Open: true, Items: []*NavItem{{Page: "e.md", Name: "E", URL: "/e/"}}},
		{Name: "Closed", Items: []*NavItem{{Name: "Deeper", Items: []*NavItem{{Page: "f.md", Name: "F", URL: "/f/"}}}}},
	}
	s := NewSidebar(items)
	expanded := `<li><details open><summary><span>Expanded</span></summary><ul><li><a href="/e/">E</a></li>` + "\n" + `</ul></details></li>` + "\n"
	closed := `<li><a href="/f/">Closed</a></li>` + "\n"
	want := `<ul><li><a href="/a/">A</a></li>` + "\n" +
		`<li><details open><summary><span>Group</span></summary><ul><li><a href="/b/">B &lt;&amp;&gt;</a></li>` + "\n" +
		`<li><details open><summary><span>Inner</span></summary><ul><li><a href="/c/" aria-current="page">C</a></li>` + "\n" +
		`</ul></details></li>` + "\n" +
		`<li><a href="/other/">Other</a></li>` + "\n" +
		`</ul></details></li>` + "\n" + expanded + closed + `</ul>`
	if got := string(s.Branch("c.md")); got != want {
		t.Errorf("Branch(c.md):\n%s\nwant\n%s", got, want)
	}
	want = `<ul><li><a href="/a/" aria-current="page">A</a></li>` + "\n" +
		`<li><a href="/b/">Group</a></li>` + "\n" + expanded + closed + `</ul>`
	if got := string(s.Branch("a.md")); got != want {
		t.Errorf("Branch(a.md):\n%s\nwant\n%s", got, want)
	}
	if got := string(s.Branch("nowhere.md")); strings.Contains(got, "aria-current") || !strings.Contains(got, `<a href="/b/">Group</a>`) {
		t.Errorf("Branch(nowhere.md) = %s", got)
	}
}

// A sidebar only ever marked with For (a TOC small enough to repeat whole
// in its pages, most of a docset's) does not make what Branch copies
// from: on a generated 20,000-page docset that was 30 MB held through the
// rendering.
func TestSidebarMakesBranchesOnlyForBranch(t *testing.T) {
	var items []*NavItem
	for i := 0; i < 40; i++ {
		g := &NavItem{Name: fmt.Sprint("Group ", i)}
		for j := 0; j < 25; j++ {
			p := fmt.Sprintf("g%d/p%d.md", i, j)
			g.Items = append(g.Items, &NavItem{Page: p, Name: "Page " + p, URL: "/" + p})
		}
		items = append(items, g)
	}
	marked := testing.AllocsPerRun(5, func() { NewSidebar(items).For("g3/p4.md") })
	branched := testing.AllocsPerRun(5, func() { NewSidebar(items).Branch("g3/p4.md") })
	if marked*4 > branched*3 {
		t.Errorf("a sidebar marked with For makes %.0f allocations, one branched %.0f: For makes the branch data too", marked, branched)
	}
}
