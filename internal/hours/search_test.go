package hours

import (
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
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

// TestSearchNamesUnique: across the country table, no other name finds
// two countries for a Dutch, English or German reader, and in any language
// no initials are another country's code. In other languages initials may
// be shared ("IC": Islas Caimán, Cocos, Cook) and CLDR's own short forms
// may be another country's code (Spanish "RU" for the United Kingdom).
func TestSearchNamesUnique(t *testing.T) {
	for _, locales := range [][]string{{"nl-nl", "en-us"}, {"en-us"}, {"de-de"}, {"fr-fr"}, {"es-es"}, {"pt-br"}, {"ja-jp"}, {"zh-cn"}} {
		strict := locales[0] != "fr-fr" && locales[0] != "es-es" && locales[0] != "pt-br" && locales[0] != "ja-jp" && locales[0] != "zh-cn"
		by := map[string]string{}
		shared := 0
		for _, c := range Countries() {
			for _, n := range SearchNames(c.ISO, "", locales) {
				k := searchFold(n)
				if o, ok := by[k]; ok && o != c.ISO {
					shared++
					if strict {
						t.Errorf("%v: %q finds %s and %s", locales, n, o, c.ISO)
					}
				}
				by[k] = c.ISO
			}
		}
		for _, c := range Countries() {
			region, _ := language.ParseRegion(c.ISO)
			for _, code := range []string{region.String(), region.ISO3()} {
				if o := by[searchFold(code)]; o != c.ISO && initialsOf(o, code, locales) {
					t.Errorf("%v: %s's initials %q are %s's code", locales, o, code, c.ISO)
				}
			}
		}
		t.Logf("%v: %d names shared by two countries", locales, shared)
	}
}

// initialsOf reports whether code is the initials of one of iso's main
// names in locales.
func initialsOf(iso, code string, locales []string) bool {
	region, err := language.ParseRegion(iso)
	if err != nil {
		return false
	}
	for _, l := range append(locales, "en") {
		// CLDR's own short form ("RU", Spanish for the United Kingdom).
		for _, n := range loadRegions().names[cldrLocale(language.Make(l))+":"+iso] {
			if n == code {
				return false
			}
		}
		if namer := display.Regions(language.Make(l)); namer != nil && strings.EqualFold(searchFold(initials(namer.Name(region))), searchFold(code)) {
			return true
		}
	}
	return false
}
