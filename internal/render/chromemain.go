package render

import "bytes"

// writeMain is the "main" template of layouts/page.html (see chrome.go).
func writeMain(b *bytes.Buffer, p *Page) {
	if len(p.Breadcrumbs) > 0 {
		b.WriteString("\n" + `<nav class="breadcrumbs" aria-label="`)
		escapeText(b, p.T["breadcrumb"])
		b.WriteString(`"><ol>` + "\n")
		b.WriteString(string(LinkList(p.Breadcrumbs)))
		b.WriteString("\n</ol></nav>")
	}
	b.WriteString("\n" + `<div class="page-columns">` + "\n" + `<article class="content">`)
	if p.Fallback {
		b.WriteString("\n" + `<p class="notice notice-fallback" role="note">`)
		escapeText(b, p.T["fallback"])
		b.WriteString("</p>")
	}
	if p.MachineTranslated {
		b.WriteString("\n" + `<p class="notice notice-mt" role="note">`)
		escapeText(b, p.T["machine"])
		if p.SourceURL != "" {
			b.WriteString(` <a href="`)
			escapeURLAttr(b, p.SourceURL)
			b.WriteString(`" hreflang="`)
			escapeText(b, p.Site.DefaultLocale)
			b.WriteString(`">`)
			escapeText(b, p.T["readEnglish"])
			b.WriteString("</a>")
		}
		b.WriteString("</p>")
	}
	b.WriteString("\n")
	fixedOr(b, p, "page-variant", writePageVariant)
	for _, g := range p.PivotGroups {
		writePivotGroup(b, g)
	}
	b.WriteString("\n")
	b.WriteString(string(p.Body))
	writePageMeta(b, p)
	if p.Prev != nil || p.Next != nil {
		b.WriteString("\n" + `<nav class="prev-next" aria-label="`)
		escapeText(b, p.T["prevnext"])
		b.WriteString(`">`)
		if l := p.Prev; l != nil {
			b.WriteString(`<a class="prev" rel="prev" href="`)
			escapeURLAttr(b, l.URL)
			b.WriteString(`"><span>`)
			escapeText(b, p.T["previous"])
			b.WriteString("</span> ")
			escapeText(b, l.Name)
			b.WriteString("</a>")
		}
		if l := p.Next; l != nil {
			b.WriteString(`<a class="next" rel="next" href="`)
			escapeURLAttr(b, l.URL)
			b.WriteString(`"><span>`)
			escapeText(b, p.T["next"])
			b.WriteString("</span> ")
			escapeText(b, l.Name)
			b.WriteString("</a>")
		}
		b.WriteString("\n</nav>")
	}
	b.WriteString("\n</article>")
	if len(p.InThisArticle) > 0 {
		b.WriteString("\n" + `<nav class="in-this-article" aria-labelledby="ita-title" tabindex="-1">` + "\n" + `<h2 id="ita-title">`)
		escapeText(b, p.T["inThisArticle"])
		b.WriteString("</h2>\n<ol>\n")
		b.WriteString(string(HeadingList(p.InThisArticle)))
		b.WriteString("\n</ol>\n</nav>")
	}
	b.WriteString("\n</div>\n")
}

func writePivotGroup(b *bytes.Buffer, g PivotGroup) {
	label := g.Prompt
	if label == "" {
		label = g.Title
	}
	b.WriteString("\n" + `<nav class="pivot-selector" data-pivot-group="`)
	escapeText(b, g.ID)
	b.WriteString(`" aria-label="`)
	escapeText(b, label)
	b.WriteString(`" hidden>` + "\n" + `<p class="pivot-prompt">`)
	escapeText(b, label)
	b.WriteString("</p>\n<ul>")
	for _, v := range g.Pivots {
		b.WriteString(`<li><a href="?pivots=`)
		escapeURLQuery(b, v.ID)
		b.WriteString(`" data-pivot="`)
		escapeText(b, v.ID)
		b.WriteString(`">`)
		escapeText(b, v.Title)
		b.WriteString("</a></li>")
	}
	b.WriteString("</ul>\n</nav>")
}

// writePageMeta is the page's date, edit link and feedback links.
func writePageMeta(b *bytes.Buffer, p *Page) {
	actions := p.EditURL != "" || p.FeedbackProduct != "" || p.FeedbackPage != ""
	if p.Date == nil && !actions {
		return
	}
	b.WriteString("\n" + `<div class="page-meta">`)
	if d := p.Date; d != nil {
		b.WriteString("\n" + `<p class="page-date">`)
		escapeText(b, p.T["updated"])
		b.WriteString(` <time datetime="`)
		escapeText(b, d.ISO)
		b.WriteString(`">`)
		escapeText(b, d.Text)
		b.WriteString("</time></p>")
	}
	if actions {
		b.WriteString("\n" + `<ul class="page-actions">`)
		for _, a := range [...]struct{ url, class, key string }{
			{p.EditURL, "edit-link", "editPage"}, {p.FeedbackPage, "feedback-page", "feedbackPage"},
			{p.FeedbackProduct, "feedback-product", "feedbackProduct"},
		} {
			if a.url == "" {
				continue
			}
			b.WriteString(`<li><a class="` + a.class + `" href="`)
			escapeURLAttr(b, a.url)
			b.WriteString(`" rel="noopener">`)
			escapeText(b, p.T[a.key])
			b.WriteString("</a></li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString("\n</div>")
}
