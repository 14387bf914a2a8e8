package build

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

var updatePageTypes = flag.Bool("update-pagetypes", false, "rewrite the expected sections of testdata/pagetypes/*.txtar")

// TestPageTypes builds the small sites in testdata/pagetypes/*.txtar (a
// bare DocFX docset each: Hub, FAQ and PlatyPS pages, well formed and
// not) and compares the <main> of the page the archive's comment names,
// and the diagnostics, with the archive's "want.html" and "want.diags".
// Run with -update-pagetypes to rewrite them after a deliberate change.
func TestPageTypes(t *testing.T) {
	files, _ := filepath.Glob("testdata/pagetypes/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			site := t.TempDir()
			var wantHTML, wantDiags *txtar.File
			for i := range ar.Files {
				f := &ar.Files[i]
				switch f.Name {
				case "want.html":
					wantHTML = f
					continue
				case "want.diags":
					wantDiags = f
					continue
				}
				p := filepath.Join(site, filepath.FromSlash(f.Name))
				os.MkdirAll(filepath.Dir(p), 0o755)
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			page := strings.TrimSpace(string(ar.Comment))
			res := buildWithin(t, site, 30*time.Second)
			var diags []string
			for _, d := range res.Diags {
				diags = append(diags, d.String())
			}
			sort.Strings(diags)
			gotDiags := strings.Join(diags, "\n") + "\n"
			doc := readOut(t, site, page)
			start, end := strings.Index(doc, "<main"), strings.Index(doc, "</main>")
			if start < 0 || end < start {
				t.Fatalf("%s has no <main>", page)
			}
			gotHTML := doc[start:end+len("</main>")] + "\n"
			if i := strings.Index(gotHTML, `<article class="content">`); i >= 0 {
				if j := strings.Index(gotHTML, "</article>"); j > i {
					gotHTML = gotHTML[i:j+len("</article>")] + "\n"
				}
			}
			if *updatePageTypes {
				for i := range ar.Files {
					switch ar.Files[i].Name {
					case "want.html":
						ar.Files[i].Data = []byte(gotHTML)
					case "want.diags":
						ar.Files[i].Data = []byte(gotDiags)
					}
				}
				if wantHTML == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want.html", Data: []byte(gotHTML)})
				}
				if wantDiags == nil {
					ar.Files = append(ar.Files, txtar.File{Name: "want.diags", Data: []byte(gotDiags)})
				}
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			if wantHTML == nil || string(wantHTML.Data) != gotHTML {
				t.Errorf("%s: HTML differs; got:\n%s", page, gotHTML)
			}
			if wantDiags == nil || string(wantDiags.Data) != gotDiags {
				t.Errorf("diagnostics differ; got:\n%s", gotDiags)
			}
		})
	}
}
