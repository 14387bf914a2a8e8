package nav

import (
	"bytes"
	"path"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"go.yaml.in/yaml/v3"
)

// Landing is a YamlMime page (index.yml and friends) as data for a
// layout: Landing pages (cards of link lists), Hub pages (highlighted
// items, a product directory, extra sections) and FAQ pages. Fields of
// other types stay empty.
type Landing struct {
	File     string
	Mime     string // "Landing", "Hub", "FAQ", …
	Title    string
	Summary  string
	Brand    string
	Metadata map[string]any

	Cards []Card // Landing: landingContent

	Highlighted      []*Link   // Hub: highlightedContent.items
	ProductDirectory Section   // Hub: productDirectory
	Sections         []Section // Hub: additionalContent.sections

	FAQ []FAQSection // FAQ: sections
	// AdditionalMarkdown is an FAQ page's additionalContent: Markdown
	// shown after the questions.
	AdditionalMarkdown string
}

// Card is one landingContent card.
type Card struct {
	Title     string
	LinkLists []LinkList
}

// LinkList is a titled group of links inside a card; Type is Learn's
// linkListType (overview, how-to-guide, concept, tutorial, …) which picks
// the icon.
type LinkList struct {
	Type  string
	Links []*Link
}

// Section is a Hub block of items with a title and summary.
type Section struct {
	Title   string
	Summary string
	Items   []*Link
}

// Link is one link of a landing page. Text is the link text (a Hub item's
// title). URL is as written; Page is filled by Resolve when it names a
// page of the docset.
type Link struct {
	Text     string
	URL      string
	Page     string
	Summary  string
	ItemType string // Hub highlightedContent itemType
	ImageSrc string
	// Links are a product directory card's links.
	Links []*Link
	Pos   diag.Pos
}

// FAQSection groups questions; answers are Markdown for the dialect stage.
type FAQSection struct {
	Name      string
	Questions []FAQ
}

// FAQ is one question and its Markdown answer.
type FAQ struct {
	Question string
	Answer   string
	Pos      diag.Pos
}

// ParseLanding reads a YamlMime page. The first line must be
// "### YamlMime:<Type>" (invalid-yaml-mime otherwise); fields of the wrong
// shape are reported as invalid-landing and skipped, the rest is kept.
func ParseLanding(file string, src []byte) (*Landing, []diag.Diagnostic) {
	l := &Landing{File: file}
	src = bytes.TrimPrefix(src, bom)
	first, _, _ := strings.Cut(string(src), "\n")
	mime, ok := strings.CutPrefix(strings.TrimSpace(first), "### YamlMime:")
	if !ok {
		return l, []diag.Diagnostic{{Pos: diag.Pos{File: file, Line: 1, Col: 1}, Severity: diag.Error, Code: "invalid-yaml-mime", Message: "a YamlMime page must start with a line like \"### YamlMime:Landing\""}}
	}
	l.Mime = strings.TrimSpace(mime)
	root, diags := parseYAMLDoc(file, src, "invalid-landing")
	if root == nil {
		return l, diags
	}
	if root.Kind != yaml.MappingNode {
		return l, append(diags, diag.Diagnostic{Pos: nodePos(file, root), Severity: diag.Error, Code: "invalid-landing", Message: "a YamlMime page must be a mapping"})
	}
	var doc yLanding
	if err := root.Decode(&doc); err != nil {
		if te, ok := err.(*yaml.TypeError); ok {
			for _, e := range te.Errors {
				diags = append(diags, typeErrorDiag(file, e))
			}
		}
	}
	l.Title, l.Summary, l.Brand, l.Metadata = doc.Title, doc.Summary, doc.Brand, doc.Metadata
	for _, c := range doc.LandingContent {
		card := Card{Title: c.Title}
		for _, ll := range c.LinkLists {
			card.LinkLists = append(card.LinkLists, LinkList{Type: ll.LinkListType, Links: links(file, ll.Links)})
		}
		l.Cards = append(l.Cards, card)
	}
	l.Highlighted = links(file, doc.HighlightedContent.Items)
	l.ProductDirectory = section(file, doc.ProductDirectory)
	switch ac := &doc.AdditionalContent; ac.Kind {
	case yaml.MappingNode:
		var v struct {
			Sections []ySection `yaml:"sections"`
		}
		if err := ac.Decode(&v); err == nil {
			for _, s := range v.Sections {
				l.Sections = append(l.Sections, section(file, s))
			}
		}
	case yaml.ScalarNode:
		l.AdditionalMarkdown = ac.Value
	}
	for _, s := range []ySection{doc.Conceptual, doc.Tools} {
		if s.Title != "" || len(s.Items) > 0 {
			l.Sections = append(l.Sections, section(file, s))
		}
	}
	for _, s := range doc.Sections {
		fs := FAQSection{Name: s.Name}
		for _, q := range s.Questions {
			fs.Questions = append(fs.Questions, FAQ{Question: q.Question, Answer: q.Answer, Pos: q.pos.in(file)})
		}
		l.FAQ = append(l.FAQ, fs)
	}
	return l, diags
}

