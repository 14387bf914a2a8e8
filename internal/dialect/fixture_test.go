package dialect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedPages renders the real "contact support" pages of the fixture
// docsets: the country picker from the include, the tabs of the English
// page, the alerts with their Dutch titles, and no dialect errors.
func TestSeedPages(t *testing.T) {
	for _, tc := range []struct {
		locale           string
		tabs, alertTitle string
	}{
		{"en-us", `<div class="tabGroup" id="tabgroup_1">`, ">Note</p>"},
		{"nl-nl", "", ">Belangrijk</p>"},
	} {
		t.Run(tc.locale, func(t *testing.T) {
			root := filepath.Join("..", "..", "..", "shared", "fixtures", "docsets", tc.locale, "microsoft-365", "admin")
			if _, err := os.Stat(root); err != nil {
				t.Skip("fixtures not present:", err)
			}
			const pageName = "contact-support-for-business-products.md"
			const incName = "includes/country-region-support-dropdown-list.md"
			files := map[string][]byte{}
			for _, name := range []string{pageName, incName} {
				b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				files[name] = b
			}
			d := New(testCatalog(t))
			env := &testEnv{d: d, files: files, docs: map[string]*Doc{}}
			page := env.parse(pageName)
			env.diags = append(env.diags, page.Diags...)
			out, err := d.NewRenderer(&State{Locale: tc.locale, Env: env}).Render(page)
			if err != nil {
				t.Fatal(err)
			}
			html := string(out)
			items := strings.Count(string(files[incName]), "\n> - [")
			if items < 200 {
				t.Fatalf("fixture include lists only %d countries", items)
			}
			picker := html[strings.Index(html, `<nav class="op-single-selector"`):]
			picker = picker[:strings.Index(picker, "</nav>")]
			if got := strings.Count(picker, "<li>"); got != items {
				t.Errorf("picker has %d entries, the include lists %d", got, items)
			}
			for _, want := range []string{tc.tabs, tc.alertTitle, `data-country-picker`} {
				if !strings.Contains(html, want) {
					t.Errorf("page lacks %q", want)
				}
			}
			broken := 0
			for _, x := range env.diags {
				switch x.Code {
				case "file-not-found":
				case "picker-entry-invalid":
					broken++ // the Dutch list has two entries whose link is cut off
				default:
					t.Errorf("unexpected diagnostic: %s", x)
				}
			}
			if want := map[string]int{"nl-nl": 2}[tc.locale]; broken != want {
				t.Errorf("%d picker entries reported broken, want %d", broken, want)
			}
		})
	}
}

// BenchmarkParseSeedPage measures parsing the Dutch seed page with the
// full dialect.
func BenchmarkParseSeedPage(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "fixtures", "docsets", "nl-nl", "microsoft-365", "admin", "contact-support-for-business-products.md"))
	if err != nil {
		b.Skip(err)
	}
	d := New(testCatalog(b))
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d.Parse("page.md", "page.md", src, 1)
	}
}
