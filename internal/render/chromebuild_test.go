package render_test

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/docgen"
	"github.com/docloom/docloom/internal/render"
)

// TestChromeMatchesTheTemplatesInBuilds builds real sites (the repository's
// example site, a generated three-locale docset, the shared fixture slice
// and the PowerShell-Docs corpus when they are beside the repository) and
// holds every page writeChrome writes to the bytes html/template writes
// for the same Page.
func TestChromeMatchesTheTemplatesInBuilds(t *testing.T) {
	repo, _ := filepath.Abs("../..")
	shared := filepath.Join(filepath.Dir(repo), "shared")
	gen := t.TempDir()
	if _, err := docgen.Write(gen, docgen.Options{Pages: 300, Locales: 3, Seed: 13}); err != nil {
		t.Fatal(err)
	}
	sites := []string{repo, gen}
	if testing.Short() {
		t.Log("-short: the fixture slice and the PowerShell-Docs corpus are not built")
	} else {
		for _, s := range []string{filepath.Join(shared, "fixtures", "docsets", "en-us", "microsoft-365"), filepath.Join(shared, "corpora", "powershell-docs")} {
			if _, err := os.Stat(s); err == nil {
				sites = append(sites, s)
			} else {
				t.Logf("not built: %v", err)
			}
		}
	}
	for _, site := range sites {
		var mu sync.Mutex
		pages, bad := 0, 0
		render.SetChromeCheck(func(tmpl *template.Template, p *render.Page, native []byte) {
			var want bytes.Buffer
			err := tmpl.ExecuteTemplate(&want, "layouts/baseof.html", p)
			mu.Lock()
			defer mu.Unlock()
			pages++
			if err != nil {
				t.Errorf("%s: %s: the templates fail: %v", site, p.Canonical, err)
			} else if !bytes.Equal(native, want.Bytes()) {
				if bad++; bad <= 3 {
					t.Errorf("%s: %s differs from the templates:\n%s", site, p.Canonical, firstDiff(string(native), want.String()))
				}
			}
		})
		res := build.Run(build.Options{Site: site, Out: t.TempDir()})
		render.SetChromeCheck(nil)
		if res.Failed(false) {
			t.Fatalf("%s: %s", site, res.Summary())
		}
		t.Logf("%s: %d of %d documents written by writeChrome, %d differ", site, pages, res.Outputs, bad)
		if pages == 0 || pages < res.Outputs {
			t.Errorf("%s: only %d of %d documents were written by writeChrome", site, pages, res.Outputs)
		}
	}
}

func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return fmt.Sprintf("at byte %d:\n got …%q\nwant …%q", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}
