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

// HeadingList writes the entries of "In this article" (an <li> per h2/h3),
// for the same reason as NavTree: it is the longest list on most pages.
func HeadingList(hs []Heading) template.HTML {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(`<li class="level-`)
		b.WriteByte(byte('0' + h.Level%10))
		b.WriteString(`"><a href="#`)
		b.WriteString(template.HTMLEscapeString(h.ID))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(h.Text))
		b.WriteString("</a></li>")
	}
	return template.HTML(b.String())
}

// LinkList writes <li> entries for breadcrumbs and pickers: a link, or
// the current entry marked aria-current, or plain text when there is no URL.
func LinkList(ls []Link) template.HTML {
	var b strings.Builder
	for _, l := range ls {
		name := l.Name
		if name == "" {
			name = l.Display
		}
		name = template.HTMLEscapeString(name)
		b.WriteString("<li>")
		switch {
		case l.Current:
			b.WriteString(`<span aria-current="true">` + name + "</span>")
		case l.URL != "":
			b.WriteString(`<a href="` + template.HTMLEscapeString(l.URL) + `"`)
			if l.Code != "" && l.Display == "" {
				code := template.HTMLEscapeString(l.Code)
				b.WriteString(` hreflang="` + code + `" lang="` + code + `"`)
			}
			b.WriteString(">" + name + "</a>")
		default:
			b.WriteString(name)
		}
		b.WriteString("</li>")
	}
	return template.HTML(b.String())
}
