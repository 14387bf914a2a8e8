package dialect

import "strings"

// phrases are the few words the dialect writes into pages itself, per
// locale. A locale without an entry falls back to English.
var phrases = map[string]map[string]string{
	"en": {
		"section-link":    "Link to this section",
		"note":            "Note",
		"tip":             "Tip",
		"important":       "Important",
		"caution":         "Caution",
		"warning":         "Warning",
		"video":           "Video",
		"select-option":   "Select an option",
		"hours-always":    "24 hours a day, 7 days a week",
		"hours-off":       "Not available",
		"hours-through":   "to",
		"hours-every-day": "Every day",
	},
	"nl": {
		"section-link":    "Koppeling naar deze sectie",
		"note":            "Notitie",
		"tip":             "Tip",
		"important":       "Belangrijk",
		"caution":         "Let op",
		"warning":         "Waarschuwing",
		"video":           "Video",
		"select-option":   "Selecteer een optie",
		"hours-always":    "24 uur per dag, 7 dagen per week",
		"hours-off":       "Niet beschikbaar",
		"hours-through":   "t/m",
		"hours-every-day": "Elke dag",
	},
}

// Phrase returns the text for key in locale (e.g. "nl-nl"), falling back
// to the language, then to English.
func Phrase(locale, key string) string {
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if p, ok := phrases[lang][key]; ok {
		return p
	}
	return phrases["en"][key]
}

// AddPhrases lets a construct register its own words.
func AddPhrases(lang string, kv map[string]string) {
	if phrases[lang] == nil {
		phrases[lang] = map[string]string{}
	}
	for k, v := range kv {
		phrases[lang][k] = v
	}
}
