package build

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/nav"
)

// parseLanding turns a YamlMime:Landing page into Markdown (a heading, the
// summary, a section per card with its link lists) and parses that, so its
// links go through the same resolution and checks as any page's.
func (b *builder) parseLanding(l *localeSet, p *Page, src []byte) *Page {
	display := l.Docset.Display(p.Rel)
	land, ds := nav.ParseLanding(display, src)
	b.led.add(ownerParse(l.Locale.Code, p.Rel), ds...)
	if land == nil {
		return nil
	}
	var md strings.Builder
	// A Landing page opens with a hero: its title, summary and, when its
	// metadata names one (logo: media/logo.svg), a logo.
	hero := land.Mime == "Landing"
	if hero {
		md.WriteString("> [!div class=\"landing-hero\"]\n")
		if logo, ok := land.Metadata["logo"].(string); ok && logo != "" {
			fmt.Fprintf(&md, "> ![](%s)\n>\n", logo)
		}
		fmt.Fprintf(&md, "> # %s\n", escapeMD(land.Title))
		if land.Summary != "" {
			fmt.Fprintf(&md, ">\n> %s\n", escapeMD(land.Summary))
		}
		md.WriteString("\n")
	} else {
		fmt.Fprintf(&md, "# %s\n\n", escapeMD(land.Title))
	}
	switch land.Mime {
	case "Landing", "Hub", "FAQ":
	default:
		b.led.addf(ownerParse(l.Locale.Code, p.Rel), diag.Pos{File: display, Line: 1, Col: 1}, diag.Warning, "yaml-mime-unsupported",
			"YamlMime:%s pages are not laid out by docloom; the page shows its title and summary only", land.Mime)
	}
	if land.Summary != "" && !hero {
		if land.Mime == "FAQ" {
			fmt.Fprintf(&md, "%s\n\n", strings.TrimSpace(land.Summary)) // Markdown in FAQ pages
		} else {
			fmt.Fprintf(&md, "%s\n\n", escapeMD(land.Summary))
		}
	}
	writeHub(&md, land)
	writeFAQ(&md, land)
	// The cards, in a grid: each a heading and its link lists under their
	// kind ("Overview", "How-to guide"), named in the page's language.
	if len(land.Cards) > 0 {
		md.WriteString("> [!div class=\"landing-cards\"]\n")
	}
	for i, c := range land.Cards {
		if i > 0 {
			md.WriteString(">\n")
		}
		fmt.Fprintf(&md, "> > [!div class=\"landing-card\"]\n> > ## %s\n> >\n", escapeMD(c.Title))
		for _, ll := range c.LinkLists {
			if ll.Type != "" {
				fmt.Fprintf(&md, "> > <p class=\"landing-card-kind\">%s</p>\n> >\n", template.HTMLEscapeString(linkListLabel(ll.Type, l.Locale.Code)))
			}
			for _, link := range ll.Links {
				fmt.Fprintf(&md, "> > - [%s](%s)\n", escapeMD(link.Text), link.URL)
			}
			md.WriteString("> >\n")
		}
	}
	md.WriteString("\n")
	for _, s := range land.Sections {
		fmt.Fprintf(&md, "## %s\n\n", escapeMD(s.Title))
		for _, link := range s.Items {
			fmt.Fprintf(&md, "- [%s](%s)\n", escapeMD(link.Text), link.URL)
		}
		md.WriteString("\n")
	}
	p.Meta = land.Metadata
	if p.Meta == nil {
		p.Meta = map[string]any{}
	}
	if _, ok := p.Meta["title"]; !ok {
		p.Meta["title"] = land.Title
	}
	p.Title = land.Title
	p.Doc = b.dialect.Parse(p.Rel, display, []byte(md.String()), 1)
	p.Monikers = b.site.Monikers.All()
	if b.site.MonikerRange != "" {
		if s, err := b.site.Monikers.Parse(b.site.MonikerRange); err == nil {
			p.Monikers &= s
		}
	}
	p.anchors = map[string]bool{}
	return p
}

// linkListLabel names a landing link list's kind (its linkListType) in
// the page's language; a kind without a phrase reads as its words.
func linkListLabel(t, locale string) string {
	if v, ok := phrasesFor(locale)["linkList."+strings.ToLower(t)]; ok {
		return v
	}
	words := strings.Split(t, "-")
	for i, w := range words {
		if i == 0 && w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// escapeMD keeps YAML text from being read as Markdown syntax.
func escapeMD(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `&lt;`, "`", "\\`", "#", `\#`)
	return r.Replace(strings.TrimSpace(s))
}

// writeHub lays out a YamlMime:Hub page: the highlighted items as a row of
// cards, the product directory as cards of link lists, then its sections
// (additional content, tools).
func writeHub(md *strings.Builder, land *nav.Landing) {
	if len(land.Highlighted) > 0 {
		md.WriteString("> [!div class=\"hub-highlights\"]\n")
		for _, k := range land.Highlighted {
			fmt.Fprintf(md, "> - [%s](%s)\n", escapeMD(k.Text), k.URL)
		}
		md.WriteString("\n")
	}
	pd := land.ProductDirectory
	if pd.Title != "" || len(pd.Items) > 0 {
		if pd.Title != "" {
			fmt.Fprintf(md, "## %s\n\n", escapeMD(pd.Title))
		}
		if pd.Summary != "" {
			fmt.Fprintf(md, "%s\n\n", escapeMD(pd.Summary))
		}
		for _, card := range pd.Items {
			fmt.Fprintf(md, "### %s\n\n", escapeMD(card.Text))
			if card.Summary != "" {
				fmt.Fprintf(md, "%s\n\n", escapeMD(card.Summary))
			}
			for _, k := range card.Links {
				fmt.Fprintf(md, "- [%s](%s)\n", escapeMD(k.Text), k.URL)
			}
			if card.URL != "" && len(card.Links) == 0 {
				fmt.Fprintf(md, "- [%s](%s)\n", escapeMD(card.Text), card.URL)
			}
			md.WriteString("\n")
		}
	}
}

// writeFAQ lays out a YamlMime:FAQ page: a section per group, a heading
// per question, the Markdown answer under it, then additionalContent.
func writeFAQ(md *strings.Builder, land *nav.Landing) {
	for _, s := range land.FAQ {
		if s.Name != "" {
			fmt.Fprintf(md, "## %s\n\n", escapeMD(s.Name))
		}
		for _, q := range s.Questions {
			fmt.Fprintf(md, "### %s\n\n%s\n\n", escapeMD(q.Question), strings.TrimSpace(q.Answer))
		}
	}
	if land.AdditionalMarkdown != "" {
		fmt.Fprintf(md, "%s\n\n", strings.TrimSpace(land.AdditionalMarkdown))
	}
}
