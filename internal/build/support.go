package build

import (
	"encoding/json"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	docloom "github.com/docloom/docloom"
	"github.com/docloom/docloom/internal/assets"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/hours"
)

// supportDirectories extracts, per locale, the support directory from the
// docset's country pages (pages in a support/ folder named after a country
// of hours' table) and writes it as a JSON asset that the country picker
// reads. Display names come from the country picker include's link texts,
// which are more reliable than the pages' own titles.
func (b *builder) supportDirectories() {
	// The default locale is read first: a translated line that cannot be
	// read falls back to the same line of the default locale's page.
	locales := append([]*localeSet(nil), b.locales...)
	sort.SliceStable(locales, func(i, j int) bool {
		return locales[i].Locale.Code == b.site.DefaultLocale && locales[j].Locale.Code != b.site.DefaultLocale
	})
	b.writeWidgetPhrases()
	defaults := map[string]*hours.Country{}
	clouds := newCloudNames(b.site.Monikers, b.site.DefaultMoniker)
	for _, l := range locales {
		b.led.reset(ownerStage("support:" + l.Locale.Code))
		isDefault := l.Locale.Code == b.site.DefaultLocale
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
			var opt hours.PageOptions
			if !isDefault {
				opt.Default = defaults[slug]
			}
			c, ds := hours.ParseCountryPageWith(l.Docset.Display(p.Rel), src, l.Locale.Code, opt)
			b.led.add(ownerStage("support:"+l.Locale.Code), ds...)
			p.hoursLines = map[int][3]string{}
			for _, ln := range c.Lines {
				_, num, _ := strings.Cut(ln.Source, ":")
				n, err := strconv.Atoi(num)
				if err == nil && ln.Schedule != nil && ln.Zone != "" {
					p.hoursLines[n] = [3]string{*ln.Schedule, ln.Zone, ln.Original}
				}
			}
			if isDefault {
				cc := c
				defaults[slug] = &cc
			}
			countries = append(countries, c)
			slugRel[slug] = p.Rel
		}
		if len(countries) == 0 {
			continue
		}
		b.widgetTranslation(l)
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
		b.searchNames(l, &dir)
		for i := range dir.Countries {
			labelClouds(clouds, &dir.Countries[i])
		}
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

// phraseDir is where the hours widget keeps its phrases, one JSON file per
// language (en.json, de.json, zh-tw.json, ...); a site's static/ may add or
// override files.
const phraseDir = "static/ts/hours/phrases"

// widgetPhrases reads the phrase file of a language key, from the site's
// static/ first, then from the theme.
func (b *builder) widgetPhrases(key string) ([]byte, bool) {
	rel := phraseDir + "/" + key + ".json"
	data, err := os.ReadFile(filepath.Join(b.site.Root, filepath.FromSlash(rel)))
	if err != nil {
		data, err = fs.ReadFile(docloom.Theme, rel)
	}
	if err != nil || !json.Valid(data) {
		return nil, false
	}
	return data, true
}

// writeWidgetPhrases writes, next to the script bundle, the widget's
// phrases for each locale that is not English (the bundle carries English):
// the locale's language, or English when the widget has none for it, so
// that the script's request always finds a file.
func (b *builder) writeWidgetPhrases() {
	done := map[string]bool{}
	en, _ := b.widgetPhrases("en")
	for _, l := range b.locales {
		key := hours.LangKey(l.Locale.Code)
		if key == "en" || done[key] {
			continue
		}
		done[key] = true
		data, ok := b.widgetPhrases(key)
		if !ok {
			data = en
		}
		if data != nil {
			b.write(assets.Prefix+"/hours-phrases/"+key+".json", data)
		}
	}
}

// widgetTranslation reports, for a locale with support pages, when the
// hours widget has no phrases in the locale's language: its readers see
// English sentences (dates and weekdays still come from the browser).
func (b *builder) widgetTranslation(l *localeSet) {
	key := hours.LangKey(l.Locale.Code)
	if data, ok := b.widgetPhrases(key); ok {
		// A file that lacks some of English's phrases shows those in English.
		var have, want map[string]json.RawMessage
		en, _ := b.widgetPhrases("en")
		if key != "en" && json.Unmarshal(data, &have) == nil && json.Unmarshal(en, &want) == nil {
			var missing []string
			for k := range want {
				if _, ok := have[k]; !ok {
					missing = append(missing, k)
				}
			}
			if len(missing) > 0 {
				sort.Strings(missing)
				b.led.addf(ownerStage("support:"+l.Locale.Code), diag.Pos{File: phraseDir + "/" + key + ".json"}, diag.Info, "hours-widget-untranslated",
					"the support hours widget's %s phrases lack %s; readers of %s see those in English", key, strings.Join(missing, ", "), l.Locale.Code)
			}
		}
		return
	}
	var have []string
	if ents, err := fs.ReadDir(docloom.Theme, phraseDir); err == nil {
		for _, e := range ents {
			have = append(have, strings.TrimSuffix(e.Name(), ".json"))
		}
	}
	b.led.addf(ownerStage("support:"+l.Locale.Code), diag.Pos{File: phraseDir + "/" + key + ".json"}, diag.Info, "hours-widget-untranslated",
		"the support hours widget has no phrases for %s (it has %s); its readers see English sentences", l.Locale.Code, strings.Join(have, ", "))
}
