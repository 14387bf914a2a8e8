package hours

import (
	"bytes"
	"encoding/json"
	"flag"
	"github.com/docloom/docloom/internal/fixtures"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func readInclude(t *testing.T, locale string) []byte {
	t.Helper()
	src, err := os.ReadFile(fixtures.Dir(t, locale+"/microsoft-365/admin/includes/country-region-support-dropdown-list.md"))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestParseDropdownNames(t *testing.T) {
	nl := ParseDropdownNames(readInclude(t, "nl-nl"))
	// 246 pages, two items broken upstream (no link target) are skipped.
	if len(nl) != 244 || nl["germany"] != "Duitsland" || nl["azerbaijan"] != "Azerbeidzjan" || nl["aland-islands"] != "Ålandeilanden" {
		t.Errorf("nl-nl: %d names, germany=%q azerbaijan=%q aland=%q", len(nl), nl["germany"], nl["azerbaijan"], nl["aland-islands"])
	}
	if _, ok := nl["trinidad-and-tobago"]; ok {
		t.Errorf("broken item produced a name")
	}
	en := ParseDropdownNames(readInclude(t, "en-us"))
	if en["st-kitts-nevis"] != "St Kitts & Nevis" || en["trinidad-and-tobago"] != "Trinidad & Tobago" {
		t.Errorf("en-us entities: %q %q", en["st-kitts-nevis"], en["trinidad-and-tobago"])
	}
}

// The directory JSON of a few telling pages is compared with a golden file
// (go test -run TestDirectoryGolden -update rewrites it).
func TestDirectoryGolden(t *testing.T) {
	names := ParseDropdownNames(readInclude(t, "nl-nl"))
	var pages []Country
	for _, slug := range []string{"russia", "germany", "bangladesh", "japan", "nepal", "french-polynesia", "trinidad-and-tobago"} {
		c, _ := parseFixture(t, "nl-nl", slug)
		pages = append(pages, c)
	}
	d := BuildDirectory("nl-nl", names, pages)
	d.SetPages(func(slug string) string { return "/nl-nl/microsoft-365/admin/support/" + slug + "/" })
	d.ZoneCountries = map[string]string{"Asia/Calcutta": "IN", "Europe/Berlin": "DE"} // the full map is tested elsewhere
	got, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "directory-nl-sample.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("directory JSON differs from %s; run with -update and review the diff\n%s", golden, got)
	}
	var back Directory
	if err := json.Unmarshal(got, &back); err != nil || back.Countries[0].Slug != "bangladesh" {
		t.Errorf("round trip: %v", err)
	}
	if back.Countries[len(back.Countries)-1].Name != "Trinidad And Tobago" && back.Countries[len(back.Countries)-1].Name != "Trinidad and Tobago" {
		t.Errorf("fallback name %q", back.Countries[len(back.Countries)-1].Name)
	}
}

func TestBuildDirectoryFullMap(t *testing.T) {
	d := BuildDirectory("nl-nl", nil, nil)
	b, _ := d.JSON()
	if !bytes.Contains(b, []byte(`"countries": []`)) || d.ZoneCountries["Asia/Calcutta"] != "IN" {
		t.Errorf("empty directory: %s", b[:80])
	}
}

func FuzzParseDropdownNames(f *testing.F) {
	f.Add([]byte("> - [Afghanistan](../support/afghanistan.md)\n> - [Saint Kitts en Nevis\n- [A &amp; B](x.md#y)\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for slug, name := range ParseDropdownNames(src) {
			if slug == "" || name == "" {
				t.Fatalf("empty slug or name: %q=%q", slug, name)
			}
		}
	})
}
