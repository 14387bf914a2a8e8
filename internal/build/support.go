package build

import (
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/assets"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/hours"
)

// supportDirectories extracts, per locale, the support directory from the
// docset's country pages (pages in a support/ folder named after a country
// of hours' table) and writes it as a JSON asset that the country picker
// reads. Display names come from the country picker include's link texts,
// which are more reliable than the pages' own titles.
func (b *builder) supportDirectories() {
	for _, l := range b.locales {
		b.led.reset(ownerStage("support:" + l.Locale.Code))
		var countries []hours.Country
		slugRel := map[string]string{}
		for _, p := range l.Pages {
			if p.Fallback || p.Landing || path.Base(path.Dir(p.Rel)) != "support" {
				continue
			}
			slug := strings.TrimSuffix(path.Base(p.Rel), ".md")
			if _, ok := hours.LookupCountry(slug); !ok {
				continue
			}
			src, err := os.ReadFile(p.File.Abs)
			if err != nil {
				continue
			}
			c, ds := hours.ParseCountryPage(l.Docset.Display(p.Rel), src, l.Locale.Code)
			b.led.add(ownerStage("support:"+l.Locale.Code), ds...)
			p.hoursLines = map[int][2]string{}
			for _, ln := range c.Lines {
				_, num, _ := strings.Cut(ln.Source, ":")
				n, err := strconv.Atoi(num)
				if err == nil && ln.Schedule != nil && ln.Zone != "" {
					p.hoursLines[n] = [2]string{*ln.Schedule, ln.Zone}
				}
			}
			countries = append(countries, c)
			slugRel[slug] = p.Rel
		}
		if len(countries) == 0 {
			continue
		}
		names := map[string]string{}
		// In path order, so a country two includes name gets the same
		// name every build.
		var incs []*docset.File
		for _, f := range l.Docset.Files {
			if f.Kind == docset.Include {
				incs = append(incs, f)
			}
		}
		sort.Slice(incs, func(i, j int) bool { return incs[i].Rel < incs[j].Rel })
		for _, f := range incs {
			if src, err := os.ReadFile(f.Abs); err == nil {
				for k, v := range hours.ParseDropdownNames(src) {
					names[k] = v
				}
			}
		}
		dir := hours.BuildDirectory(l.Locale.Code, names, countries)
		def, _ := b.site.Monikers.Index(b.site.DefaultMoniker)
		dir.SetPages(func(slug string) string {
			rel, ok := slugRel[slug]
			if !ok {
				return ""
			}
			m := def
			if p := l.byRel[rel]; p != nil && !p.Monikers.Has(m) && !p.Monikers.Empty() {
				m = p.Monikers.Indices()[0]
			}
			return b.pageURL(l.Locale.Code, m, rel)
		})
		data, err := dir.JSON()
		if err != nil {
			continue
		}
		rel := assets.Prefix + "/support/" + l.Locale.Code + ".json"
		l.supportDir = b.basePath() + rel
		b.write(rel, data)
	}
}
