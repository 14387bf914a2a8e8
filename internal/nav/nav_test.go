package nav

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

func TestResolveHref(t *testing.T) {
	tests := []struct {
		file, href string
		kind       targetKind
		path       string
		query      string
		fragment   string
	}{
		{"admin/TOC.yml", "../commerce/try.md", kindFile, "commerce/try.md", "", ""},
		{"admin/TOC.yml", "setup/index.yml", kindFile, "admin/setup/index.yml", "", ""},
		{"admin/TOC.yml", "a.md?toc=/x/toc.json&bc=/y#top", kindFile, "admin/a.md", "toc=/x/toc.json&bc=/y", "top"},
		{"admin/TOC.yml", `sub\b.md`, kindFile, "admin/sub/b.md", "", ""},
		{"admin/TOC.yml", "~/root.md", kindFile, "root.md", "", ""},
		{"admin/TOC.yml", "users/", kindFolder, "admin/users", "", ""},
		{"admin/TOC.yml", "./", kindFolder, "admin", "", ""},
		{"TOC.yml", "./", kindFolder, "", "", ""},
		{"admin/TOC.yml", "../security/toc.yml", kindTOC, "security/toc.yml", "", ""},
		{"admin/TOC.yml", "/microsoft-365/x", kindRoot, "", "", ""},
		{"admin/TOC.yml", "https://example.com/a?b", kindExternal, "", "", ""},
		{"admin/TOC.yml", "//cdn.example.com/x", kindExternal, "", "", ""},
		{"admin/TOC.yml", "xref:Some.Uid", kindXref, "Some.Uid", "", ""},
		{"admin/TOC.yml", "../../x.md", kindOutside, "", "", ""},
		{"admin/TOC.yml", "~/../x.md", kindOutside, "", "", ""},
		{"admin/TOC.yml", "C:/x.md", kindFile, "admin/C:/x.md", "", ""},
		{"admin/TOC.yml", "#only", kindNone, "", "", "only"},
	}
	for _, tt := range tests {
		got := resolveHref(tt.file, tt.href)
		if got.kind != tt.kind || got.path != tt.path || got.query != tt.query || got.fragment != tt.fragment {
			t.Errorf("resolveHref(%q, %q) = %+v; want kind %d path %q query %q fragment %q", tt.file, tt.href, got, tt.kind, tt.path, tt.query, tt.fragment)
		}
	}
}

