package build

import (
	"strings"
	"unicode"

	"github.com/docloom/docloom/internal/hours"
	"github.com/docloom/docloom/internal/moniker"
)

// cloudNames tell which cloud a country page's number or line is for.
type cloudNames struct {
	cat *moniker.Catalog
	def int // the default moniker's index, -1 when unknown
	// words maps the words of a moniker's name that no other moniker's
	// name has ("21vianet" of o365-21vianet; "germany" of o365-germany,
	// where "o365" is every moniker's) to that moniker's display name.
	// Display names are not split: theirs are a reader's words ("Operated
	// by 21Vianet"), which headings use for other things. The default
	// moniker is left out: a section for it is not a cloud-specific one.
	words map[string]string
}

func newCloudNames(c *moniker.Catalog, def string) *cloudNames {
	cn := &cloudNames{cat: c, def: -1, words: map[string]string{}}
	if i, ok := c.Index(def); ok {
		cn.def = i
	}
	count := map[string]int{}
	words := make([][]string, c.Len())
	for i, m := range c.Monikers() {
		seen := map[string]bool{}
		for _, w := range nameWords(m.Name) {
			if !seen[w] {
				seen[w] = true
				count[w]++
				words[i] = append(words[i], w)
			}
		}
	}
	for i, m := range c.Monikers() {
		if i == cn.def {
			continue
		}
		for _, w := range words[i] {
			if count[w] == 1 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				cn.words[w] = m.Display
			}
		}
	}
	return cn
}

// ofRange names the clouds of a ::: moniker block's range ("21Vianet";
// "21Vianet, Germany"); "" when the range holds the default cloud, whose
// readers are everyone's, or does not parse (the render reports it).
func (cn *cloudNames) ofRange(expr string) string {
	set, err := cn.cat.Parse(expr)
	if err != nil || set.Empty() || cn.def >= 0 && set.Has(cn.def) {
		return ""
	}
	var names []string
	for _, i := range set.Indices() {
		names = append(names, cn.cat.Moniker(i).Display)
	}
	return strings.Join(names, ", ")
}

// nameWords are the lower-cased words of a name, split at anything that is
// not a letter or digit.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// labelClouds gives the numbers and lines of a country page that are for
// one cloud that cloud's display name, which the widget shows as
// "21Vianet only": those inside a ::: moniker block of that cloud, and
// those under a section heading that names it ("Contact support for
// Office 365 operated by 21Vianet only", "… beheerd door 21Vianet"). A
// word that is also a name of the country itself (Germany's page, the
// o365-germany cloud) does not count.
func labelClouds(cn *cloudNames, c *hours.Country) {
	own := map[string]bool{}
	for _, n := range append([]string{c.Name}, c.Search...) {
		for _, w := range nameWords(n) {
			own[w] = true
		}
	}
	cloudOf := func(monikers, section string) string {
		if monikers != "" {
			return cn.ofRange(monikers)
		}
		for _, w := range nameWords(section) {
			if d := cn.words[w]; d != "" && !own[w] {
				return d
			}
		}
		return ""
	}
	for i := range c.Phones {
		c.Phones[i].Cloud = cloudOf(c.Phones[i].Monikers, c.Phones[i].Section)
	}
	for i := range c.Lines {
		c.Lines[i].Cloud = cloudOf(c.Lines[i].Monikers, c.Lines[i].Section)
	}
}
