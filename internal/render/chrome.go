package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html/template"
	"io/fs"
	"sync"

	docloom "github.com/docloom/docloom"
)

// The theme's page layout (layouts/baseof.html, layouts/page.html and the
// partials they run) written in Go: writeChrome writes, for every Page,
// the bytes html/template writes for it. A page's layout is some sixty
// template actions, and html/template makes each a reflective call into
// its escapers; on a 20,000-page docset that was 17% of a fresh build's
// CPU (issue #13).
//
// ExecuteTo uses it only when the layout set is the theme's own, every
// file of it (a site's own layouts/ file may read anything of a page, so
// its set is executed by html/template), and only when the theme's layout
// sources are the ones writeChrome was written for: chromeThemeHash is
// their SHA-256, compared once. When a theme layout changes, the build
// falls back to the templates and TestChromeThemeHash fails, telling the
// developer to bring writeChrome in step (TestChromeMatchesTheTemplates
// and the build-level differential tests then show any difference).
const chromeThemeHash = "5d53c5b38d844f7962d8be8d219e4f555f1cea948e8cb20ecfa9a0df87edc6df"

var themeHash = sync.OnceValue(func() string {
	h := sha256.New()
	_ = fs.WalkDir(docloom.Theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, _ := fs.ReadFile(docloom.Theme, p)
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(data)
		h.Write([]byte{0})
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))
})

// chromeCheck, when a test sets it, is given every page ExecuteTo wrote
// with writeChrome, with the template set html/template would have used.
var chromeCheck func(t *template.Template, p *Page, native []byte)

// writeChrome writes the document for p as layouts/baseof.html of the
// theme does (p.Site must not be nil).
func writeChrome(b *bytes.Buffer, p *Page) {
	b.WriteString(`<!DOCTYPE html>
<html lang="`)
	escapeText(b, p.Locale.Code)
	b.WriteString(`" dir="`)
	escapeText(b, p.Locale.Dir)
	b.WriteString(`">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>`)
	escapeText(b, p.Title)
	if p.TitleSuffix != "" {
		b.WriteString(" - ")
		escapeText(b, p.TitleSuffix)
	}
	if p.TitleSuffix != p.Site.Title {
		b.WriteString(" | ")
		escapeText(b, p.Site.Title)
	}
	b.WriteString("</title>")
	if p.Description != "" {
		b.WriteString("\n" + `<meta name="description" content="`)
		escapeText(b, p.Description)
		b.WriteString(`">`)
	}
	if p.Robots != "" {
		b.WriteString("\n" + `<meta name="robots" content="`)
		escapeText(b, p.Robots)
		b.WriteString(`">`)
	}
	if p.Canonical != "" {
		b.WriteString("\n" + `<link rel="canonical" href="`)
		escapeURLAttr(b, p.Canonical)
		b.WriteString(`">`)
	}
	for _, a := range p.Alternates {
		b.WriteString("\n" + `<link rel="alternate" hreflang="`)
		escapeText(b, a.Lang)
		b.WriteString(`" href="`)
		escapeURLAttr(b, a.URL)
		b.WriteString(`">`)
	}
	b.WriteString("\n" + `<meta property="og:title" content="`)
	escapeText(b, p.Title)
	b.WriteString(`">` + "\n" + `<meta property="og:type" content="article">`)
	if p.Canonical != "" {
		b.WriteString("\n" + `<meta property="og:url" content="`)
		escapeText(b, p.Canonical)
		b.WriteString(`">`)
	}
	b.WriteString("\n" + `<meta property="og:locale" content="`)
	escapeText(b, p.Locale.Code)
	b.WriteString(`">`)
	if p.Description != "" {
		b.WriteString("\n" + `<meta property="og:description" content="`)
		escapeText(b, p.Description)
		b.WriteString(`">`)
	}
	fixedOr(b, p, "head-assets", writeHeadAssets)
	b.WriteString("\n</head>\n" + `<body data-locale="`)
	escapeText(b, p.Locale.Code)
	b.WriteString(`" data-moniker="`)
	escapeText(b, p.Moniker.Name)
	b.WriteString(`"`)
	if p.SupportDirectory != "" {
		b.WriteString(` data-support-directory="`)
		escapeText(b, p.SupportDirectory)
		b.WriteString(`"`)
	}
	b.WriteString(">\n" + `<a class="skip-link" href="#main">`)
	escapeText(b, p.T["skip"])
	b.WriteString("</a>\n")
	writeHeader(b, p)
	b.WriteString("\n" + `<div class="layout">` + "\n")
	writeSidebar(b, p)
	b.WriteString("\n" + `<main id="main" tabindex="-1">` + "\n")
	writeMain(b, p)
	b.WriteString("\n</main>\n</div>\n")
	fixedOr(b, p, "footer", writeFooter)
	b.WriteString("\n</body>\n</html>\n")
}

