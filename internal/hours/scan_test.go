package hours

import (
	"github.com/docloom/docloom/internal/fixtures"
	"os"
	"path/filepath"
	"testing"
)

// scanLocale parses every country page of a locale and counts the pages
// whose hours lines all parse.
func scanLocale(t *testing.T, locale string) (pages, full int, all []Country, warns map[string][]string) {
	t.Helper()
	files := fixtures.Glob(t, locale+"/microsoft-365/admin/support/*.md")
	warns = map[string][]string{}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c, ds := ParseCountryPage(filepath.Base(f), src, locale)
		pages++
		ok := true
		for _, d := range ds {
			warns[d.Code] = append(warns[d.Code], d.String())
			if d.Code == CodeUnparsed {
				ok = false
			}
		}
		if ok {
			full++
		}
		all = append(all, c)
	}
	return pages, full, all, warns
}