// Without a loader or an existence check (a TOC previewed on its own),
// every page is taken as existing and inclusions are simply skipped.
func TestParseTOCWithoutResolver(t *testing.T) {
	src := "- name: A\n  href: a.md\n- name: B\n  href: b/TOC.yml\n- name: C\n  href: c/\n"
	toc, diags := ParseTOC("TOC.yml", []byte(src), nil, nil)
	if len(toc.Items) != 3 || toc.Items[0].Page != "a.md" || toc.Items[0].Missing {
		t.Fatalf("items = %+v", toc.Items)
	}
	for _, d := range diags {
		if d.Code != "file-not-found" {
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
}

// CRLF line endings and a BOM, as real Windows-authored TOCs have, parse
// like plain files and keep their line numbers.
func TestParseTOCWindowsFile(t *testing.T) {
	for _, file := range []string{"TOC.yml", "TOC.md"} {
		src := "\uFEFF- name: A\r\n  href: a.md\r\n- name: B\r\n  href: b.md\r\n"
		if file == "TOC.md" {
			src = "\uFEFF# [A](a.md)\r\n# [B](b.md)\r\n"
		}
		toc, diags := ParseTOC(file, []byte(src), nil, nil)
		if len(diags) != 0 || len(toc.Items) != 2 || toc.Items[1].Name != "B" || toc.Items[1].Page != "b.md" {
			t.Errorf("%s: items %+v diags %v", file, toc.Items, diags)
		}
	}
}

// Filter must not change the TOC it copies: the same TOC is filtered for
// every cloud.
func TestFilterKeepsOriginal(t *testing.T) {
	toc, _ := ParseTOC("TOC.yml", []byte("- name: G\n  items:\n    - name: A\n      href: a.md\n"), nil, nil)
	none := toc.Filter(func(*Item) bool { return false })
	if len(none.Items) != 0 {
		t.Errorf("filtered = %+v", none.Items)
	}
	emptyGroup := toc.Filter(func(it *Item) bool { return it.Page == "" })
	if len(emptyGroup.Items) != 0 {
		t.Errorf("a group whose children were all dropped should go: %+v", emptyGroup.Items)
	}
	if len(toc.Items) != 1 || len(toc.Items[0].Items) != 1 {
		t.Errorf("original changed: %+v", toc.Items)
	}
	if tr := toc.Trail("a.md"); len(tr) != 2 || tr[1].Name != "A" {
		t.Errorf("trail = %v", tr)
	}
}

func TestNilReceivers(t *testing.T) {
	var toc *TOC
	var s *Set
	var b *Breadcrumbs
	if toc.Trail("a.md") != nil || toc.Filter(func(*Item) bool { return true }) != nil || s.TOCFor("a.md") != nil || b.For("/") != nil {
		t.Error("nil receivers should return nothing")
	}
	if p, n := toc.PrevNext("a.md"); p != nil || n != nil {
		t.Error("nil TOC has no neighbours")
	}
}

func TestIsBreadcrumbFile(t *testing.T) {
	for f, want := range map[string]bool{
		"breadcrumb/toc.yml":              true,
		"security/mtp/Breadcrumb/TOC.yml": true,
		"admin/TOC.yml":                   false,
		"breadcrumb/index.md":             false,
	} {
		if got := IsBreadcrumbFile(f); got != want {
			t.Errorf("IsBreadcrumbFile(%q) = %v", f, got)
		}
	}
}

// A chain of inclusions that doubles at every level is cut by the item
// budget instead of exhausting memory.
func TestIncludeBlowupIsBounded(t *testing.T) {
	src := []byte("- name: x\n  href: a/TOC.yml\n- name: y\n  href: b/TOC.yml\n")
	load := func(string) ([]byte, bool) { return src, true }
	toc, diags := ParseTOC("TOC.yml", src, load, nil)
	if toc == nil || len(diags) == 0 {
		t.Fatalf("want a diagnostic for the runaway TOC, got %v", diags)
	}
}

// seeds returns every TOC-like file of the golden archives.
func seeds(t testing.TB, match func(name string) bool) [][]byte {
	files, _ := filepath.Glob("testdata/*.txtar")
	var out [][]byte
	for _, f := range files {
		ar, err := txtar.ParseFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range ar.Files {
			if match(file.Name) {
				out = append(out, file.Data)
			}
		}
	}
	return out
}

// FuzzParseTOC feeds arbitrary TOC.yml and TOC.md text. Every TOC file the
// input includes has the same text, so inclusion chains, cycles and folder
// references all get exercised; nothing may panic or run away.
func FuzzParseTOC(f *testing.F) {
	for _, s := range seeds(f, IsTOCFile) {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src []byte, md bool) {
		file := "a/TOC.yml"
		if md {
			file = "a/TOC.md"
		}
		load := func(string) ([]byte, bool) { return src, true }
		exists := func(rel string) (string, bool) { return strings.ToLower(rel), len(rel)%3 != 0 }
		toc, diags := ParseTOC(file, src, load, exists)
		if toc == nil {
			t.Fatal("nil TOC")
		}
		for _, d := range diags {
			if d.Pos.File == "" || d.Code == "" {
				t.Errorf("diagnostic without file or code: %s", d)
			}
		}
		Walk(toc.Items, func(it *Item, _ []*Item) bool {
			toc.Trail(it.Page)
			toc.PrevNext(it.Page)
			return true
		})
		toc.Filter(func(it *Item) bool { return it.MonikerRange == "" })
		b, _ := ParseBreadcrumb(file, src)
		b.For("/a/b")
	})
}

// FuzzParseLanding feeds arbitrary YamlMime pages.
func FuzzParseLanding(f *testing.F) {
	for _, s := range seeds(f, func(n string) bool { return strings.HasSuffix(n, ".yml") && !IsTOCFile(n) }) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l, _ := ParseLanding("x/index.yml", src)
		if l == nil {
			t.Fatal("nil landing")
		}
		l.Resolve(func(rel string) (string, bool) { return rel, true })
	})
}

// BenchmarkLoadAll measures a docset shaped like the real one: 13 TOC
// files, about 1,760 items, depth up to 7, every page existing.
func BenchmarkLoadAll(b *testing.B) {
	files := map[string][]byte{}
	var names []string
	pages := map[string]bool{}
	for t := 0; t < 13; t++ {
		folder := fmt.Sprintf("area%d", t)
		var sb strings.Builder
		n := 0
		var gen func(depth int, indent string)
		gen = func(depth int, indent string) {
			for i := 0; i < 3 && n < 135; i++ {
				n++
				page := fmt.Sprintf("p%d.md", n)
				pages[folder+"/"+page] = true
				fmt.Fprintf(&sb, "%s- name: Page %d\n%s  href: %s\n", indent, n, indent, page)
				if depth < 7 && i == 0 {
					fmt.Fprintf(&sb, "%s  items:\n", indent)
					gen(depth+1, indent+"    ")
				}
			}
		}
		for n < 135 {
			gen(1, "")
		}
		name := folder + "/TOC.yml"
		files[name] = []byte(sb.String())
		names = append(names, name)
	}
	load := func(rel string) ([]byte, bool) { d, ok := files[rel]; return d, ok }
	exists := func(rel string) (string, bool) { return rel, pages[rel] }
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, diags := LoadAll(names, load, exists)
		if len(diags) != 0 || len(s.TOCs) != 13 {
			b.Fatal(diags)
		}
	}
}
