package render

import (
	"html/template"
	"strings"
)

// NavTree writes the sidebar's nested list in Go rather than with a
// recursive template: a docset's TOC has hundreds of entries and is laid out
// on every page in every cloud, and html/template's reflection made it the
// largest cost of a build. The markup is what layouts/partials/sidebar.html
// wraps: nested <ul>, a <details> per entry with children (open on the way
// to the current page), aria-current on the current page's link.
func NavTree(items []*NavItem) template.HTML {
	var b strings.Builder
	writeNav(&b, items)
	return template.HTML(b.String())
}

func writeNav(b *strings.Builder, items []*NavItem) {
	if len(items) == 0 {
		return
	}
	b.WriteString("<ul>")
	for _, it := range items {
		b.WriteString("<li>")
		if len(it.Items) > 0 {
			b.WriteString("<details")
			if it.Open {
				b.WriteString(" open")
			}
			b.WriteString("><summary>")
			writeNavLink(b, it)
			b.WriteString("</summary>")
			writeNav(b, it.Items)
			b.WriteString("</details>")
		} else {
			writeNavLink(b, it)
		}
		b.WriteString("</li>\n")
	}
	b.WriteString("</ul>")
}

func writeNavLink(b *strings.Builder, it *NavItem) {
	name := template.HTMLEscapeString(it.Name)
	if it.URL == "" {
		b.WriteString("<span>" + name + "</span>")
		return
	}
	b.WriteString(`<a href="` + template.HTMLEscapeString(it.URL) + `"`)
	if it.Current {
		b.WriteString(` aria-current="page"`)
	}
	if it.External {
		b.WriteString(` rel="noopener"`)
	}
	b.WriteString(">" + name + "</a>")
}
