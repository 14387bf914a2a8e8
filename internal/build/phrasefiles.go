package build

import (
	"embed"
	"encoding/json"
	"strings"

	"github.com/docloom/docloom/internal/hours"
)

// The layouts' words in the languages the docset is published in, beyond
// the English and Dutch of layoutPhrases: one JSON file per language in
// phrases/, named as hours.LangKey names a locale ("de", "pt", "zh-cn",
// "zh-tw", "nb"). Each file's "_about" says where its words come from; a
// key a file lacks reads English.
//
//go:embed phrases/*.json
var phraseFiles embed.FS

// filePhrases is the phrase file of a language key, without "_about"; nil
// when there is none or it does not parse (the test checks every file).
func filePhrases(key string) map[string]string {
	b, err := phraseFiles.ReadFile("phrases/" + key + ".json")
	if err != nil {
		return nil
	}
	var m map[string]string
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	delete(m, "_about")
	return m
}

// layoutLang is the key of a locale's layout words: its language, with
// Chinese split by script and Norwegian read as Bokmål.
func layoutLang(locale string) string {
	return hours.LangKey(strings.ToLower(locale))
}
