package hours_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// The widget's phrase files (static/ts/hours/phrases): every language has
// every phrase of en.json, with the same placeholders, and each counted
// phrase has a form for every plural category its language's CLDR rules
// give a whole number (what Intl.PluralRules selects in the browser).
func TestWidgetPhraseFiles(t *testing.T) {
	dir := filepath.Join(browserTSRoot, "hours/phrases")
	read := func(name string) map[string]json.RawMessage {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en := read("en.json")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	// The locales the docset is published in (issue 19's list) all have one.
	want := strings.Fields("cs da de en es fi fr hu it ja ko nb nl pl pt ru sv tr zh-cn zh-tw")
	var have []string
	for _, f := range files {
		have = append(have, strings.TrimSuffix(filepath.Base(f), ".json"))
	}
	sort.Strings(have)
	if strings.Join(have, " ") != strings.Join(want, " ") {
		t.Errorf("phrase files %v, want %v", have, want)
	}
	ph := regexp.MustCompile(`\{\w+\}`)
	holders := func(s string) string {
		m := ph.FindAllString(s, -1)
		sort.Strings(m)
		return strings.Join(m, "")
	}
	forms := map[plural.Form]string{plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other"}
	for _, lang := range have {
		if lang == "en" {
			continue
		}
		m := read(lang + ".json")
		var about string
		if json.Unmarshal(m["_about"], &about) != nil || about == "" {
			t.Errorf("%s.json: no _about saying where its phrases come from", lang)
		} else if lang != "nl" && !strings.Contains(about, "not reviewed by native speakers") {
			t.Errorf("%s.json: _about %q does not say the translation is unreviewed", lang, about)
		}
		tag := language.Make(strings.Split(lang, "-")[0])
		for k, ev := range en {
			v, ok := m[k]
			if !ok {
				t.Errorf("%s.json lacks %q", lang, k)
				continue
			}
			var es string
			if json.Unmarshal(ev, &es) == nil {
				var s string
				if err := json.Unmarshal(v, &s); err != nil {
					t.Errorf("%s.json %q: want a string", lang, k)
				} else if holders(s) != holders(es) {
					t.Errorf("%s.json %q = %q: placeholders differ from English %q", lang, k, s, es)
				}
				continue
			}
			var pf map[string]string
			if err := json.Unmarshal(v, &pf); err != nil {
				t.Errorf("%s.json %q: want plural forms", lang, k)
				continue
			}
			for n := 0; n <= 1000; n++ {
				c := forms[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)]
				if _, ok := pf[c]; !ok {
					t.Errorf("%s.json %q has no %q form (for %d)", lang, k, c, n)
					break
				}
			}
			for c, s := range pf {
				if !strings.Contains(s, "{n}") {
					t.Errorf("%s.json %q %s form %q has no {n}", lang, k, c, s)
				}
			}
		}
	}
}
