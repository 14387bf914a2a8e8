package build

import (
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
