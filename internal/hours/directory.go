package hours

import (
	"encoding/json"
	"html"
	"path"
	"regexp"
	"sort"
	"strings"
)

// Directory is the support directory of one locale, written as JSON for
// the country drop-down and the "open now" badges in the browser.
type Directory struct {
	Locale    string    `json:"locale"`
	Countries []Country `json:"countries"`
	// ZoneCountries maps the reader's zone (as Intl reports it) to an ISO
	// code, to pre-select a country.
	ZoneCountries map[string]string `json:"zoneCountries"`
}

var dropdownItem = regexp.MustCompile(`^\s*(?:>\s*)?[-*+]\s+\[([^\]]+)\]\(([^)\s]+)\)`)

// ParseDropdownNames reads the country drop-down include and maps each
// page slug to its display name. The link text is the only reliable
// translated country name (titles and H1s of the pages were damaged by
// machine translation). Items without a link target, as two are upstream,
// are skipped.
func ParseDropdownNames(src []byte) map[string]string {
	names := map[string]string{}
	for _, line := range strings.Split(string(src), "\n") {
		m := dropdownItem.FindStringSubmatch(strings.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		target := m[2]
		if i := strings.IndexAny(target, "#?"); i >= 0 {
			target = target[:i]
		}
		if !strings.HasSuffix(target, ".md") {
			continue
		}
		slug := strings.TrimSuffix(path.Base(target), ".md")
		if name := strings.TrimSpace(html.UnescapeString(m[1])); name != "" && slug != "" {
			names[slug] = name
		}
	}
	return names
}

// BuildDirectory joins parsed pages with their display names. Countries are
// ordered by slug, which is the same in every locale; the browser sorts the
// drop-down with Intl.Collator for the reader's language. A page with no
// name in the include gets one made from its slug.
func BuildDirectory(locale string, names map[string]string, pages []Country) Directory {
	d := Directory{Locale: locale, Countries: make([]Country, 0, len(pages)), ZoneCountries: ZoneCountries()}
	for _, c := range pages {
		c.Name = names[c.Slug]
		if c.Name == "" {
			c.Name = nameFromSlug(c.Slug)
		}
		c.Zones = nonNil(c.Zones)
		c.Dial = nonNil(c.Dial)
		if c.Phones == nil {
			c.Phones = []Phone{}
		}
		if c.Lines == nil {
			c.Lines = []Line{}
		}
		d.Countries = append(d.Countries, c)
	}
	sort.SliceStable(d.Countries, func(i, j int) bool { return d.Countries[i].Slug < d.Countries[j].Slug })
	return d
}

// SetPages fills each country's page URL, which only the build knows.
func (d *Directory) SetPages(url func(slug string) string) {
	for i := range d.Countries {
		d.Countries[i].Page = url(d.Countries[i].Slug)
	}
}

// JSON encodes the directory with stable order (countries by slug, map
// keys sorted by encoding/json) and a final newline.
func (d Directory) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func nameFromSlug(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" && w != "and" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
