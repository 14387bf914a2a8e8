package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSupportTranslatedFallback builds a site whose translations cannot
// all be read: a Portuguese line with a mistranslated weekday takes its
// hours from the same line of the default locale's page (and says so), and
// a locale the widget has no phrases for is listed by docloom check.
func TestSupportTranslatedFallback(t *testing.T) {
	hoursPages := "../hours/testdata/pages"
	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(hoursPages, rel))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": `title: Support
defaultLocale: en-us
locales:
  - code: en-us
    path: en
  - code: pt-br
    path: pt
  - code: ar-sa
    path: ar
`,
		"en/admin/support/saudi-arabia.md": read("en-us/saudi-arabia.md"),
		"pt/admin/support/saudi-arabia.md": read("pt-br/saudi-arabia.md"),
		"ar/admin/support/saudi-arabia.md": read("en-us/saudi-arabia.md"),
		// The site's own Portuguese phrases, which lack all but two.
		"static/ts/hours/phrases/pt.json": `{"openAt": "Aberto, fecha às {time}", "closed": "Fechado"}`,
	})
	out := filepath.Join(site, "public")
	res := mustBuild(t, Options{Site: site, Out: out})
	var fallback, untranslated []string
	for _, d := range res.Diags {
		switch d.Code {
		case "hours-fallback":
			fallback = append(fallback, d.String())
		case "hours-widget-untranslated":
			untranslated = append(untranslated, d.String())
		}
	}
	if len(fallback) != 2 || !strings.Contains(fallback[0], "saudi-arabia.md:13") || !strings.Contains(fallback[0], "Arabic: Sun-Thu 10 AM-6 PM") {
		t.Errorf("fallback warnings: %q", fallback)
	}
	if len(untranslated) != 2 || !strings.Contains(strings.Join(untranslated, "\n"), "no phrases for ar-sa") ||
		!strings.Contains(strings.Join(untranslated, "\n"), "pt phrases lack always, at, billing, closedAt") {
		t.Errorf("untranslated-widget diagnostics: %q", untranslated)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "_docloom/hours-phrases/pt.json")); !strings.Contains(string(b), "Aberto, fecha") {
		t.Errorf("the site's phrases were not used: %s", b)
	}
	dir, err := os.ReadFile(filepath.Join(out, "_docloom/support/pt-br.json"))
	if err != nil {
		t.Fatal(err)
	}
	if s := string(dir); !strings.Contains(s, `"original": "Arabic: Sun-Thu 10 AM-6 PM"`) || !strings.Contains(s, `"schedule": "Su-Th 10:00-18:00"`) {
		t.Errorf("pt-br directory:\n%s", s)
	}
	page := text(t, filepath.Join(out, "pt-br/default/admin/support/saudi-arabia.html"))
	if !strings.Contains(page, "sol-qui") {
		t.Errorf("the page keeps its own text:\n%s", page)
	}
	html, _ := os.ReadFile(filepath.Join(out, "pt-br/default/admin/support/saudi-arabia.html"))
	if !strings.Contains(string(html), `data-original="Arabic: Sun-Thu 10 AM-6 PM"`) {
		t.Errorf("the line read from the default page carries its original:\n%s", html)
	}
	for _, f := range []string{"_docloom/hours-phrases/pt.json", "_docloom/hours-phrases/ar.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("widget phrases: %v", err)
		}
	}
}
