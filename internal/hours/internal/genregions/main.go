// Command genregions writes internal/hours/regions.tsv: the names of
// countries and regions from the Unicode CLDR that golang.org/x/text does not
// give the support widget's search, which reads x/text's CLDR 32 names
// (display.Regions) and adds these:
//
//   - names newer than CLDR 32 ("Türkiye", "Eswatini", "North Macedonia"),
//   - CLDR's short and variant forms ("UK", "VS", "Czech Republic",
//     "Turkey"), territory keys "GB-alt-short", "CZ-alt-variant",
//   - CLDR's subdivision names of the United Kingdom's countries (gbeng,
//     gbsct, gbwls: "England", "Engeland", "Schotland", "Wales"), which
//     readers type for the whole kingdom,
//   - the official languages of each region (territoryInfo, official and
//     de facto official), whose names of the region are its native names
//     ("Belgique", "België", "Belgien"),
//   - attested: a few names that CLDR gives a region only in languages a
//     site seldom has, kept because readers of other languages use them
//     (see the attested table).
//
// Input is the JSON form of CLDR published by the Unicode consortium in the
// npm packages cldr-localenames-full and cldr-core (unpack both):
//
//	npm pack cldr-localenames-full@48.2.0 cldr-core@48.2.0
//	mkdir names core && tar xzf cldr-localenames-full-48.2.0.tgz -C names --strip-components 1 && tar xzf cldr-core-48.2.0.tgz -C core --strip-components 1
//	go run ./internal/hours/internal/genregions -names names -core core > internal/hours/regions.tsv
//
// The output is sorted, so running it again on the same input gives the
// same file.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/unicode/norm"
)

// attested are names a region's readers commonly use that CLDR has only as
// the region's name in a few languages, or in its subdivision data that the
// JSON packages leave out. Each is checked against the JSON data: the
// generator fails when CLDR no longer has the name for the region in the
// languages listed, so the table cannot drift into hand-made aliases.
var attested = []struct {
	region, name string
	langs        []string // CLDR locales whose territory name it is
	why          string
}{
	// "Holland" for the Netherlands: NL's CLDR name in Estonian, Swiss
	// German, Icelandic and Luxembourgish; in CLDR's subdivision data
	// (common/subdivisions, not in the JSON packages) the provinces nlnh
	// "Noord-Holland" and nlzh "Zuid-Holland" carry it, and Dutch and English
	// readers use it for the whole country.
	{"NL", "Holland", []string{"et", "gsw", "is", "lb"}, "NL in et, gsw, is, lb; subdivisions nlnh, nlzh"},
}

// widgetLangs are the CLDR locales of the languages the support widget
// speaks (internal/hours/lang, static/ts/hours/phrases): their names of
// every region are kept. Other languages give only native names.
var widgetLangs = []string{"cs", "da", "de", "en", "es", "fi", "fr", "hu", "it", "ja", "ko", "nb", "nl", "pl", "pt", "ru", "sv", "tr", "zh", "zh-Hant"}

var (
	regionKey = regexp.MustCompile(`^([A-Z]{2})(?:-alt-(short|variant))?$`)
	// subdivisions of a region that name it for readers: the countries of
	// the United Kingdom.
	subdivisions = map[string]string{"gbeng": "GB", "gbsct": "GB", "gbwls": "GB"}
)

type territories struct {
	Main map[string]struct {
		LocaleDisplayNames struct {
			Territories map[string]string `json:"territories"`
		} `json:"localeDisplayNames"`
	} `json:"main"`
}

type displayNames struct {
	Main map[string]struct {
		LocaleDisplayNames struct {
			Subdivisions map[string]string `json:"subdivisions"`
		} `json:"localeDisplayNames"`
	} `json:"main"`
}

type territoryInfo struct {
	Supplemental struct {
		TerritoryInfo map[string]struct {
			LanguagePopulation map[string]struct {
				OfficialStatus string `json:"_officialStatus"`
			} `json:"languagePopulation"`
		} `json:"territoryInfo"`
	} `json:"supplemental"`
}

