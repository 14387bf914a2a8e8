// Package publish turns the built site's page list into the files a CDN
// reads beside the pages: sitemaps, robots.txt and Netlify's _redirects.
// Everything here is a pure function from plain values to bytes, so the
// rules can be tested (with the _redirects evaluator in match.go) without
// a build or a CDN.
package publish

import (
	"path"
	"strings"
)

// Site is what the redirect rules need to know about the site's URL scheme
// /<base>/<locale>/<moniker>/<path>/.
type Site struct {
	Base           string   // base path with leading and trailing slash: "/" or "/docs/"
	Locales        []string // locale codes in configuration order
	DefaultLocale  string
	Monikers       []string // cloud names in catalog order
	DefaultMoniker string
	// HomePath is the home page's path below the locale and moniker
	// folder ("" for the folder itself; "powershell/" for a docset
	// published under its Learn base).
	HomePath string
}

func (s Site) base() string {
	b := s.Base
	if b == "" {
		b = "/"
	}
	if !strings.HasPrefix(b, "/") {
		b = "/" + b
	}
	if !strings.HasSuffix(b, "/") {
		b += "/"
	}
	return b
}

// Home is the home page of a locale in a cloud.
func (s Site) Home(locale, moniker string) string {
	return s.Folder(locale, moniker) + s.HomePath
}

// Folder is the folder of a locale and cloud: every page of it is below.
func (s Site) Folder(locale, moniker string) string {
	return s.base() + locale + "/" + moniker + "/"
}

// PageURL is the URL of the source file rel (relative to the locale's
// folder) in a locale and cloud: lower-cased, without .md (admin/x.md is
// admin/x), an index page as its folder (admin/index.md is admin/).
func (s Site) PageURL(locale, moniker, rel string) string {
	return s.Folder(locale, moniker) + urlPath(rel)
}

// urlPath mirrors the build's URL scheme for a source path.
func urlPath(rel string) string {
	p := strings.ToLower(strings.TrimPrefix(rel, "/"))
	for _, ext := range []string{".md", ".yml", ".yaml"} {
		p = strings.TrimSuffix(p, ext)
	}
	p, folder := strings.CutSuffix(p, "/")
	if p == "index" || p == "" {
		return ""
	}
	if q, ok := strings.CutSuffix(p, "/index"); ok {
		return q + "/"
	}
	if folder {
		return p + "/"
	}
	return p
}

// Target resolves a redirect destination written in a docset for a page
// in a locale and cloud. Absolute URLs (https://..., //host) are kept;
// a root-relative URL (/path, Learn's form) gets the base path, locale and
// cloud inserted; a relative one (other.md, ../x) is resolved against the
// folder of the source file dir. Query and fragment are kept.
func (s Site) Target(locale, moniker, dir, to string) string {
	to = strings.TrimSpace(to)
	if to == "" {
		return ""
	}
	if strings.HasPrefix(to, "//") || hasScheme(to) {
		return to
	}
	p, suffix := to, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, suffix = p[:i], p[i:]
	}
	if !strings.HasPrefix(p, "/") {
		p = path.Join("/", dir, p)
	}
	// Learn URLs name a page without .md; a file with another extension
	// (an image, a PDF) keeps its name.
	trimmed := strings.TrimSuffix(p, "/")
	ext := path.Ext(trimmed)
	var out string
	switch {
	case trimmed == "":
		out = s.Home(locale, moniker)
	case ext == "" || ext == ".md" || ext == ".yml":
		out = s.Folder(locale, moniker) + urlPath(p)
	default:
		out = s.Folder(locale, moniker) + strings.TrimPrefix(strings.ToLower(trimmed), "/")
	}
	return out + suffix
}

func hasScheme(u string) bool {
	for i, c := range u {
		switch {
		case c == ':':
			return i > 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return false
		}
	}
	return false
}
