// Package urlpath makes the URL paths the site writes. Every href of a
// page body, the sidebar, breadcrumbs and pickers, every sitemap <loc> and
// every _redirects rule goes through Escape, so that a file named
// `c#.md`, `what?.md`, `a b.md` or `100%20.md` gets a URL that browsers,
// static hosts and sitemap readers all resolve to it (unescaped, `#` and
// `?` cut the path, `%20` names another file, and a space makes a sitemap
// invalid).
//
// Inside the build, paths stay unescaped: they name output files and key
// the page lookups; they are escaped once, where they become URLs.
package urlpath

import (
	"net/url"
	"strings"
)

// Escape percent-encodes each segment of the slash-separated path p (a
// path such as "/en-us/o365/admin/get help"), keeping the slashes:
// everything but RFC 3986's unreserved characters and the sub-delimiters
// safe in a path segment is encoded, including `%` and `:`, so that the result
// always decodes back to p.
func Escape(p string) string {
	if !needsEscape(p) {
		return p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		// A colon is legal in a path, but in the first segment of the
		// relative hrefs made from these paths it would read as a scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// needsEscape is the fast path: most paths are lower-case ASCII words.
func needsEscape(p string) bool {
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '/' || c == '-' || c == '_' || c == '.' || c == '~':
		default:
			return true
		}
	}
	return false
}
