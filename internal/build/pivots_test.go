package build

import (
	"strconv"
	"testing"
)

func TestPivotDiagnostics(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"docloom.yaml":                        "baseURL: https://docs.example.com/\nlocales:\n  - code: en-us\n",
		"content/en-us/zone-pivot-groups.yml": "### YamlMime:ZonePivotGroups\ngroups:\n- id: tool\n  title: Tool\n  pivots:\n  - id: a\n    title: A\n",
		"content/en-us/good.md":               "---\nzone_pivot_groups: tool\n---\n# Good\n\n::: zone pivot=\"a\"\nA\n::: zone-end\n",
		"content/en-us/unknown.md":            "---\nzone_pivot_groups: tool\n---\n# Unknown\n\n::: zone pivot=\"b\"\nB\n::: zone-end\n",
		"content/en-us/nogroup.md":            "# No group\n\n::: zone pivot=\"a\"\nA\n::: zone-end\n",
		"content/en-us/missinggroup.md":       "---\nzone_pivot_groups: nope\n---\n# Missing\n",
	}
	writeSite(t, site, files)
	res := Run(Options{Site: site, NoWrite: true})
	want := map[string]string{
		"zone-pivot-definition-not-found": "content/en-us/unknown.md:6",
		"zone-pivot-group-missing":        "content/en-us/nogroup.md:3",
		"pivot-group-not-found":           "content/en-us/missinggroup.md:1",
	}
	got := map[string]string{}
	for _, d := range res.Diags {
		got[d.Code] = d.Pos.File + ":" + itoa(d.Pos.Line)
	}
	for code, pos := range want {
		if got[code] != pos {
			t.Errorf("%s at %q, want %s (all: %v)", code, got[code], pos, res.Diags)
		}
	}
	if len(res.Diags) != len(want) {
		t.Errorf("diagnostics: %v", res.Diags)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
