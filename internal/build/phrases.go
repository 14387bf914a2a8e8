package build

import (
	"strings"
	"sync"
)

// layoutPhrases are the words the layouts show, per language; English is
// the fallback for a locale without its own.
var layoutPhrases = map[string]map[string]string{
	"en": {
		"skip":          "Skip to main content",
		"fallback":      "This page is not available in your language yet; it is shown in English.",
		"machine":       "This page was translated by a machine.",
		"readEnglish":   "Read the English version.",
		"variant":       "You are reading:",
		"updated":       "Last updated",
		"pickers":       "Language and cloud",
		"language":      "Language",
		"cloud":         "Cloud",
		"unavailable":   "not available for this page",
		"toc":           "Table of contents",
		"breadcrumb":    "Breadcrumb",
		"prevnext":      "Previous and next article",
		"previous":      "Previous",
		"next":          "Next",
		"inThisArticle": "In this article",
	},
	"nl": {
		"skip":          "Naar de hoofdinhoud",
		"fallback":      "Deze pagina is nog niet vertaald; u leest de Engelse versie.",
		"machine":       "Deze pagina is automatisch vertaald.",
		"readEnglish":   "Lees de Engelse versie.",
		"variant":       "U leest:",
		"updated":       "Laatst bijgewerkt",
		"pickers":       "Taal en cloud",
		"language":      "Taal",
		"cloud":         "Cloud",
		"unavailable":   "niet beschikbaar voor deze pagina",
		"toc":           "Inhoudsopgave",
		"breadcrumb":    "Kruimelpad",
		"prevnext":      "Vorig en volgend artikel",
		"previous":      "Vorige",
		"next":          "Volgende",
		"inThisArticle": "In dit artikel",
	},
}

// phrasesFor is the layouts' words for a locale. The maps are built once
// per language and shared by every page: templates only read them.
func phrasesFor(locale string) map[string]string {
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	if m, ok := phraseCache.Load(lang); ok {
		return m.(map[string]string)
	}
	out := map[string]string{}
	for k, v := range layoutPhrases["en"] {
		out[k] = v
	}
	for k, v := range layoutPhrases[lang] {
		out[k] = v
	}
	m, _ := phraseCache.LoadOrStore(lang, out)
	return m.(map[string]string)
}

var phraseCache sync.Map
