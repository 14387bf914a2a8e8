package hours

import (
	"strings"
	"testing"
)

func TestSearchNames(t *testing.T) {
	for _, c := range []struct {
		iso, shown string
		locales    []string
		want       []string
	}{
		{"US", "Verenigde Staten", []string{"nl-nl", "en-us"}, []string{"United States", "US", "USA", "VS"}},
		{"US", "United States", []string{"en-us"}, []string{"US", "USA"}},
		{"GB", "Verenigd Koninkrijk", []string{"nl-nl"}, []string{"United Kingdom", "UK", "VK", "GB", "GBR",
			"Engeland", "England", "Schotland", "Scotland", "Wales"}},
		{"GB", "United Kingdom", []string{"en-us"}, []string{"UK", "England", "Scotland", "Wales"}},
		{"NL", "Nederland", []string{"nl-nl"}, []string{"Holland", "Netherlands", "NLD"}},
		{"NL", "Netherlands", []string{"en-us"}, []string{"Holland", "Nederland"}},
		{"DE", "Duitsland", []string{"nl-nl"}, []string{"Deutschland", "Germany", "DEU"}},
		{"KR", "Zuid-Korea", []string{"nl-nl"}, []string{"South Korea", "KOR"}},
		{"KR", "South Korea", []string{"en-us", "nl-nl"}, []string{"Zuid-Korea"}},
		{"TR", "Turkije", []string{"nl-nl"}, []string{"Türkiye", "Turkey"}},
		{"TR", "Turkey", []string{"en-us"}, []string{"Türkiye"}},
		{"AE", "United Arab Emirates", []string{"en-us"}, []string{"UAE", "ARE"}},
		{"AE", "Verenigde Arabische Emiraten", []string{"nl-nl"}, []string{"UAE", "United Arab Emirates"}},
		{"CZ", "Tsjechië", []string{"nl-nl"}, []string{"Czechia", "Czech Republic", "Česko", "CZE"}},
		// Native names in every official language, from CLDR's territoryInfo.
		{"BE", "België", []string{"nl-nl"}, []string{"Belgique", "Belgien", "Belgium"}},
		{"CH", "Zwitserland", []string{"nl-nl"}, []string{"Schweiz", "Suisse", "Svizzera"}},
		// CLDR 48's names where x/text's CLDR 32 is older.
		{"SZ", "Swaziland", []string{"en-us"}, []string{"Eswatini"}},
		{"MK", "Macedonia", []string{"en-us"}, []string{"North Macedonia"}},
		// zh-TW reads CLDR's zh-Hant names.
		{"GB", "英國", []string{"zh-tw"}, []string{"英格蘭", "蘇格蘭"}},
	} {
		got := SearchNames(c.iso, c.shown, c.locales)
		joined := "|" + strings.Join(got, "|") + "|"
		for _, w := range c.want {
			if !strings.Contains(joined, "|"+w+"|") {
				t.Errorf("%s in %v: %v lacks %q", c.iso, c.locales, got, w)
			}
		}
		for _, g := range got {
			if strings.EqualFold(g, c.shown) {
				t.Errorf("%s: the shown name %q is repeated", c.iso, g)
			}
		}
	}
	// No initials that are another country's code: "Tsjechische
	// Republiek" is not TR (Türkiye), "South Africa" not SA (Saudi Arabia),
	// "El Salvador" not ES (Spain), "Guinea-Bissau" not GB.
	for iso, code := range map[string]string{"CZ": "TR", "ZA": "SA", "SV": "ES", "GW": "GB", "KR": "SK", "FK": "FI", "BQ": "CN", "AX": "ÅI"} {
		for _, g := range SearchNames(iso, "", []string{"nl-nl", "en-us"}) {
			if g == code {
				t.Errorf("%s is found by %s", iso, code)
			}
		}
	}
	if SearchNames("", "x", nil) != nil {
		t.Error("a bad code gives names")
	}
}

func TestCallingCode(t *testing.T) {
	for iso, want := range map[string]int{"DE": 49, "de": 49, "US": 1, "CA": 1, "JM": 1, "RU": 7, "KZ": 7, "XK": 383, "GB": 44, "AQ": 0, "": 0} {
		if got := CallingCode(iso); got != want {
			t.Errorf("CallingCode(%q) = %d, want %d", iso, got, want)
		}
	}
}
