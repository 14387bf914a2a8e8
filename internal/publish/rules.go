package publish

import (
	"path"
	"strings"
)

// LanguageRules send readers of the site root to their language's home
// page in the default cloud (Netlify's Language condition reads the
// browser's Accept-Language), falling back to the default locale, and make
// each locale root a redirect to its default-cloud home. The rules are
// forced: the build also writes small redirect pages at these paths for
// hosts without rules.
func LanguageRules(s Site) []Rule {
	var rules []Rule
	seen := map[string]bool{}
	for _, loc := range s.Locales {
		lang, _, _ := strings.Cut(strings.ToLower(loc), "-")
		if seen[lang] {
			continue
		}
		seen[lang] = true
		if loc == s.DefaultLocale {
			continue
		}
		rules = append(rules, Rule{From: s.base(), To: s.Home(loc, s.DefaultMoniker), Status: 302, Force: true,
			Conditions: []Condition{{Key: "Language", Values: []string{lang}}}})
	}
	rules = append(rules, Rule{From: s.base(), To: s.Home(s.DefaultLocale, s.DefaultMoniker), Status: 302, Force: true})
	for _, loc := range s.Locales {
		rules = append(rules, Rule{From: s.base() + loc + "/", To: s.Home(loc, s.DefaultMoniker), Status: 302, Force: true})
	}
	return rules
}

// ViewRules map Learn's ?view=<moniker> query on any page of one cloud to
// the same page in the named cloud. They are forced because the page
// exists; a view naming the page's own cloud matches no rule and the page
// is served as it is.
func ViewRules(s Site) []Rule {
	var rules []Rule
	for _, loc := range s.Locales {
		for _, from := range s.Monikers {
			for _, to := range s.Monikers {
				if from == to {
					continue
				}
				rules = append(rules, Rule{
					From:   s.Folder(loc, from) + "*",
					Query:  []Param{{"view", to}},
					To:     s.Folder(loc, to) + ":splat",
					Status: 301, Force: true,
				})
			}
		}
	}
	return rules
}

// Redirect is a moved page: from .openpublishing.redirection.json (Source
// is its source_path, relative to the locale's folder) or from a page's
// redirect_url front matter (Force set: the page's file is a redirect stub).
type Redirect struct {
	Locale string
	Source string
	To     string
	// Monikers limits the clouds; empty means every cloud of the site.
	Monikers []string
	Force    bool
}

// RedirectRules writes one rule per cloud for each moved page: from the
// page's URL in that cloud to the target in the same locale and cloud.
// Entries whose target is empty, or equals the source, are left out.
func RedirectRules(s Site, rs []Redirect) []Rule {
	var rules []Rule
	for _, r := range rs {
		clouds := s.Monikers
		if len(r.Monikers) > 0 {
			clouds = nil
			for _, m := range r.Monikers {
				for _, known := range s.Monikers {
					if strings.EqualFold(m, known) {
						clouds = append(clouds, known)
					}
				}
			}
		}
		for _, m := range clouds {
			from := s.PageURL(r.Locale, m, r.Source)
			to := s.Target(r.Locale, m, path.Dir(r.Source), r.To)
			if to == "" || trimSlash(to) == trimSlash(from) {
				continue
			}
			rules = append(rules, Rule{From: from, To: to, Status: 301, Force: r.Force})
		}
	}
	return rules
}

// NotFoundRules serve each locale's own 404 page for missing paths below
// the locale; Netlify serves the root 404.html for everything else.
func NotFoundRules(s Site) []Rule {
	var rules []Rule
	for _, loc := range s.Locales {
		rules = append(rules, Rule{From: s.base() + loc + "/*", To: s.base() + loc + "/404.html", Status: 404})
	}
	return rules
}
