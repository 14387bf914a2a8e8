package build

import (
	"slices"
	"strings"
	"testing"
)

// TestFrontMatterMonikerKeys: the page-level moniker keys Learn docsets use,
// in Learn's order of precedence.
func TestFrontMatterMonikerKeys(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":             "locales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n  - name: c\n",
		"content/en-us/range.md":   "---\nmonikerRange: '>= b'\nmonikers: [a]\n---\n# R\n",
		"content/en-us/list.md":    "---\nmonikers:\n- a\n- c\n---\n# L\n",
		"content/en-us/exclude.md": "---\nexclude_monikers: b\n---\n# E\n",
		"content/en-us/replace.md": "---\nreplace_monikers: [c]\nmonikerRange: a\n---\n# P\n",
		"content/en-us/bad.md":     "---\nmonikers: [a, zz]\n---\n# B\n",
	})
	res := Run(Options{Site: site, NoWrite: true})
	built := func(page string) []string {
		var clouds []string
		for _, f := range res.Files {
			if strings.HasSuffix(f, "/"+page+".html") {
				clouds = append(clouds, strings.Split(f, "/")[1])
			}
		}
		slices.Sort(clouds)
		return clouds
	}
	for page, want := range map[string][]string{
		"range": {"b", "c"}, "list": {"a", "c"}, "exclude": {"a", "c"}, "replace": {"c"}, "bad": {"a"},
	} {
		if got := built(page); !slices.Equal(got, want) {
			t.Errorf("%s built for %v, want %v", page, got, want)
		}
	}
	codes := map[string]string{}
	for _, d := range res.Diags {
		codes[d.Code] = d.Pos.String()
	}
	if codes["duplicate-moniker-config"] != "content/en-us/range.md:3" {
		t.Errorf("duplicate-moniker-config at %q", codes["duplicate-moniker-config"])
	}
	if codes["moniker-range-invalid"] != "content/en-us/bad.md:2" {
		t.Errorf("moniker-range-invalid at %q (%v)", codes["moniker-range-invalid"], res.Diags)
	}
}
