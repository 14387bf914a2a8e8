package build

import (
	"fmt"
	"html/template"
	"path"
	"strings"
	"time"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/publish"
	"github.com/docloom/docloom/internal/render"
)

// writeSiteFiles writes what a CDN and search engines read beside the
// pages: a sitemap per locale and a sitemap index, robots.txt, a 404 page
// per locale (and the default locale's at the root, which Netlify serves
// for any missing path outside the locales) and Netlify's _redirects. It
// runs after the pages are rendered: the sitemaps list only pages whose
// file was written.
func (b *builder) writeSiteFiles() {
	if b.site == nil || b.layouts.Missing() {
		return
	}
	ps := b.publishSite()
	var sitemaps []string
	for _, l := range b.locales {
		// A locale of more than 50,000 page versions (16,667 pages in three
		// clouds) is split into sitemap-1.xml, sitemap-2.xml, ...
		files := publish.Sitemaps(b.sitemapURLs(l), publish.MaxSitemapURLs, publish.MaxSitemapBytes)
		for i, data := range files {
			name := l.Locale.Code + "/sitemap.xml"
			if len(files) > 1 {
				name = fmt.Sprintf("%s/sitemap-%d.xml", l.Locale.Code, i+1)
			}
			b.write(name, data)
			sitemaps = append(sitemaps, b.absURL(b.basePath()+name))
		}
	}
	b.write("sitemap.xml", publish.SitemapIndex(sitemaps))
	b.write("robots.txt", publish.Robots(b.absURL(b.basePath()+"sitemap.xml"), nil))
	for _, l := range b.locales {
		html := b.notFoundPage(l)
		if html == nil {
			continue
		}
		b.write(l.Locale.Code+"/404.html", html)
		if l.Locale.Code == b.site.DefaultLocale {
			b.write("404.html", html)
		}
	}
	var pageRedirects []publish.Rule
	for _, l := range b.locales {
		for _, p := range l.Pages {
			to := redirectURL(p)
			if to == "" || p.Fallback {
				continue
			}
			for _, m := range p.Monikers.Indices() {
				target, _, ok := b.movedTo(l, m, path.Dir(p.Rel), to, 0)
				if !ok {
					continue // reported where the page is rendered
				}
				name := b.site.Monikers.Moniker(m).Name
				from := b.pageURL(l.Locale.Code, m, p.Rel)
				b.write(b.pageOutput(l.Locale.Code, name, p.Rel), redirectStub(target))
				if strings.TrimSuffix(target, "/") != strings.TrimSuffix(from, "/") {
					pageRedirects = append(pageRedirects, publish.Rule{From: from, To: target, Status: 301, Force: true})
				}
			}
		}
	}
	b.write("_redirects", publish.FormatRedirects([]publish.Section{
		{Comment: "The site root sends readers to their language; each locale root to its default cloud.", Rules: publish.LanguageRules(ps)},
		{Comment: "Pages with redirect_url front matter.", Rules: pageRedirects},
		{Comment: "Moved pages from the redirection files, to where they are now in the same moniker.", Rules: b.redirectRules(ps)},
		{Comment: "Learn's ?view=<moniker> on a page opens that page in the named cloud.", Rules: publish.ViewRules(ps)},
		{Comment: "Each locale's own page for missing paths.", Rules: publish.NotFoundRules(ps)},
	}))
}

// redirectURL is a page's redirect_url front matter: such a page is not
// rendered (pagerender skips it) but published as a redirect.
func redirectURL(p *Page) string {
	return strings.TrimSpace(meta.String(p.Meta, "redirect_url"))
}

// redirectStub is the file written at a redirected page's URL, for hosts
// that do not read _redirects.
func redirectStub(to string) []byte {
	e := template.HTMLEscapeString(to)
	return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
		`<meta http-equiv="refresh" content="0; url=` + e + `"><link rel="canonical" href="` + e +
		`"><title>Moved</title></head><body><a href="` + e + `">` + e + `</a></body></html>`)
}

func (b *builder) publishSite() publish.Site {
	ps := publish.Site{Base: b.basePath(), DefaultLocale: b.site.DefaultLocale, DefaultMoniker: b.site.DefaultMoniker, HomePath: b.homePath}
	for _, l := range b.locales {
		ps.Locales = append(ps.Locales, l.Locale.Code)
	}
	for _, i := range b.site.Monikers.All().Indices() {
		ps.Monikers = append(ps.Monikers, b.site.Monikers.Moniker(i).Name)
	}
	return ps
}

