package build

import (
	"strings"
	"testing"
)

// A root-relative link that names no page of the docset is a link into
// another Learn docset: it goes to Learn (or the site's rootLinks prefix),
// not to a 404 on the site's own host. One that names a page stays on the
// site.
func TestRootLinksOutsideTheDocset(t *testing.T) {
	for _, tc := range []struct {
		setting string // docloom.yaml line, "" for none
		want    string
		errCode string
	}{
		{"", `href="https://learn.microsoft.com/nl-nl/powershell/module/x?view=y#z"`, ""},
		{`rootLinks: "https://docs.contoso.com/{locale}/"`, `href="https://docs.contoso.com/nl-nl/powershell/module/x?view=y#z"`, ""},
		{`rootLinks: ""`, `href="../../powershell/module/x?view=y#z"`, ""},
		{`rootLinks: "docs.contoso.com"`, "", "config-root-links"},
	} {
		site := t.TempDir()
		writeSite(t, site, map[string]string{
			"docloom.yaml":                "title: R\n" + tc.setting + "\nlocales:\n  - code: nl-nl\nmonikers:\n  - name: a\n",
			"content/nl-nl/page.md":       "# Page\n\n[other docset](/powershell/module/x?view=y#z) [here](/admin/help)\n",
			"content/nl-nl/admin/help.md": "# Help\n",
		})
		s, res := Open(Options{Site: site})
		if tc.errCode != "" {
			found := false
			for _, d := range res.Diags {
				found = found || d.Code == tc.errCode
			}
			if !found || !res.Failed(false) {
				t.Errorf("%s: want a %s error, got %v", tc.setting, tc.errCode, res.Diags)
			}
			continue
		}
		data, ok := s.Lookup("nl-nl/a/page.html")
		if !ok {
			t.Fatalf("%s: page not built: %v", tc.setting, res.Diags)
		}
		page := string(data)
		if !strings.Contains(page, tc.want) {
			t.Errorf("%s: the outside link is not %s:\n%s", tc.setting, tc.want, page)
		}
		if !strings.Contains(page, `href="admin/help"`) {
			t.Errorf("%s: a root link to a page of the docset does not stay on the site:\n%s", tc.setting, page)
		}
	}
}

// A page x.md and a folder page x/index.md would share a URL on static
// hosts (x.html answers /x, and /x/ redirects there): a warning says so.
func TestPageShadowingAFolderPageIsReported(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":                 "title: R\nlocales:\n  - code: en-us\n",
		"content/en-us/admin.md":       "# Admin\n",
		"content/en-us/admin/index.md": "# Admin home\n",
		"content/en-us/other.md":       "# Other\n",
	})
	res := Run(Options{Site: site, NoWrite: true})
	n := 0
	for _, d := range res.Diags {
		if d.Code == "publish-url-shadowed" {
			n++
			if !strings.Contains(d.String(), "admin.md") || !strings.Contains(d.Message, "admin/index.md") {
				t.Errorf("the warning does not name both files: %s", d)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d publish-url-shadowed warnings, want 1: %v", n, res.Diags)
	}
}
