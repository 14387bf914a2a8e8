package build

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The layout phrase files: each parses, says where its words come from,
// has only keys English has, with English's placeholders; a key a file
// lacks (English gained it later) is logged, and reads English.
func TestLayoutPhraseFiles(t *testing.T) {
	ents, err := fs.ReadDir(phraseFiles, "phrases")
	if err != nil {
		t.Fatal(err)
	}
	var langs []string
	for _, e := range ents {
		langs = append(langs, strings.TrimSuffix(e.Name(), ".json"))
	}
	sort.Strings(langs)
	// With en and nl in layoutPhrases, the languages the docset is
	// published in (issue 19's list).
	if want := "cs da de es fi fr hu it ja ko nb pl pt ru sv tr zh-cn zh-tw"; strings.Join(langs, " ") != want {
		t.Errorf("phrase files %v, want %s", langs, want)
	}
	ph := regexp.MustCompile(`\{\w+\}`)
	holders := func(s string) string {
		m := ph.FindAllString(s, -1)
		sort.Strings(m)
		return strings.Join(m, "")
	}
	en := layoutPhrases["en"]
	for _, l := range langs {
		b, _ := phraseFiles.ReadFile("phrases/" + l + ".json")
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Errorf("%s.json: %v", l, err)
			continue
		}
		if !strings.Contains(m["_about"], "not reviewed by native speakers") {
			t.Errorf("%s.json: _about %q does not say where the words come from and that they are unreviewed", l, m["_about"])
		}
		for k, v := range m {
			if k == "_about" {
				continue
			}
			e, ok := en[k]
			switch {
			case !ok:
				t.Errorf("%s.json: %q is no layout phrase", l, k)
			case holders(v) != holders(e):
				t.Errorf("%s.json %q = %q: placeholders differ from English %q", l, k, v, e)
			case strings.TrimSpace(v) == "":
				t.Errorf("%s.json %q is empty", l, k)
			}
		}
		var missing []string
		for k := range en {
			if _, ok := m[k]; !ok {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Logf("%s.json lacks %s (read in English)", l, strings.Join(missing, ", "))
		}
	}
	// Locales find their language's words: Chinese by script, Portuguese
	// and Norwegian by language; English for a language without a file.
	for locale, want := range map[string]string{
		"de-de": "Zum Hauptinhalt wechseln", "de-ch": "Zum Hauptinhalt wechseln", "pt-br": "Ir para o conteúdo principal",
		"zh-cn": "跳转至主内容", "zh-tw": "跳到主要內容", "zh-hk": "跳到主要內容", "nb-no": "Hopp til hovedinnhold",
		"nl-nl": "Naar de hoofdinhoud", "en-us": "Skip to main content", "ar-sa": "Skip to main content",
	} {
		if got := phrasesFor(locale)["skip"]; got != want {
			t.Errorf("%s skip = %q, want %q", locale, got, want)
		}
	}
	if got := phrasesOf("ru-ru", true)["cloud"]; got != "Версия" {
		t.Errorf("ru versioned picker = %q", got)
	}
}
