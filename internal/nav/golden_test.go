package nav

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// Each testdata/*.txtar is a small docset: every file except "queries" and
// "want" is a docset file (pages may be empty; only their existence
// matters). The test loads all TOC files with LoadAll, dumps every TOC and
// the diagnostics, runs the queries, and compares with "want".
//
// Queries, one per line:
//
//	tocfor PAGE                which TOC a page shows
//	trail TOC PAGE             root..item chain of PAGE in TOC
//	prevnext TOC PAGE          previous and next pages in reading order
//	filter TOC MONIKER         TOC items visible in a cloud
//	crumbs FILE URLPATH        breadcrumb trail of a URL path
//	landing FILE               a YamlMime landing page
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := runArchive(ar)
			idx := -1
			for i, file := range ar.Files {
				if file.Name == "want" {
					idx = i
				}
			}
			if *update {
				if idx < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					idx = len(ar.Files) - 1
				}
				ar.Files[idx].Data = []byte(got)
				if err := os.WriteFile(f, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if idx < 0 {
				t.Fatalf("no want section; run go test -update\n%s", got)
			}
			if want := string(ar.Files[idx].Data); got != want {
				t.Errorf("output differs from want (go test -update rewrites it)\n--- got\n%s--- want\n%s", got, want)
			}
		})
	}
}

// fakeDocset serves an archive's files, matching paths case-insensitively
// as Learn does.
type fakeDocset struct {
	data  map[string][]byte
	lower map[string]string
}

func newFakeDocset(ar *txtar.Archive) *fakeDocset {
	d := &fakeDocset{data: map[string][]byte{}, lower: map[string]string{}}
	for _, f := range ar.Files {
		if f.Name == "want" || f.Name == "queries" {
			continue
		}
		d.data[f.Name] = f.Data
		d.lower[strings.ToLower(f.Name)] = f.Name
	}
	return d
}

func (d *fakeDocset) load(rel string) ([]byte, bool) {
	b, ok := d.data[rel]
	return b, ok
}

func (d *fakeDocset) exists(rel string) (string, bool) {
	c, ok := d.lower[strings.ToLower(rel)]
	return c, ok
}

func runArchive(ar *txtar.Archive) string {
	d := newFakeDocset(ar)
	var tocFiles []string
	for name := range d.data {
		if IsTOCFile(name) {
			tocFiles = append(tocFiles, name)
		}
	}
	set, diags := LoadAll(tocFiles, d.load, d.exists)
	var b strings.Builder
	for _, f := range set.Files() {
		fmt.Fprintf(&b, "# toc %s\n", f)
		dumpItems(&b, set.TOCs[f].Items, "")
	}
	var crumbFiles []string
	for f := range set.Breadcrumbs {
		crumbFiles = append(crumbFiles, f)
	}
	sort.Strings(crumbFiles)
	for _, f := range crumbFiles {
		fmt.Fprintf(&b, "# breadcrumb %s\n", f)
		dumpCrumbs(&b, set.Breadcrumbs[f].Items, "")
	}
	writeDiags(&b, diags)
	for _, q := range ar.Files {
		if q.Name != "queries" {
			continue
		}
		for _, line := range strings.Split(string(q.Data), "\n") {
			if f := strings.Fields(line); len(f) > 0 {
				fmt.Fprintf(&b, "# %s\n", line)
				runQuery(&b, set, d, f)
			}
		}
	}
	return b.String()
}

func writeDiags(b *strings.Builder, diags []diag.Diagnostic) {
	if len(diags) == 0 {
		return
	}
	b.WriteString("# diagnostics\n")
	for _, d := range diags {
		b.WriteString(d.String() + "\n")
	}
}