// indexable reports whether a page version belongs in a sitemap: written,
// the locale's own text (not a fallback), not noindex, not a redirect.
func (b *builder) indexable(l *localeSet, p *Page, m int) bool {
	if p == nil || p.Fallback || !p.Monikers.Has(m) || redirectURL(p) != "" {
		return false
	}
	if publish.NoIndex(firstNonEmpty(meta.String(p.Meta, "ROBOTS"), meta.String(p.Meta, "robots"))) {
		return false
	}
	rel := b.pageOutput(l.Locale.Code, b.site.Monikers.Moniker(m).Name, p.Rel)
	b.mu.Lock()
	written := b.files[rel]
	b.mu.Unlock()
	if mem, ok := b.sink.(*memSink); ok && !written {
		// A serve update writes only what it rendered; the site has the rest.
		return mem.has(rel)
	}
	return written
}

func (b *builder) sitemapURLs(l *localeSet) []publish.URL {
	var urls []publish.URL
	for _, p := range l.Pages {
		for _, m := range p.Monikers.Indices() {
			if !b.indexable(l, p, m) {
				continue
			}
			u := publish.URL{Loc: b.absURL(b.pageURL(l.Locale.Code, m, p.Rel))}
			if t, err := time.Parse("1/2/2006", meta.String(p.Meta, "ms.date")); err == nil {
				u.LastMod = t.Format("2006-01-02")
			}
			for _, other := range b.locales {
				if op := other.byRel[p.Rel]; b.indexable(other, op, m) {
					u.Alternates = append(u.Alternates, publish.Alternate{Lang: other.Locale.Code, Href: b.absURL(b.pageURL(other.Locale.Code, m, p.Rel))})
					if other.Locale.Code == b.site.DefaultLocale {
						u.Alternates = append(u.Alternates, publish.Alternate{Lang: "x-default", Href: b.absURL(b.pageURL(other.Locale.Code, m, p.Rel))})
					}
				}
			}
			if len(u.Alternates) < 2 {
				u.Alternates = nil // a page in one language has no alternates
			}
			urls = append(urls, u)
		}
	}
	return urls
}

// notFoundPage renders a locale's 404 page with the site's layouts. It is
// served at any missing URL below the locale, so every link in it is
// root-relative.
func (b *builder) notFoundPage(l *localeSet) []byte {
	t := phrasesOf(l.Locale.Code, b.site.Monikers.Versioned())
	words := map[string]string{"title": t["notFoundTitle"], "text": t["notFoundText"], "homes": t["notFoundHomes"]}
	cat := b.site.Monikers
	def, _ := cat.Index(b.site.DefaultMoniker)
	home := b.homeURL
	var body strings.Builder
	body.WriteString("<h1 id=\"not-found\">" + template.HTMLEscapeString(words["title"]) + "</h1>\n<p>" +
		template.HTMLEscapeString(words["text"]) + "</p>\n<p>" + template.HTMLEscapeString(words["homes"]) + "</p>\n<ul class=\"not-found-homes\">\n")
	d := &render.Page{
		Site: b.site, Locale: l.Locale, Moniker: cat.Moniker(def), Title: words["title"], Robots: "noindex",
		T: t, Home: home(l.Locale.Code, def),
	}
	b.searchBox(d, l.Locale.Code, cat.Moniker(def).Name)
	for _, i := range cat.All().Indices() {
		u := home(l.Locale.Code, i)
		if u == "" {
			d.Clouds = append(d.Clouds, render.Link{Code: cat.Moniker(i).Name, Display: cat.Moniker(i).Display, Current: i == def})
			continue // no page of this locale is in that cloud
		}
		body.WriteString(`<li><a href="` + template.HTMLEscapeString(u) + `">` + template.HTMLEscapeString(cat.Moniker(i).Display) + "</a></li>\n")
		d.Clouds = append(d.Clouds, render.Link{Code: cat.Moniker(i).Name, Display: cat.Moniker(i).Display, URL: u, Current: i == def})
	}
	body.WriteString("</ul>\n")
	d.Body = template.HTML(body.String())
	for _, other := range b.locales {
		d.Languages = append(d.Languages, render.Link{Code: other.Locale.Code, Name: other.Locale.Name,
			URL: home(other.Locale.Code, def), Current: other == l})
	}
	if b.bundle != nil {
		for _, u := range b.bundle.CSS {
			d.Assets.CSS = append(d.Assets.CSS, strings.TrimSuffix(b.basePath(), "/")+u)
		}
		for _, u := range b.bundle.JS {
			d.Assets.JS = append(d.Assets.JS, strings.TrimSuffix(b.basePath(), "/")+u)
		}
	}
	html, err := b.layouts.Execute(d, false)
	if err != nil {
		b.led.addf(ownerStage("sitefiles"), diag.Pos{File: "layouts"}, diag.Error, "layout-error", "404 page for %s: %v", l.Locale.Code, err)
		return nil
	}
	return html
}
