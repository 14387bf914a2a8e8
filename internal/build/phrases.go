package build

import (
	"strings"
	"sync"
)

// layoutPhrases are the words the layouts show, per language; English is
// the fallback for a locale without its own.
var layoutPhrases = map[string]map[string]string{
	"en": {
		"skip":                  "Skip to main content",
		"fallback":              "This page is not available in your language yet; it is shown in English.",
		"machine":               "This page was translated by a machine.",
		"readEnglish":           "Read the English version.",
		"variant":               "You are reading:",
		"updated":               "Last updated",
		"pickers":               "Language and cloud",
		"language":              "Language",
		"cloud":                 "Cloud",
		"version":               "Version",
		"pickersVersion":        "Language and version",
		"unavailable":           "not available for this page",
		"toc":                   "Table of contents",
		"breadcrumb":            "Breadcrumb",
		"prevnext":              "Previous and next article",
		"previous":              "Previous",
		"next":                  "Next",
		"inThisArticle":         "In this article",
		"theme":                 "Theme",
		"themeAuto":             "As on this device",
		"themeLight":            "Light",
		"themeDark":             "Dark",
		"themeContrast":         "High contrast",
		"filterToc":             "Filter by title",
		"filterNone":            "No matching entries",
		"filterSome":            "{n} matching entries",
		"editPage":              "Edit this page",
		"feedbackPage":          "Report a problem with this page",
		"feedbackProduct":       "Give product feedback",
		"linkList.architecture": "Architecture",
		"linkList.concept":      "Concept",
		"linkList.deploy":       "Deploy",
		"linkList.download":     "Download",
		"linkList.get-started":  "Get started",
		"linkList.how-to-guide": "How-to guide",
		"linkList.learn":        "Learn",
		"linkList.overview":     "Overview",
		"linkList.quickstart":   "Quickstart",
		"linkList.reference":    "Reference",
		"linkList.sample":       "Sample",
		"linkList.training":     "Training",
		"linkList.tutorial":     "Tutorial",
		"linkList.video":        "Video",
		"linkList.whats-new":    "What's new",
		// Site search (the header's box, its results and the results page).
		"search":            "Search",
		"searchPlaceholder": "Search",
		"searchKeys":        "Press / or Ctrl+K to search",
		"searchTitle":       "Search results",
		"searchNoJS":        "Search results need JavaScript, which is turned off or not available in this browser.",
		"searchCount":       "{n} results",
		"searchOne":         "1 result",
		"searchNone":        "No results for “{q}”",
		"searchLoading":     "Searching…",
		"searchError":       "Search is not available right now.",
		"searchAll":         "See all results for “{q}”",
		"searchMore":        "Show more results",
		"searchFor":         "{n} results for “{q}”",
		"searchEmpty":       "Type what you are looking for.",
		"notFoundTitle":     "Page not found",
		"notFoundText":      "The page you asked for does not exist here, or it has moved.",
		"notFoundHomes":     "Start again from the home page of your cloud:",
	},
	"nl": {
		"skip":                  "Naar de hoofdinhoud",
		"fallback":              "Deze pagina is nog niet vertaald; u leest de Engelse versie.",
		"machine":               "Deze pagina is automatisch vertaald.",
		"readEnglish":           "Lees de Engelse versie.",
		"variant":               "U leest:",
		"updated":               "Laatst bijgewerkt",
		"pickers":               "Taal en cloud",
		"language":              "Taal",
		"cloud":                 "Cloud",
		"version":               "Versie",
		"pickersVersion":        "Taal en versie",
		"unavailable":           "niet beschikbaar voor deze pagina",
		"toc":                   "Inhoudsopgave",
		"breadcrumb":            "Kruimelpad",
		"prevnext":              "Vorig en volgend artikel",
		"previous":              "Vorige",
		"next":                  "Volgende",
		"inThisArticle":         "In dit artikel",
		"theme":                 "Thema",
		"themeAuto":             "Zoals op dit apparaat",
		"themeLight":            "Licht",
		"themeDark":             "Donker",
		"themeContrast":         "Hoog contrast",
		"filterToc":             "Filteren op titel",
		"filterNone":            "Geen overeenkomende items",
		"filterSome":            "{n} overeenkomende items",
		"editPage":              "Deze pagina bewerken",
		"feedbackPage":          "Een probleem met deze pagina melden",
		"feedbackProduct":       "Feedback over het product geven",
		"linkList.architecture": "Architectuur",
		"linkList.concept":      "Concept",
		"linkList.deploy":       "Implementeren",
		"linkList.download":     "Downloaden",
		"linkList.get-started":  "Aan de slag",
		"linkList.how-to-guide": "Instructies",
		"linkList.learn":        "Leren",
		"linkList.overview":     "Overzicht",
		"linkList.quickstart":   "Quickstart",
		"linkList.reference":    "Naslag",
		"linkList.sample":       "Voorbeeld",
		"linkList.training":     "Training",
		"linkList.tutorial":     "Zelfstudie",
		"linkList.video":        "Video",
		"linkList.whats-new":    "Nieuw",
		"search":                "Zoeken",
		"searchPlaceholder":     "Zoeken",
		"searchKeys":            "Druk op / of Ctrl+K om te zoeken",
		"searchTitle":           "Zoekresultaten",
		"searchNoJS":            "Voor zoekresultaten is JavaScript nodig; dat staat uit of is in deze browser niet beschikbaar.",
		"searchCount":           "{n} resultaten",
		"searchOne":             "1 resultaat",
		"searchNone":            "Geen resultaten voor “{q}”",
		"searchLoading":         "Bezig met zoeken…",
		"searchError":           "Zoeken is nu niet beschikbaar.",
		"searchAll":             "Alle resultaten voor “{q}”",
		"searchMore":            "Meer resultaten",
		"searchFor":             "{n} resultaten voor “{q}”",
		"searchEmpty":           "Typ waar u naar zoekt.",
		"notFoundTitle":         "Pagina niet gevonden",
		"notFoundText":          "De pagina die u zocht bestaat hier niet, of is verplaatst.",
		"notFoundHomes":         "Begin opnieuw op de startpagina van uw cloud:",
	},
}

// phrasesFor is the layouts' words for a locale. The maps are built once
// per language and shared by every page: templates only read them.
func phrasesFor(locale string) map[string]string {
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	key := layoutLang(locale)
	if m, ok := phraseCache.Load(key); ok {
		return m.(map[string]string)
	}
	out := map[string]string{}
	for k, v := range layoutPhrases["en"] {
		out[k] = v
	}
	for k, v := range layoutPhrases[lang] {
		out[k] = v
	}
	// The other languages' words (phrases/<key>.json, phrasefiles.go).
	for k, v := range filePhrases(key) {
		out[k] = v
	}
	m, _ := phraseCache.LoadOrStore(key, out)
	return m.(map[string]string)
}

var phraseCache sync.Map

// phrasesOf is phrasesFor with the moniker picker named for what the
// site's monikers are: "Version" on a docset whose monikers are versions of
// one product (moniker.Versioned), "Cloud" otherwise.
func phrasesOf(locale string, versioned bool) map[string]string {
	t := phrasesFor(locale)
	if !versioned {
		return t
	}
	key := "versioned/" + strings.ToLower(locale)
	if m, ok := phraseCache.Load(key); ok {
		return m.(map[string]string)
	}
	out := make(map[string]string, len(t))
	for k, v := range t {
		out[k] = v
	}
	out["cloud"], out["pickers"] = t["version"], t["pickersVersion"]
	m, _ := phraseCache.LoadOrStore(key, out)
	return m.(map[string]string)
}
