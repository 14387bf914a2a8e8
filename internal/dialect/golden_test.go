package dialect

import (
	"flag"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/moniker"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected sections of testdata/golden/*.txtar")

// The golden files are txtar archives that a reader can open and check:
//
//	-- page.md --          the page (front matter allowed)
//	-- other/files.md --   includes and other files it refers to
//	-- html --             expected HTML for the default cloud, or
//	-- html o365-germany -- expected HTML for one cloud
//	-- diags --            expected diagnostics, one per line
//
// An optional `-- locale --` section sets the page locale (default en-us);
// an optional `-- derived --` section builds with a catalog read off the
// docset's own ranges (o365-worldwide, o365-21vianet; no definition file).
// Run `go test ./internal/dialect -run Golden -update` to rewrite the
// expected sections after a deliberate change, then read the diff.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	cat := testCatalog(t)
	d := New(cat)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dd := d
			for _, f := range ar.Files {
				if f.Name == "derived" {
					dc, err := moniker.NewCatalog([]moniker.Moniker{{Name: "o365-worldwide"}, {Name: "o365-21vianet"}})
					if err != nil {
						t.Fatal(err)
					}
					dc.MarkDerived()
					dd = New(dc)
				}
			}
			got := runGolden(t, dd, ar)
			changed := false
			for i, f := range ar.Files {
				if want, ok := got[f.Name]; ok {
					if string(f.Data) != want {
						if *update {
							ar.Files[i].Data = []byte(want)
							changed = true
						} else {
							t.Errorf("section %q differs\n--- got ---\n%s--- want ---\n%s", f.Name, want, f.Data)
						}
					}
				}
			}
			if *update && changed {
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func testCatalog(t testing.TB) *moniker.Catalog {
	cat, err := moniker.NewCatalog([]moniker.Moniker{{Name: "o365-worldwide"}, {Name: "o365-21vianet"}, {Name: "o365-germany"}})
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// runGolden renders page.md for every html section and returns the actual
// text of each expected section.
func runGolden(t *testing.T, d *Dialect, ar *txtar.Archive) map[string]string {
	files := map[string][]byte{}
	locale := "en-us"
	for _, f := range ar.Files {
		files[f.Name] = f.Data
		if f.Name == "locale" {
			locale = strings.TrimSpace(string(f.Data))
		}
	}
	env := &testEnv{d: d, files: files, docs: map[string]*Doc{}}
	page := env.parse("page.md")
	if page == nil {
		t.Fatal("golden file has no page.md section")
	}
	env.diags = append(env.diags, page.Diags...)
	got := map[string]string{}
	st := &State{Locale: locale, Env: env}
	r := d.NewRenderer(st)
	for _, f := range ar.Files {
		name, ok := strings.CutPrefix(f.Name, "html")
		if !ok {
			continue
		}
		m := strings.TrimSpace(name)
		if m == "" {
			m = "o365-worldwide"
		}
		idx, ok := d.Catalog().Index(m)
		if !ok {
			t.Fatalf("section %q names an unknown moniker", f.Name)
		}
		st.Moniker = idx
		out, err := r.Render(page)
		if err != nil {
			t.Fatal(err)
		}
		got[f.Name] = string(out)
	}
	ds := diag.SortUnique(env.diags)
	var b strings.Builder
	for _, x := range ds {
		b.WriteString(x.String())
		b.WriteByte('\n')
	}
	got["diags"] = b.String()
	return got
}

// testEnv resolves includes inside the archive and leaves links as they
// are, except that relative .md links lose their extension (enough to see
// that the renderer asked).
type testEnv struct {
	d     *Dialect
	files map[string][]byte
	docs  map[string]*Doc
	diags []diag.Diagnostic
}

func (e *testEnv) parse(name string) *Doc {
	if doc, ok := e.docs[name]; ok {
		return doc
	}
	src, ok := e.files[name]
	if !ok {
		return nil
	}
	split, ds := meta.Split(name, src)
	e.diags = append(e.diags, ds...)
	doc := e.d.Parse(name, name, split.Body, split.BodyLine)
	e.docs[name] = doc
	if name != "page.md" {
		e.diags = append(e.diags, doc.Diags...)
	}
	return doc
}

func (e *testEnv) Link(doc *Doc, dest string, image bool, pos diag.Pos) string {
	if uid, ok := strings.CutPrefix(dest, "xref:"); ok {
		href, _, _ := e.Xref(doc, uid, false, pos)
		if href == "" {
			return dest
		}
		return href
	}
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
		return dest
	}
	p, frag, _ := strings.Cut(dest, "#")
	target := path.Join(path.Dir(doc.Rel), p)
	if _, ok := e.files[target]; !ok {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "file-not-found", Message: "no file " + target})
		return dest
	}
	if frag != "" {
		frag = "#" + frag
	}
	return strings.TrimSuffix(target, ".md") + frag
}

func (e *testEnv) Include(doc *Doc, dest string, pos diag.Pos) (*Doc, bool) {
	target := path.Join(path.Dir(doc.Rel), dest)
	inc := e.parse(target)
	if inc == nil {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "include-not-found", Message: "no file " + target})
		return nil, false
	}
	return inc, true
}

func (e *testEnv) Report(d diag.Diagnostic) { e.diags = append(e.diags, d) }

// Xref resolves a uid declared in the front matter (uid:, title:) of a
// file of the archive, in file order.
func (e *testEnv) Xref(doc *Doc, uid string, quiet bool, pos diag.Pos) (href, title string, ok bool) {
	uid, frag, _ := strings.Cut(uid, "#")
	uid, _, _ = strings.Cut(uid, "?")
	names := make([]string, 0, len(e.files))
	for name := range e.files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		split, _ := meta.Split(name, e.files[name])
		if u, _ := split.Meta["uid"].(string); u == uid {
			t, _ := split.Meta["title"].(string)
			if frag != "" {
				frag = "#" + frag
			}
			return strings.TrimSuffix(name, ".md") + frag, t, true
		}
	}
	if !quiet {
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "xref-not-found", Message: "no page declares uid " + uid})
	}
	return "", "", false
}
