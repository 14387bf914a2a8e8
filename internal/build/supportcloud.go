package build

import (
	"strings"
	"unicode"

	"github.com/docloom/docloom/internal/hours"
	"github.com/docloom/docloom/internal/moniker"
)

// cloudWords maps the words that name one moniker and no other ("21vianet"
// of o365-21vianet; "germany" of o365-germany, where "o365", "office" and
// "365" are every moniker's) to that moniker's display name. The default
// moniker is left out: a section for it is not a cloud-specific one.
func cloudWords(c *moniker.Catalog, def string) map[string]string {
	count := map[string]int{}
	words := make([][]string, c.Len())
	for i, m := range c.Monikers() {
		seen := map[string]bool{}
		for _, w := range append(nameWords(m.Name), nameWords(m.Display)...) {
			if !seen[w] {
				seen[w] = true
				count[w]++
				words[i] = append(words[i], w)
			}
		}
	}
	out := map[string]string{}
	for i, m := range c.Monikers() {
		if m.Name == def {
			continue
		}
		for _, w := range words[i] {
			if count[w] == 1 && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				out[w] = m.Display
			}
		}
	}
	return out
}

// nameWords are the lower-cased words of a name, split at anything that is
// not a letter or digit.
func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// labelClouds gives the numbers and lines under a section heading that
// names a cloud ("Contact support for Office 365 operated by 21Vianet
// only", "… beheerd door 21Vianet") that cloud's display name, which the
// widget shows as "21Vianet only". A word that is also a name of the
// country itself (Germany's page, the o365-germany cloud) does not count.
func labelClouds(words map[string]string, c *hours.Country) {
	if len(words) == 0 {
		return
	}
	own := map[string]bool{}
	for _, n := range append([]string{c.Name}, c.Search...) {
		for _, w := range nameWords(n) {
			own[w] = true
		}
	}
	cloudOf := func(section string) string {
		for _, w := range nameWords(section) {
			if d := words[w]; d != "" && !own[w] {
				return d
			}
		}
		return ""
	}
	for i := range c.Phones {
		if c.Phones[i].Section != "" {
			c.Phones[i].Cloud = cloudOf(c.Phones[i].Section)
		}
	}
	for i := range c.Lines {
		if c.Lines[i].Section != "" {
			c.Lines[i].Cloud = cloudOf(c.Lines[i].Section)
		}
	}
}