// fixedOr writes the fixed partial name made for the page's locale and
// cloud, or runs it: {{with index .Fixed name}}{{.}}{{else}}{{template name .}}{{end}}.
func fixedOr(b *bytes.Buffer, p *Page, name string, write func(*bytes.Buffer, *Page)) {
	if h := p.Fixed[name]; h != "" {
		b.WriteString(string(h))
		return
	}
	write(b, p)
}

// writeHeadAssets is layouts/partials/head-assets.html.
func writeHeadAssets(b *bytes.Buffer, p *Page) {
	for _, s := range p.Assets.HeadJS {
		b.WriteString("\n" + `<script src="`)
		escapeURLAttr(b, s)
		b.WriteString(`"></script>`)
	}
	for _, s := range p.Assets.CSS {
		b.WriteString("\n" + `<link rel="stylesheet" href="`)
		escapeURLAttr(b, s)
		b.WriteString(`">`)
	}
	if p.Assets.Icon != "" {
		b.WriteString("\n" + `<link rel="icon" href="`)
		escapeURLAttr(b, p.Assets.Icon)
		b.WriteString(`" type="image/svg+xml">`)
	}
	for _, s := range p.Assets.JS {
		b.WriteString("\n" + `<script src="`)
		escapeURLAttr(b, s)
		b.WriteString(`" defer></script>`)
	}
}

// writeHeader is layouts/partials/header.html.
func writeHeader(b *bytes.Buffer, p *Page) {
	b.WriteString("\n" + `<header class="site-header">` + "\n")
	fixedOr(b, p, "site-title", writeSiteTitle)
	b.WriteString("\n")
	if p.SearchBox != "" {
		b.WriteString(string(p.SearchBox))
	} else if p.SearchIndex != "" {
		writeSearch(b, p)
	}
	b.WriteString("\n" + `<nav class="pickers" aria-label="`)
	escapeText(b, p.T["pickers"])
	b.WriteString(`">` + "\n" + `<details class="picker picker-language">` + "\n<summary>")
	escapeText(b, p.T["language"])
	b.WriteString(": ")
	escapeText(b, p.Locale.Name)
	b.WriteString("</summary>\n<ul>")
	writeLanguagePicker(b, p.Languages)
	b.WriteString("\n</ul>\n</details>\n" + `<details class="picker picker-cloud">` + "\n<summary>")
	escapeText(b, p.T["cloud"])
	b.WriteString(": ")
	escapeText(b, p.Moniker.Display)
	b.WriteString("</summary>\n<ul>")
	writeCloudPicker(b, p.Clouds, p.T)
	b.WriteString("\n</ul>\n</details>\n</nav>\n\n")
	fixedOr(b, p, "theme-switch", writeThemeSwitch)
	b.WriteString("\n</header>\n")
}

// writeSiteTitle is layouts/partials/site-title.html.
func writeSiteTitle(b *bytes.Buffer, p *Page) {
	b.WriteString(`<a class="site-title" href="`)
	escapeURLAttr(b, p.Home)
	b.WriteString(`">`)
	if p.Assets.Icon != "" {
		b.WriteString(`<img class="site-logo" src="`)
		escapeURLAttr(b, p.Assets.Icon)
		b.WriteString(`" alt="" width="28" height="28">`)
	}
	escapeText(b, p.Site.Title)
	b.WriteString("</a>")
}

// searchAttrs are the phrases layouts/partials/search.html gives the
// search script, as data-t-* attributes.
var searchAttrs = [...]struct{ attr, key string }{
	{` data-t-count="`, "searchCount"}, {`" data-t-one="`, "searchOne"}, {`" data-t-none="`, "searchNone"},
	{`" data-t-loading="`, "searchLoading"}, {`" data-t-error="`, "searchError"}, {`" data-t-all="`, "searchAll"},
	{`" data-t-more="`, "searchMore"}, {`" data-t-for="`, "searchFor"}, {`" data-t-empty="`, "searchEmpty"},
}