// typeErrorDiag turns one of yaml's "line N: cannot unmarshal …" messages
// into a diagnostic at that line.
func typeErrorDiag(file, msg string) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: file, Line: 1}, Severity: diag.Error, Code: "invalid-landing", Message: msg}
	if m := yamlErrLine.FindStringSubmatchIndex(msg); m != nil {
		n := 0
		for _, c := range msg[m[2]:m[3]] {
			n = n*10 + int(c-'0')
		}
		d.Pos.Line = n
		d.Message = strings.TrimLeft(msg[m[1]:], ": ")
		// yaml names the Go type it wanted; authors only need the value.
		if i := strings.Index(d.Message, " into "); i >= 0 {
			d.Message = "unexpected value: " + strings.TrimPrefix(d.Message[:i], "cannot unmarshal ")
		}
	}
	return d
}

// Links returns every link of the page, for link checking and Resolve.
func (l *Landing) Links() []*Link {
	var out []*Link
	for _, c := range l.Cards {
		for _, ll := range c.LinkLists {
			out = append(out, ll.Links...)
		}
	}
	out = append(out, l.Highlighted...)
	for _, it := range l.ProductDirectory.Items {
		out = append(out, it)
		out = append(out, it.Links...)
	}
	for _, s := range l.Sections {
		out = append(out, s.Items...)
	}
	return out
}

// Resolve fills Link.Page for links into the docset. Like Learn, it tries
// "<url>.md" for an extensionless url and a folder's index page, and
// reports nothing for a link that matches no page (Learn does not check
// landing links).
func (l *Landing) Resolve(exists Exists) {
	for _, k := range l.Links() {
		t := resolveHref(l.File, k.URL)
		var tries []string
		switch t.kind {
		case kindFile:
			tries = []string{t.path}
			if path.Ext(t.path) == "" {
				tries = append(tries, t.path+".md", t.path+"/index.md", t.path+"/index.yml")
			}
		case kindFolder:
			tries = []string{path.Join(t.path, "index.md"), path.Join(t.path, "index.yml")}
		}
		for _, p := range tries {
			if exists == nil {
				k.Page = p
				break
			}
			if c, ok := exists(p); ok {
				k.Page = c
				break
			}
		}
	}
}

func links(file string, ys []yLink) []*Link {
	var out []*Link
	for _, y := range ys {
		text := y.Text
		if text == "" {
			text = y.Title
		}
		out = append(out, &Link{Text: text, URL: y.URL, Summary: y.Summary, ItemType: y.ItemType, ImageSrc: y.ImageSrc, Pos: y.pos.in(file),
			Links: links(file, y.Links)})
	}
	return out
}

func section(file string, s ySection) Section {
	return Section{Title: s.Title, Summary: s.Summary, Items: links(file, s.Items)}
}

// The y* types mirror the YamlMime schemas for yaml decoding.
type yLanding struct {
	Title          string         `yaml:"title"`
	Summary        string         `yaml:"summary"`
	Brand          string         `yaml:"brand"`
	Metadata       map[string]any `yaml:"metadata"`
	LandingContent []struct {
		Title     string `yaml:"title"`
		LinkLists []struct {
			LinkListType string  `yaml:"linkListType"`
			Links        []yLink `yaml:"links"`
		} `yaml:"linkLists"`
	} `yaml:"landingContent"`
	HighlightedContent struct {
		Items []yLink `yaml:"items"`
	} `yaml:"highlightedContent"`
	ProductDirectory ySection `yaml:"productDirectory"`
	// AdditionalContent is an object of sections on Hub pages and a
	// Markdown string on FAQ pages.
	AdditionalContent yaml.Node `yaml:"additionalContent"`
	Tools             ySection  `yaml:"tools"`
	Conceptual        ySection  `yaml:"conceptualContent"`
	Sections          []struct {
		Name      string `yaml:"name"`
		Questions []yFAQ `yaml:"questions"`
	} `yaml:"sections"`
}

type ySection struct {
	Title   string  `yaml:"title"`
	Summary string  `yaml:"summary"`
	Items   []yLink `yaml:"items"`
}

type yPos struct{ line, col int }

func (p yPos) in(file string) diag.Pos { return diag.Pos{File: file, Line: p.line, Col: p.col} }

type yLink struct {
	Text     string  `yaml:"text"`
	Title    string  `yaml:"title"`
	URL      string  `yaml:"url"`
	Summary  string  `yaml:"summary"`
	ItemType string  `yaml:"itemType"`
	ImageSrc string  `yaml:"imageSrc"`
	Links    []yLink `yaml:"links"`
	pos      yPos
}

// UnmarshalYAML keeps the position of each link for diagnostics.
func (y *yLink) UnmarshalYAML(n *yaml.Node) error {
	type plain yLink
	y.pos = yPos{n.Line, n.Column}
	return n.Decode((*plain)(y))
}

type yFAQ struct {
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
	pos      yPos
}

// UnmarshalYAML keeps the position of each question.
func (y *yFAQ) UnmarshalYAML(n *yaml.Node) error {
	type plain yFAQ
	y.pos = yPos{n.Line, n.Column}
	return n.Decode((*plain)(y))
}
