package build

import (
	"strings"
)

// indexHomes picks, once per build, the home page of every locale and
// cloud: the docset's home (findHome: its root index page, or the page at
// its Learn base, /powershell/) when it is published there; else the
// page at /<locale>/<moniker>/; else the shallowest page, index pages
// first (the Microsoft 365 slice has no index at all), ties by URL. The
// site title, the TOC breadcrumb's first link, the 404 page and the site
// and locale roots link there; a cloud without any page has no home ("").
func (b *builder) indexHomes() {
	b.homes = map[homeKey]string{}
	for _, l := range b.locales {
		for _, m := range b.site.Monikers.All().Indices() {
			root := b.cloudRoot(l.Locale.Code, m)
			want := root + b.homePath
			best, bestDepth, bestIndex := "", 0, false
			for _, p := range l.Pages {
				if !p.Monikers.Has(m) || redirectURL(p) != "" {
					continue
				}
				u := b.pageURL(l.Locale.Code, m, p.Rel)
				rest, ok := strings.CutPrefix(u, root)
				if !ok {
					continue
				}
				if u == want {
					best = u
					break
				}
				if rest == "" {
					best, bestDepth, bestIndex = u, -1, true
					continue
				}
				depth := strings.Count(strings.TrimSuffix(rest, "/"), "/")
				index := strings.HasSuffix(rest, "/")
				if best == "" || depth < bestDepth || depth == bestDepth && (index && !bestIndex || index == bestIndex && u < best) {
					best, bestDepth, bestIndex = u, depth, index
				}
			}
			b.homes[homeKey{l.Locale.Code, m}] = best
		}
	}
}

type homeKey struct {
	locale string
	m      int
}

// cloudRoot is /<locale>/<moniker>/ below the site's base path.
func (b *builder) cloudRoot(locale string, m int) string {
	return b.basePath() + locale + "/" + b.site.Monikers.Moniker(m).Name + "/"
}

// home is the home page URL of a locale and cloud ("" when the cloud has
// no page in that locale).
func (b *builder) home(locale string, m int) string {
	if u, ok := b.homes[homeKey{locale, m}]; ok {
		return u
	}
	return b.cloudRoot(locale, m)
}

// writeCloudRoots writes, for every locale and cloud whose home is not at
// /<locale>/<moniker>/, a page there that sends readers to the home: the
// URL is what readers and other sites type, and what the site and locale
// roots send to.
func (b *builder) writeCloudRoots(page func(to string) []byte) {
	for _, l := range b.locales {
		for _, m := range b.site.Monikers.All().Indices() {
			root := b.cloudRoot(l.Locale.Code, m)
			if h := b.home(l.Locale.Code, m); h != "" && h != root {
				b.write(strings.TrimPrefix(root, b.basePath())+"index.html", page(h))
			}
		}
	}
}
