package hours

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// regionsTSV holds the CLDR names x/text lacks (CLDR 48: newer names,
// short and variant forms, the United Kingdom's countries), each region's
// official languages, and attested names (genregions).
//
//go:embed regions.tsv
var regionsTSV string

type regionData struct {
	names    map[string][]string // "nl:GB" -> VK, Engeland, ...
	official map[string][]string // region -> official languages
	attested map[string][]string // region -> names
}

var (
	regionsOnce sync.Once
	regions     regionData
)

func loadRegions() *regionData {
	regionsOnce.Do(func() {
		regions = regionData{names: map[string][]string{}, official: map[string][]string{}, attested: map[string][]string{}}
		for _, line := range strings.Split(regionsTSV, "\n") {
			f := strings.Split(line, "\t")
			if len(f) < 3 || strings.HasPrefix(line, "#") {
				continue
			}
			switch f[0] {
			case "names":
				regions.names[f[1]] = strings.Split(f[2], "|")
			case "official":
				regions.official[f[1]] = strings.Split(f[2], "|")
			case "attested":
				regions.attested[f[1]] = append(regions.attested[f[1]], f[2])
			}
		}
	})
	return &regions
}

// CallingCode is the ITU country calling code of a region (49 for DE, 1 for
// the United States, Canada and the other NANP countries, 7 for Russia and
// Kazakhstan), 0 when it has none. It comes from libphonenumber's metadata
// (github.com/nyaruka/phonenumbers), the reference for calling codes.
func CallingCode(iso string) int {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(iso))
}

// SearchNames are the other names a reader may type for the country or
// region iso in the support widget, all from CLDR: its name in the page's
// language, in English, in its official languages ("Deutschland",
// "België", "Belgique"), in the site's other languages (x/text's CLDR 32
// names and, from regions.tsv, CLDR 48's newer, short and variant names:
// "Türkiye", "UK", "VS", "Czech Republic"), the United Kingdom's countries
// ("England", "Engeland", "Scotland", "Wales"), attested names ("Holland"),
// the initials of the main names ("UAE", "VS") and its ISO 3166 codes
// ("DE", "DEU"). shown is the name the page already shows; it is left out.
// The result is sorted and has no duplicates (compared case-insensitively).
func SearchNames(iso, shown string, locales []string) []string {
	region, err := language.ParseRegion(iso)
	if err != nil {
		return nil
	}
	rd := loadRegions()
	seen := map[string]bool{searchFold(shown): true}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || seen[searchFold(s)] {
			return
		}
		seen[searchFold(s)] = true
		out = append(out, s)
	}
	var names, more []string
	name := func(tag language.Tag) {
		if namer := display.Regions(tag); namer != nil { // nil for a language CLDR has no data for
			if n := namer.Name(region); n != "" {
				names = append(names, n)
			}
		}
		more = append(more, rd.names[cldrLocale(tag)+":"+region.String()]...)
	}
	var tags []language.Tag
	for _, l := range locales {
		if t, err := language.Parse(l); err == nil {
			tags = append(tags, t)
		}
	}
	tags = append(tags, language.English)
	readers := len(tags) // the readers' languages; then the country's own
	for _, l := range rd.official[region.String()] {
		if t, err := language.Parse(l); err == nil {
			tags = append(tags, t)
		}
	}
	if t, err := language.Compose(region); err == nil {
		if base, conf := t.Base(); conf != language.No {
			tags = append(tags, language.Make(base.String()))
		}
	}
	done := map[string]bool{}
	readerNames := 0
	for i, t := range tags {
		if k := cldrLocale(t); !done[k] {
			done[k] = true
			name(t)
		}
		if i == readers-1 {
			readerNames = len(names)
		}
	}
	for _, n := range append(append(names, more...), rd.attested[region.String()]...) {
		add(n)
	}
	// Initials of the main names in the readers' languages only (not of
	// Sango's "Ködörösêse tî Bêafrîka"), and none that is another
	// country's code: "Tsjechische Republiek" is not TR, "South Africa"
	// not SA, "El Salvador" not ES, "Islas Marianas del Norte" not IMN.
	codes := isoCodes()
	for _, n := range append(names[:readerNames:readerNames], shown) {
		in := initials(n)
		if code := strings.ToUpper(searchFold(in)); len([]rune(in)) >= 2 && (code == region.String() || !codes[code]) {
			add(in)
		}
	}
	add(region.String())
	add(region.ISO3())
	sort.Strings(out)
	return out
}

// isoCodes are the ISO 3166 codes (alpha-2 and alpha-3) of the country
// table's regions.
var isoCodes = sync.OnceValue(func() map[string]bool {
	codes := map[string]bool{}
	for _, c := range Countries() {
		codes[c.ISO] = true
		if r, err := language.ParseRegion(c.ISO); err == nil {
			codes[r.ISO3()] = true
		}
	}
	return codes
})

// cldrLocale is the CLDR locale of regions.tsv a tag reads: the language
// with its script when the script is not the language's default ("zh-Hant"
// for zh-TW), else the language alone ("zh" for zh-CN, "nl" for nl-BE).
func cldrLocale(t language.Tag) string {
	base, _ := t.Base()
	script, conf := t.Script()
	if conf != language.No {
		if def, _ := language.Make(base.String()).Script(); def != script {
			return base.String() + "-" + script.String()
		}
	}
	return base.String()
}

// searchFold is the widget's fold (picker.ts): case and accents ignored,
// so "Turkiye" adds nothing to "Türkiye".
func searchFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// initials are the first letters of a name's capitalised words: "United
// Arab Emirates" -> "UAE", "Verenigde Staten" -> "VS"; "" for one word.
func initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	if len(words) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range words {
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
