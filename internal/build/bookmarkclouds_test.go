package build

import (
	"strings"
	"testing"
	"time"
)

// A bookmark that exists in one cloud only is reported in each cloud
// where it is broken, however the link is written, and whether the body
// linking it is shared between clouds or not.
func TestBookmarksCheckedInEveryCloud(t *testing.T) {
	zoned := "# Q\n\n::: moniker range=\"a\"\n\n## Only in a\n\n::: moniker-end\n"
	for name, files := range map[string]map[string]string{
		"same page, by file name":   {"content/en-us/p.md": zoned + "\n[x](p.md#only-in-a)\n"},
		"same page, #":              {"content/en-us/p.md": zoned + "\n[x](#only-in-a)\n"},
		"other page":                {"content/en-us/p.md": "# P\n\n[x](q.md#only-in-a)\n", "content/en-us/q.md": zoned},
		"other page, root-relative": {"content/en-us/p.md": "# P\n\n[x](/q#only-in-a)\n", "content/en-us/q.md": zoned},
		"other page, in include": {"content/en-us/p.md": "# P\n\n[x](q.md#only-in-a)\n", "content/en-us/q.md": "# Q\n\n::: moniker range=\"a\"\n\n[!INCLUDE [i](includes/i.md)]\n\n::: moniker-end\n",
			"content/en-us/includes/i.md": "## Only in a\n"},
	} {
		t.Run(name, func(t *testing.T) {
			site := t.TempDir()
			files["docloom.yaml"] = "title: N\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n  - name: c\n"
			writeSite(t, site, files)
			res := buildWithin(t, site, 20*time.Second)
			got := map[string]bool{}
			for _, d := range res.Diags {
				if d.Code == "bookmark-not-found" {
					for _, c := range []string{"a", "b", "c"} {
						if strings.HasSuffix(d.Message, " in "+c) {
							got[c] = true
						}
					}
				}
			}
			if got["a"] || !got["b"] || !got["c"] {
				t.Errorf("bookmark-not-found reported in %v, want b and c: %v", got, res.Diags)
			}
		})
	}
}
