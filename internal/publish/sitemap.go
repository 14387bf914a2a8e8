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

// esc escapes text for XML; most URLs need nothing, and a sitemap has one
// or more per page and cloud.
func esc(s string) string {
	if !strings.ContainsAny(s, "<>&'\"\r\n\t") {
		return s
	}
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// The sitemaps.org limits for one sitemap file: search engines reject a
// larger one, so a locale with more page versions gets several files.
const (
	MaxSitemapURLs  = 50000
	MaxSitemapBytes = 50 << 20
)

// Sitemap writes a sitemaps.org urlset with xhtml:link hreflang
// alternates, the form search engines read language versions from. It
// does not check the size limits: Sitemaps does.
func Sitemap(urls []URL) []byte {
	return Sitemaps(urls, len(urls)+1, 1<<62)[0]
}

// Sitemaps writes urls as one or more sitemap files of at most maxURLs
// entries and maxBytes each (MaxSitemapURLs and MaxSitemapBytes for the
// real limits), in order. There is always at least one file.
func Sitemaps(urls []URL, maxURLs, maxBytes int) [][]byte {
	head := xml.Header + `<urlset xmlns="` + sitemapNS + `" xmlns:xhtml="` + xhtmlNS + `">` + "\n"
	const tail = "</urlset>\n"
	var files [][]byte
	var b []byte
	n := 0
	start := func() {
		b = make([]byte, 0, 64<<10)
		b = append(b, head...)
		n = 0
	}
	start()
	var entry []byte
	for _, u := range urls {
		entry = entry[:0]
		entry = append(entry, "<url>\n<loc>"...)
		entry = append(entry, esc(u.Loc)...)
		entry = append(entry, "</loc>\n"...)
		if u.LastMod != "" {
			entry = append(entry, "<lastmod>"...)
			entry = append(entry, esc(u.LastMod)...)
			entry = append(entry, "</lastmod>\n"...)
		}
		for _, a := range u.Alternates {
			entry = append(entry, `<xhtml:link rel="alternate" hreflang="`...)
			entry = append(entry, esc(a.Lang)...)
			entry = append(entry, `" href="`...)
			entry = append(entry, esc(a.Href)...)
			entry = append(entry, `"/>`+"\n"...)
		}
		entry = append(entry, "</url>\n"...)
		if n > 0 && (n >= maxURLs || len(b)+len(entry)+len(tail) > maxBytes) {
			files = append(files, append(b, tail...))
			start()
		}
		b = append(b, entry...)
		n++
	}
	return append(files, append(b, tail...))
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
