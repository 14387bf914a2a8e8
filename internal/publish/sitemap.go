package publish

import (
	"encoding/xml"
	"strings"
)

// Alternate is another language version of a sitemap URL.
type Alternate struct {
	Lang string // hreflang value: a locale code or x-default
	Href string // absolute URL
}

// URL is one sitemap entry.
type URL struct {
	Loc        string // absolute URL
	LastMod    string // YYYY-MM-DD or ""
	Alternates []Alternate
}

const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	xhtmlNS   = "http://www.w3.org/1999/xhtml"
)

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// Sitemap writes a sitemaps.org urlset with xhtml:link hreflang
// alternates, the form search engines read language versions from.
func Sitemap(urls []URL) []byte {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="` + sitemapNS + `" xmlns:xhtml="` + xhtmlNS + `">` + "\n")
	for _, u := range urls {
		b.WriteString("<url>\n<loc>" + esc(u.Loc) + "</loc>\n")
		if u.LastMod != "" {
			b.WriteString("<lastmod>" + esc(u.LastMod) + "</lastmod>\n")
		}
		for _, a := range u.Alternates {
			b.WriteString(`<xhtml:link rel="alternate" hreflang="` + esc(a.Lang) + `" href="` + esc(a.Href) + `"/>` + "\n")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}

// SitemapIndex writes a sitemap index naming the per-locale sitemaps.
func SitemapIndex(locs []string) []byte {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<sitemapindex xmlns="` + sitemapNS + `">` + "\n")
	for _, l := range locs {
		b.WriteString("<sitemap><loc>" + esc(l) + "</loc></sitemap>\n")
	}
	b.WriteString("</sitemapindex>\n")
	return []byte(b.String())
}

// Robots writes robots.txt: everything may be crawled except the listed
// paths, and the sitemap index is announced.
func Robots(sitemap string, disallow []string) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	if len(disallow) == 0 {
		b.WriteString("Allow: /\n")
	}
	for _, d := range disallow {
		b.WriteString("Disallow: " + d + "\n")
	}
	if sitemap != "" {
		b.WriteString("\nSitemap: " + sitemap + "\n")
	}
	return []byte(b.String())
}

// NoIndex reports whether a robots meta value keeps a page out of search
// engines (and so out of the sitemap).
func NoIndex(robots string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(robots), func(r rune) bool { return r == ',' || r == ' ' }) {
		if f == "noindex" || f == "none" {
			return true
		}
	}
	return false
}
