package dialect

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzParse feeds arbitrary Markdown to the full dialect and renders it
// for every cloud: no input may panic or hang the parser or a renderer.
// The seeds are every golden page and every DocFX conformance input.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	more, _ := filepath.Glob("testdata/docfx/*.txtar")
	for _, file := range append(files, more...) {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for _, x := range ar.Files {
			if x.Name == "page.md" || strings.HasSuffix(file, ".txtar") && strings.Contains(file, "docfx") && strings.HasSuffix(x.Name, ".md") {
				f.Add(string(x.Data))
			}
		}
	}
	f.Add("a | b\n- | -\n`x|y` | $z$ @u <xref:'q r'> ~~s~~ :smile:\n\n$$\nx\n")
	f.Add("x [!include[i](inc.md)] y\n")
	f.Add("> [!NOTE]\n> a\n> [!div class=\"op_single_selector\"]\n> - **x**\n")
	f.Add(":::row:::\n:::column:::\n# [A](#tab/a)\n:::column-end:::\n:::row-end:::\n")
	d := New(testCatalog(f))
	f.Fuzz(func(t *testing.T, src string) {
		env := &testEnv{d: d, files: map[string][]byte{"page.md": []byte(src), "inc.md": []byte(src)}, docs: map[string]*Doc{}}
		page := env.parse("page.md")
		for _, loc := range []string{"en-us", "nl-nl"} {
			st := &State{Locale: loc, Env: env}
			r := d.NewRenderer(st)
			for i := range d.Catalog().Monikers() {
				st.Moniker = i
				if _, err := r.Render(page); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Without an Env (a preview of a lone file) nothing may break either.
		st := &State{Locale: "en-us"}
		if _, err := d.NewRenderer(st).Render(page); err != nil {
			t.Fatal(err)
		}
	})
}
