package build

import (
	"fmt"
	"strings"

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
	fmt.Fprintf(&md, "# %s\n\n", escapeMD(land.Title))
	if land.Summary != "" {
		fmt.Fprintf(&md, "%s\n\n", escapeMD(land.Summary))
	}
	for _, c := range land.Cards {
		fmt.Fprintf(&md, "## %s\n\n", escapeMD(c.Title))
		for _, ll := range c.LinkLists {
			if ll.Type != "" {
				fmt.Fprintf(&md, "**%s**\n\n", escapeMD(linkListLabel(ll.Type)))
			}
			for _, link := range ll.Links {
				fmt.Fprintf(&md, "- [%s](%s)\n", escapeMD(link.Text), link.URL)
			}
			md.WriteString("\n")
		}
	}
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

func linkListLabel(t string) string {
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
