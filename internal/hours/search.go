package hours

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// SearchNames are the other names a reader may type for the country or
// region iso in the support widget, all from CLDR (golang.org/x/text): its
// name in the page's language, in English, in its own main language
// ("Deutschland", "Türkiye"), in the site's other languages, the initials
// of those names ("UK", "VS", "UAE") and its ISO 3166 codes ("DE", "DEU").
// shown is the name the page already shows; it is left out. The result is
// sorted and has no duplicates (compared case-insensitively).
func SearchNames(iso, shown string, locales []string) []string {
	region, err := language.ParseRegion(iso)
	if err != nil {
		return nil
	}
	seen := map[string]bool{strings.ToLower(shown): true}
	var out []string
	add := func(s string) {
		s = strings.TrimSpace(s)
		if s == "" || seen[strings.ToLower(s)] {
			return
		}
		seen[strings.ToLower(s)] = true
		out = append(out, s)
	}
	var names []string
	name := func(tag language.Tag) {
		namer := display.Regions(tag) // nil for a language CLDR has no data for
		if namer == nil {
			return
		}
		if n := namer.Name(region); n != "" {
			names = append(names, n)
		}
	}
	for _, l := range locales {
		if t, err := language.Parse(l); err == nil {
			name(t)
		}
	}
	name(language.English)
	if t, err := language.Compose(region); err == nil {
		if base, conf := t.Base(); conf != language.No {
			name(language.Make(base.String()))
		}
	}
	for _, n := range names {
		add(n)
	}
	for _, n := range append(names, shown) {
		if in := initials(n); len([]rune(in)) >= 2 {
			add(in)
		}
	}
	add(region.String())
	add(region.ISO3())
	sort.Strings(out)
	return out
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
