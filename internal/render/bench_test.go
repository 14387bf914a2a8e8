package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/moniker"
)

// benchPage is a page as the PowerShell docset's reference pages are laid
// out: five clouds, a breadcrumb trail, a TOC branch, a long "In this
// article" and a 20 KB body.
func benchPage() *Page {
	p := &Page{
		Site:        &config.Site{Title: "PowerShell", DefaultLocale: "en-us"},
		Locale:      config.Locale{Code: "en-us", Name: "English (United States)", Dir: "ltr"},
		Moniker:     moniker.Moniker{Name: "powershell-7.4", Display: "PowerShell 7.4"},
		Title:       "Get-ChildItem (Microsoft.PowerShell.Management)",
		Description: "Gets the items and child items in one or more specified locations & more.",
		Canonical:   "/en-us/powershell-7.4/module/microsoft.powershell.management/get-childitem",
		Home:        "/en-us/powershell-7.4/",
		Body:        template.HTML(strings.Repeat("<p>Some <code>text</code> of the body, &amp; more.</p>\n", 400)),
		T:           map[string]string{},
		Sidebar:     template.HTML(strings.Repeat(`<li><a href="/en-us/powershell-7.4/module/x/y">Y</a></li>`+"\n", 120)),
		SidebarURL:  "/en-us/powershell-7.4/toc-1.html",
		SearchBox:   template.HTML(`<form class="site-search"></form>`),
		Assets:      Assets{CSS: []string{"/main.css"}, JS: []string{"/main.js"}, HeadJS: []string{"/theme.js"}, Icon: "/icon.svg"},
		Date:        &Date{ISO: "2026-01-02", Text: "January 2, 2026"},
		EditURL:     "https://github.com/x/y/blob/main/z.md",
		Prev:        &Link{Name: "Previous", URL: "/prev"},
		Next:        &Link{Name: "Next", URL: "/next"},
	}
	for _, k := range []string{"skip", "breadcrumb", "variant", "updated", "editPage", "prevnext", "previous", "next", "inThisArticle",
		"pickers", "language", "cloud", "unavailable", "theme", "themeAuto", "themeLight", "themeDark", "themeContrast", "toc", "filterToc", "filterNone", "filterSome"} {
		p.T[k] = "Text for " + k
	}
	p.Languages = []Link{{Code: "en-us", Name: "English (United States)", URL: "/en-us/x", Current: true}}
	for i, v := range []string{"5.1", "7.4", "7.5", "7.6", "7.7"} {
		p.Clouds = append(p.Clouds, Link{Code: "powershell-" + v, Display: "PowerShell " + v, URL: "/en-us/powershell-" + v + "/x", Current: i == 1})
	}
	for i := 0; i < 4; i++ {
		p.Breadcrumbs = append(p.Breadcrumbs, Link{Name: fmt.Sprintf("Crumb %d", i), URL: fmt.Sprintf("/c/%d", i)})
	}
	for i := 0; i < 20; i++ {
		p.InThisArticle = append(p.InThisArticle, Heading{ID: fmt.Sprintf("h-%d", i), Text: fmt.Sprintf("Heading %d", i), Level: 2 + i%2})
	}
	return p
}

// BenchmarkLayout lays one page out with the theme's layouts, the cost
// every document of a build pays once (with the fixed partials made for
// its locale and cloud, as a build lays pages out).
func BenchmarkLayout(b *testing.B) {
	l, diags := Load(b.TempDir())
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	p := benchPage()
	p.Fixed = l.Fixed(FixedData(p), false)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := l.ExecuteTo(&buf, p, false); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

// BenchmarkSidebarBranch makes one page's branch of a large TOC (20
// sections of 30 entries of 10 pages), what every page with a shared TOC
// carries inline.
func BenchmarkSidebarBranch(b *testing.B) {
	var top []*NavItem
	for i := 0; i < 20; i++ {
		sec := &NavItem{Name: fmt.Sprintf("Section %d", i)}
		for j := 0; j < 30; j++ {
			sub := &NavItem{Name: fmt.Sprintf("Topic %d.%d about things & more", i, j)}
			for k := 0; k < 10; k++ {
				page := fmt.Sprintf("s%d/t%d/p%d.md", i, j, k)
				sub.Items = append(sub.Items, &NavItem{Page: page, Name: fmt.Sprintf("Page %d", k), URL: "/en-us/cloud/" + page})
			}
			sec.Items = append(sec.Items, sub)
		}
		top = append(top, sec)
	}
	s := NewSidebar(top)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += len(s.Branch("s7/t12/p3.md"))
	}
	if n == 0 {
		b.Fatal("empty branch")
	}
}
