package build

import (
	"strings"
	"testing"
	"time"
)

// The machine-translation notice's "read the English version" link opens
// the English page: in the site's English locale when it has one (even
// when Dutch is the default locale), else on Learn; never the page itself.
func TestMachineTranslationNoticeLinksEnglish(t *testing.T) {
	page := "---\nms.translationtype: MT\n---\n# Pagina\n"
	for _, tc := range []struct {
		name, locales, want string
	}{
		{"dutch only", "  - code: nl-nl\n", `href="https://learn.microsoft.com/en-us/admin/page"`},
		{"dutch default, english too", "  - code: nl-nl\n  - code: en-us\n", `href="/en-us/a/admin/page"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := t.TempDir()
			writeSite(t, site, map[string]string{
				"docloom.yaml":                "title: N\nlocales:\n" + tc.locales + "monikers:\n  - name: a\n",
				"content/nl-nl/admin/page.md": page,
				"content/en-us/admin/page.md": "# Page\n",
			})
			buildWithin(t, site, 20*time.Second)
			doc := readOut(t, site, "nl-nl/a/admin/page.html")
			i := strings.Index(doc, "notice-mt")
			if i < 0 {
				t.Fatal("no machine-translation notice")
			}
			notice := doc[i : i+strings.Index(doc[i:], "</p>")]
			if !strings.Contains(notice, tc.want) {
				t.Errorf("notice = %s, want %s", notice, tc.want)
			}
		})
	}
}