// writeSearch is layouts/partials/search.html.
func writeSearch(b *bytes.Buffer, p *Page) {
	b.WriteString("\n" + `<form class="site-search" role="search" action="`)
	escapeURLAttr(b, p.SearchRoot)
	b.WriteString(`search" method="get"`)
	if p.SearchIndex != "" {
		b.WriteString(` data-search-index="`)
		escapeText(b, p.SearchIndex)
		b.WriteString(`"`)
	}
	if p.SearchFiles != "" {
		b.WriteString(` data-search-files="`)
		escapeText(b, p.SearchFiles)
		b.WriteString(`"`)
	}
	b.WriteString(` data-search-home="`)
	escapeText(b, p.SearchRoot)
	b.WriteString("\"\n")
	for _, a := range searchAttrs {
		b.WriteString(a.attr)
		escapeText(b, p.T[a.key])
	}
	b.WriteString(`">` + "\n" + `<label class="visually-hidden" for="site-search-q">`)
	escapeText(b, p.T["search"])
	b.WriteString(`</label>` + "\n" + `<input id="site-search-q" class="site-search-input" type="search" name="q" placeholder="`)
	escapeText(b, p.T["searchPlaceholder"])
	b.WriteString(`" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-keyshortcuts="/ Control+K" title="`)
	escapeText(b, p.T["searchKeys"])
	b.WriteString(`">` + "\n" + `<button class="site-search-submit" type="submit">`)
	escapeText(b, p.T["search"])
	b.WriteString("</button>\n</form>\n")
}

// writeThemeSwitch is layouts/partials/theme-switch.html.
func writeThemeSwitch(b *bytes.Buffer, p *Page) {
	b.WriteString(`<label class="theme-switch" hidden>`)
	escapeText(b, p.T["theme"])
	b.WriteString("\n<select>\n" + `<option value="auto">`)
	escapeText(b, p.T["themeAuto"])
	b.WriteString("</option>\n" + `<option value="light">`)
	escapeText(b, p.T["themeLight"])
	b.WriteString("</option>\n" + `<option value="dark">`)
	escapeText(b, p.T["themeDark"])
	b.WriteString("</option>\n" + `<option value="contrast">`)
	escapeText(b, p.T["themeContrast"])
	b.WriteString("</option>\n</select>\n</label>")
}

// writeSidebar is layouts/partials/sidebar.html.
func writeSidebar(b *bytes.Buffer, p *Page) {
	if p.Sidebar == "" && len(p.TOC) == 0 {
		b.WriteString(`<div class="sidebar"></div>` + "\n")
		return
	}
	b.WriteString("\n" + `<nav class="sidebar" aria-label="`)
	escapeText(b, p.T["toc"])
	b.WriteString(`"`)
	if p.SidebarURL != "" {
		b.WriteString(` data-toc="`)
		escapeText(b, p.SidebarURL)
		b.WriteString(`"`)
	}
	b.WriteString(">\n\n" + `<details class="toc-disclosure">` + "\n")
	fixedOr(b, p, "toc-filter", writeTocFilter)
	b.WriteString("\n")
	if p.Sidebar != "" {
		b.WriteString(string(p.Sidebar))
	} else {
		b.WriteString(string(NavTree(p.TOC)))
	}
	b.WriteString("\n</details>\n</nav>\n")
}

// writeTocFilter is layouts/partials/toc-filter.html.
func writeTocFilter(b *bytes.Buffer, p *Page) {
	b.WriteString("<summary>")
	escapeText(b, p.T["toc"])
	b.WriteString("</summary>\n" + `<div class="toc-filter" hidden><label><span class="visually-hidden">`)
	escapeText(b, p.T["filterToc"])
	b.WriteString(`</span><input type="search" placeholder="`)
	escapeText(b, p.T["filterToc"])
	b.WriteString(`" autocomplete="off"></label>` + "\n" + `<p class="toc-filter-status visually-hidden" role="status" aria-live="polite" data-none="`)
	escapeText(b, p.T["filterNone"])
	b.WriteString(`" data-some="`)
	escapeText(b, p.T["filterSome"])
	b.WriteString(`"></p></div>`)
}

// writePageVariant is layouts/partials/page-variant.html.
func writePageVariant(b *bytes.Buffer, p *Page) {
	b.WriteString(`<p class="page-variant"><span class="visually-hidden">`)
	escapeText(b, p.T["variant"])
	b.WriteString(`</span> <span class="variant-locale">`)
	escapeText(b, p.Locale.Name)
	b.WriteString(`</span> · <span class="variant-cloud">`)
	escapeText(b, p.Moniker.Display)
	b.WriteString(`</span></p>`)
}

// writeFooter is layouts/partials/footer.html.
func writeFooter(b *bytes.Buffer, p *Page) {
	b.WriteString("\n" + `<footer class="site-footer">` + "\n<p>")
	escapeText(b, p.Site.Title)
	b.WriteString(" · ")
	escapeText(b, p.Locale.Name)
	b.WriteString(" · ")
	escapeText(b, p.Moniker.Display)
	b.WriteString("</p>\n</footer>\n")
}