func runQuery(b *strings.Builder, set *Set, d *fakeDocset, f []string) {
	arg := func(i int) string {
		if i < len(f) {
			return f[i]
		}
		return ""
	}
	toc := set.TOCs[arg(1)]
	switch f[0] {
	case "tocfor":
		if t := set.TOCFor(arg(1)); t != nil {
			b.WriteString(t.File + "\n")
		} else {
			b.WriteString("(none)\n")
		}
	case "trail":
		var names []string
		for _, it := range toc.Trail(arg(2)) {
			names = append(names, it.Name)
		}
		b.WriteString(strings.Join(names, " > ") + "\n")
	case "prevnext":
		prev, next := toc.PrevNext(arg(2))
		fmt.Fprintf(b, "prev: %s\nnext: %s\n", itemLabel(prev), itemLabel(next))
	case "filter":
		cloud := arg(2)
		ft := toc.Filter(func(it *Item) bool {
			return !it.Missing && (it.MonikerRange == "" || strings.Contains(it.MonikerRange, cloud))
		})
		dumpItems(b, ft.Items, "")
	case "crumbs":
		var names []string
		for _, c := range set.Breadcrumbs[arg(1)].For(arg(2)) {
			names = append(names, c.Name+" ("+c.Href+")")
		}
		b.WriteString(strings.Join(names, " > ") + "\n")
	case "landing":
		l, diags := ParseLanding(arg(1), d.data[arg(1)])
		l.Resolve(d.exists)
		dumpLanding(b, l)
		writeDiags(b, diags)
	default:
		b.WriteString("unknown query\n")
	}
}

func itemLabel(it *Item) string {
	if it == nil {
		return "(none)"
	}
	return it.Name + " -> " + it.Page
}

// dumpItems writes one line per item: name, link, flags, and where it was
// written.
func dumpItems(b *strings.Builder, items []*Item, indent string) {
	for _, it := range items {
		var parts []string
		add := func(cond bool, s string) {
			if cond {
				parts = append(parts, s)
			}
		}
		add(it.Href != "", "-> "+it.Href)
		add(it.Page != "" && it.Page != it.Href, "page="+it.Page)
		add(it.Query != "", "?"+it.Query)
		add(it.Fragment != "", "#"+it.Fragment)
		add(it.TocHref != "", "toc="+it.TocHref)
		add(it.UID != "", "uid="+it.UID)
		add(it.DisplayName != "", "displayName="+it.DisplayName)
		add(it.MonikerRange != "", "monikers="+it.MonikerRange)
		add(it.Expanded, "expanded")
		add(it.External, "external")
		add(it.Missing, "missing")
		fmt.Fprintf(b, "%s- %s %s (%s)\n", indent, it.Name, strings.Join(parts, " "), it.Pos)
		dumpItems(b, it.Items, indent+"  ")
	}
}

func dumpCrumbs(b *strings.Builder, cs []*Crumb, indent string) {
	for _, c := range cs {
		fmt.Fprintf(b, "%s- %s tocHref=%s href=%s (%s)\n", indent, c.Name, c.TocHref, c.Href, c.Pos)
		dumpCrumbs(b, c.Items, indent+"  ")
	}
}

func dumpLanding(b *strings.Builder, l *Landing) {
	fmt.Fprintf(b, "mime=%s title=%q summary=%q brand=%q\n", l.Mime, l.Title, l.Summary, l.Brand)
	keys := make([]string, 0, len(l.Metadata))
	for k := range l.Metadata {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(b, "meta %s=%v\n", k, l.Metadata[k])
	}
	link := func(indent string, k *Link) {
		fmt.Fprintf(b, "%s- %q -> %s page=%s (%s)\n", indent, k.Text, k.URL, k.Page, k.Pos)
	}
	for _, c := range l.Cards {
		fmt.Fprintf(b, "card %q\n", c.Title)
		for _, ll := range c.LinkLists {
			fmt.Fprintf(b, "  list %s\n", ll.Type)
			for _, k := range ll.Links {
				link("    ", k)
			}
		}
	}
	for _, k := range l.Highlighted {
		link("highlighted ", k)
	}
	for _, s := range append([]Section{l.ProductDirectory}, l.Sections...) {
		if s.Title == "" && len(s.Items) == 0 {
			continue
		}
		fmt.Fprintf(b, "section %q %q\n", s.Title, s.Summary)
		for _, k := range s.Items {
			link("  ", k)
		}
	}
	for _, s := range l.FAQ {
		fmt.Fprintf(b, "faq %q\n", s.Name)
		for _, q := range s.Questions {
			fmt.Fprintf(b, "  Q %q A %q (%s)\n", q.Question, q.Answer, q.Pos)
		}
	}
}
