package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/hours"
	"github.com/docloom/docloom/internal/moniker"
)

func TestLabelClouds(t *testing.T) {
	for _, c := range []struct {
		name     string
		monikers []moniker.Moniker
		country  hours.Country
		want     []string // cloud of each phone, then each line
	}{
		{"configured display names", []moniker.Moniker{{Name: "o365-worldwide", Display: "Worldwide"}, {Name: "o365-21vianet", Display: "21Vianet"}, {Name: "o365-germany", Display: "Germany"}},
			hours.Country{Name: "China (PRC)", Phones: []hours.Phone{{Number: "800"}, {Number: "+86", Section: "Contact support for Office 365 operated by 21Vianet only"}},
				Lines: []hours.Line{{Text: "a"}, {Text: "b", Section: "Contact opnemen met ondersteuning voor Office 365 beheerd door 21Vianet"}, {Text: "c", Section: "Follow us on WeChat"}}},
			[]string{"", "21Vianet", "", "21Vianet", ""}},
		{"derived display names (bare docset)", []moniker.Moniker{{Name: "o365-worldwide"}, {Name: "o365-21vianet"}},
			hours.Country{Name: "China", Phones: []hours.Phone{{Number: "+86", Section: "Operated by 21Vianet"}}},
			[]string{"Office 365 21Vianet"}},
		// A display name's words are not a cloud's ("by", "Operated").
		{"display words", []moniker.Moniker{{Name: "o365-worldwide", Display: "Worldwide"}, {Name: "o365-21vianet", Display: "Operated by 21Vianet"}},
			hours.Country{Name: "China", Phones: []hours.Phone{{Number: "1", Section: "Support by phone"}, {Number: "2", Section: "Operated by 21Vianet"}}},
			[]string{"", "Operated by 21Vianet"}},
		// A ::: moniker block names its clouds; one that holds the default
		// cloud is no cloud's only.
		{"moniker blocks", []moniker.Moniker{{Name: "o365-worldwide", Display: "Worldwide"}, {Name: "o365-21vianet", Display: "21Vianet"}, {Name: "o365-germany", Display: "Germany"}},
			hours.Country{Name: "China", Phones: []hours.Phone{{Number: "1", Monikers: "o365-21vianet"}, {Number: "2", Monikers: "o365-21vianet || o365-germany"}, {Number: "3", Monikers: "o365-worldwide || o365-21vianet"}, {Number: "4", Monikers: "no such (("}},
				Lines: []hours.Line{{Text: "a", Monikers: "o365-germany", Section: "operated by 21Vianet"}}},
			[]string{"21Vianet", "21Vianet, Germany", "", "", "Germany"}},
		// The default cloud's word and the country's own name are not a cloud.
		{"default and own name", []moniker.Moniker{{Name: "o365-worldwide", Display: "Worldwide"}, {Name: "o365-germany", Display: "Germany"}},
			hours.Country{Name: "Duitsland", Search: []string{"Germany", "Deutschland"}, Phones: []hours.Phone{{Number: "1", Section: "Support worldwide"}, {Number: "2", Section: "Support in Germany"}}},
			[]string{"", ""}},
	} {
		cat, err := moniker.NewCatalog(c.monikers)
		if err != nil {
			t.Fatal(err)
		}
		country := c.country
		labelClouds(newCloudNames(cat, c.monikers[0].Name), &country)
		var got []string
		for _, p := range country.Phones {
			got = append(got, p.Cloud)
		}
		for _, l := range country.Lines {
			got = append(got, l.Cloud)
		}
		if len(got) != len(c.want) {
			t.Fatalf("%s: %q", c.name, got)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: clouds %q, want %q", c.name, got, c.want)
				break
			}
		}
	}
}

// TestSupportDirectoryClouds builds a site whose China page holds a
// 21Vianet number in a ::: moniker block and 21Vianet lines under a
// heading naming the cloud: the directory labels both, carries the calling
// code, and the fences raise no warning.
func TestSupportDirectoryClouds(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": `title: Support
defaultLocale: en-us
locales:
  - code: en-us
    path: en
monikers:
  - name: o365-worldwide
    display: Worldwide
  - name: o365-21vianet
    display: Operated by 21Vianet
`,
		"en/admin/support/china-prc.md": "# Contact support for China\n\n## Phone number\n800 988 0365\n\n" +
			"::: moniker range=\"o365-21vianet\"\n\n+86 4000 890 365\n\n::: moniker-end\n\n" +
			"## Hours\n### Billing Support:\n\nEnglish: Mon-Fri 9 AM-6 PM\n\n" +
			"## Contact support for Office 365 operated by 21Vianet only\n## Hours\n### Technical Support:\n\nChinese and English: Mon-Fri 9 AM-9 PM\n",
	})
	out := filepath.Join(site, "public")
	res := mustBuild(t, Options{Site: site, Out: out})
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Code, "hours-") {
			t.Errorf("diagnostic: %s", d)
		}
	}
	data, err := os.ReadFile(filepath.Join(out, "_docloom/support/en-us.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dir hours.Directory
	if err := json.Unmarshal(data, &dir); err != nil || len(dir.Countries) != 1 {
		t.Fatalf("directory %s: %v", data, err)
	}
	c := dir.Countries[0]
	var got []string
	for _, p := range c.Phones {
		got = append(got, p.Number+"="+p.Cloud)
	}
	for _, l := range c.Lines {
		got = append(got, l.Label+"="+l.Cloud)
	}
	want := "800 988 0365=|+86 4000 890 365=Operated by 21Vianet|English=|Chinese and English=Operated by 21Vianet"
	if strings.Join(got, "|") != want {
		t.Errorf("clouds %s, want %s", strings.Join(got, "|"), want)
	}
	if c.CC != 86 {
		t.Errorf("calling code %d", c.CC)
	}
}