func main() {
	namesDir := flag.String("names", "names", "folder of the unpacked cldr-localenames-full package")
	coreDir := flag.String("core", "core", "folder of the unpacked cldr-core package")
	flag.Parse()
	version := "?"
	var pkg struct{ Version string }
	if b, err := os.ReadFile(filepath.Join(*namesDir, "package.json")); err == nil && json.Unmarshal(b, &pkg) == nil {
		version = pkg.Version
	}
	official, err := officialLanguages(*coreDir)
	if err != nil {
		fail(err)
	}
	// A language's names matter when sites are written in it (x/text knows
	// it) or when it is a region's official language (native names).
	officialIn := map[string]map[string]bool{}
	var rows []string
	for region, langs := range official {
		rows = append(rows, "official\t"+region+"\t"+strings.Join(langs, "|"))
		for _, l := range langs {
			if officialIn[l] == nil {
				officialIn[l] = map[string]bool{}
			}
			officialIn[l][region] = true
		}
	}
	locales, err := os.ReadDir(filepath.Join(*namesDir, "main"))
	if err != nil {
		fail(err)
	}
	all := map[string]map[string][]string{} // locale -> region -> names
	supported := map[string]bool{}
	for _, l := range widgetLangs {
		supported[l] = true
	}
	for _, e := range locales {
		loc := e.Name()
		if !baseLocale(loc) {
			continue
		}
		names, err := localeNames(*namesDir, loc)
		if os.IsNotExist(err) {
			continue // a locale with no territory names
		}
		if err != nil {
			fail(err)
		}
		all[loc] = names
		tag, _ := language.Parse(loc)
		namer := display.Regions(tag)
		for region, ns := range names {
			r, err := language.ParseRegion(region)
			if err != nil {
				continue
			}
			have := ""
			if namer != nil {
				have = fold(namer.Name(r))
			}
			// Other languages' names are kept only as native names.
			if !supported[loc] && !officialIn[loc][region] {
				continue
			}
			var extra []string
			for _, n := range ns {
				if fold(n) != have {
					extra = append(extra, n)
				}
			}
			if len(extra) > 0 {
				rows = append(rows, row("names", loc+":"+region, extra))
			}
		}
	}
	for _, a := range attested {
		for _, l := range a.langs {
			if ns := all[l][a.region]; len(ns) == 0 || ns[0] != a.name {
				fail(fmt.Errorf("CLDR %s no longer names %s %q (has %q)", l, a.region, a.name, ns))
			}
		}
		rows = append(rows, "attested\t"+a.region+"\t"+a.name+"\t"+a.why)
	}
	sort.Strings(rows)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "# Generated by internal/hours/internal/genregions from the Unicode CLDR JSON data,\n")
	fmt.Fprintf(w, "# npm packages cldr-localenames-full and cldr-core %s (Unicode license). Do not edit; regenerate.\n", version)
	fmt.Fprintf(w, "# official\tregion\tlanguages; names\tlocale:region\tnames beyond x/text's; attested\tregion\tname\twhere CLDR has it\n")
	for _, r := range rows {
		fmt.Fprintln(w, r)
	}
	if err := w.Flush(); err != nil {
		fail(err)
	}
}

// baseLocale: a language, or a language with a script ("zh-Hant",
// "sr-Latn"); regional variants ("en-GB") repeat their parent's names.
func baseLocale(loc string) bool {
	parts := strings.Split(loc, "-")
	return len(parts) == 1 || len(parts) == 2 && len(parts[1]) == 4
}

// localeNames are one locale's names per region: the territory name
// first, then its short and variant forms, then the names of the
// subdivisions that stand for it.
func localeNames(dir, loc string) (map[string][]string, error) {
	var t territories
	if err := readJSON(filepath.Join(dir, "main", loc, "territories.json"), &t); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	keys := make([]string, 0, len(t.Main[loc].LocaleDisplayNames.Territories))
	for k := range t.Main[loc].LocaleDisplayNames.Territories {
		keys = append(keys, k)
	}
	// "GB" before "GB-alt-short" before "GB-alt-variant".
	sort.Strings(keys)
	for _, k := range keys {
		m := regionKey.FindStringSubmatch(k)
		if m == nil {
			continue
		}
		out[m[1]] = appendName(out[m[1]], t.Main[loc].LocaleDisplayNames.Territories[k])
	}
	var d displayNames
	if err := readJSON(filepath.Join(dir, "main", loc, "localeDisplayNames.json"), &d); err == nil {
		subs := d.Main[loc].LocaleDisplayNames.Subdivisions
		codes := make([]string, 0, len(subs))
		for c := range subs {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			if r := subdivisions[c]; r != "" {
				out[r] = appendName(out[r], subs[c])
			}
		}
	}
	return out, nil
}

func appendName(ns []string, n string) []string {
	n = strings.TrimSpace(n)
	if n == "" || strings.ContainsAny(n, "\t|\n") {
		return ns
	}
	for _, o := range ns {
		if fold(o) == fold(n) {
			return ns
		}
	}
	return append(ns, n)
}

// officialLanguages maps each region to its official and de facto
// official languages, sorted.
func officialLanguages(dir string) (map[string][]string, error) {
	var ti territoryInfo
	if err := readJSON(filepath.Join(dir, "supplemental", "territoryInfo.json"), &ti); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for region, info := range ti.Supplemental.TerritoryInfo {
		if !regionKey.MatchString(region) {
			continue
		}
		var langs []string
		for l, p := range info.LanguagePopulation {
			if p.OfficialStatus == "official" || p.OfficialStatus == "de_facto_official" {
				langs = append(langs, strings.ReplaceAll(l, "_", "-"))
			}
		}
		if len(langs) > 0 {
			sort.Strings(langs)
			out[region] = langs
		}
	}
	return out, nil
}

// fold compares names without case and accents, as the widget matches.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func row(kind, key string, names []string) string {
	return kind + "\t" + key + "\t" + strings.Join(names, "|")
}

func readJSON(file string, v any) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "genregions:", err)
	os.Exit(1)
}
