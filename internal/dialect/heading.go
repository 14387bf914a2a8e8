package dialect

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingIDs gives every heading its id the way Learn does: an explicit
// `<a name="x"></a>` at the start of the heading wins (kept verbatim: it is
// the English slug that keeps bookmarks working across locales); otherwise
// a GitHub-style slug of the heading's plain text, unique per document.
// Every heading reserves its automatic slug, even one with an explicit id.
type headingIDs struct{}

var anchorOpenRE = regexp.MustCompile(`^<a\s+(?:name|id)\s*=\s*"([\w \-\.]+)"\s*(/?)>$`)

func (headingIDs) Transform(node *ast.Document, reader text.Reader, pc parser.Context) {
	doc := docOf(pc)
	src := reader.Source()
	used := map[string]bool{}
	_ = ast.Walk(node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if inc, ok := n.(*Include); ok && entering && doc != nil {
			doc.Includes = append(doc.Includes, IncludeAt{Path: inc.Path, Zone: zoneOf(inc), Offset: inc.Offset})
		}
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		if _, isTab := h.AttributeString("data-tab-title"); isTab {
			return ast.WalkSkipChildren, nil
		}
		explicit := takeAnchor(h, src, pc)
		text := PlainText(h, src)
		slug := Slug(text)
		id := slug
		for i := 1; used[id]; i++ {
			id = fmt.Sprintf("%s-%d", slug, i)
		}
		used[id] = true
		if explicit != "" {
			id = explicit
		}
		h.SetAttributeString("id", []byte(id))
		off := 0
		if h.Lines().Len() > 0 {
			off = h.Lines().At(0).Start
		}
		if doc != nil {
			doc.Headings = append(doc.Headings, Heading{ID: id, Level: h.Level, Text: text, Zone: zoneOf(h), Explicit: explicit != "", Offset: off})
		}
		return ast.WalkSkipChildren, nil
	})
}

// takeAnchor removes a leading `<a name="x"></a>` (or the self-closing form,
// with a warning) from the heading and returns x.
func takeAnchor(h *ast.Heading, src []byte, pc parser.Context) string {
	first, ok := h.FirstChild().(*ast.RawHTML)
	if !ok {
		return ""
	}
	m := anchorOpenRE.FindSubmatch([]byte(strings.TrimSpace(string(rawText(first, src)))))
	if m == nil {
		return ""
	}
	if string(m[2]) == "/" {
		report(pc, first.Segments.At(0).Start, diag.Warning, "heading-anchor-self-closing",
			`write <a name="x"></a> rather than <a name="x" />: browsers read the self-closing form as an open <a>`)
		h.RemoveChild(h, first)
		return string(m[1])
	}
	second, ok := first.NextSibling().(*ast.RawHTML)
	if !ok || strings.TrimSpace(string(rawText(second, src))) != "</a>" {
		return ""
	}
	h.RemoveChild(h, first)
	h.RemoveChild(h, second)
	// The space the author left after </a> is not part of the text.
	if t, ok := h.FirstChild().(*ast.Text); ok {
		t.Segment = t.Segment.TrimLeftSpace(src)
	}
	return string(m[1])
}

func rawText(r *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < r.Segments.Len(); i++ {
		seg := r.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// PlainText is a node's text as a reader sees it: no markup, link text kept,
// raw HTML dropped, and bilingual sxs-lookup spans left out.
func PlainText(n ast.Node, src []byte) string {
	var b strings.Builder
	skip := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := c.(type) {
		case *ast.RawHTML:
			if entering {
				raw := string(rawText(t, src))
				switch {
				case strings.Contains(raw, "sxs-lookup"):
					skip++
				case skip > 0 && strings.HasPrefix(raw, "<span"):
					skip++
				case skip > 0 && raw == "</span>":
					skip--
				}
			}
		case *ast.Text:
			if entering && skip == 0 {
				b.Write(t.Value(src))
				if t.SoftLineBreak() || t.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering && skip == 0 {
				b.Write(t.Value)
			}
		case *Xref:
			// As written: plain text (alt text, headings' text) does not
			// resolve references.
			if entering && skip == 0 {
				b.WriteString(t.Raw)
			}
		case *MathInline:
			if entering && skip == 0 {
				b.Write(t.Content)
			}
		case *ast.CodeSpan:
			if entering && skip == 0 {
				for x := t.FirstChild(); x != nil; x = x.NextSibling() {
					if tx, ok := x.(*ast.Text); ok {
						b.Write(tx.Value(src))
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *InlineInclude:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// Slug is Learn's (Markdig's GitHub-style) automatic id: letters and digits
// lower-cased, '-' and '_' kept, each space a '-', everything else dropped,
// nothing collapsed or trimmed; "section" when nothing is left.
func Slug(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

type headingExt struct{}

func (headingExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithASTTransformers(util.Prioritized(headingIDs{}, 500)))
}

func (headingExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(headingRenderer{st}, 100)}
}

type headingRenderer struct{ st *State }

func (r headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		h := n.(*ast.Heading)
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		if entering {
			fmt.Fprintf(w, "<h%d", h.Level)
			if len(idb) > 0 {
				w.WriteString(` id="`)
				w.Write(util.EscapeHTML(idb))
				w.WriteString(`"`)
			}
			w.WriteString(">")
			return ast.WalkContinue, nil
		}
		if len(idb) > 0 {
			w.WriteString(` <a class="heading-link" href="#`)
			w.Write(util.EscapeHTML(idb))
			w.WriteString(`" aria-label="`)
			w.WriteString(Phrase(r.st.Locale, "section-link"))
			w.WriteString(`">#</a>`)
		}
		fmt.Fprintf(w, "</h%d>\n", h.Level)
		return ast.WalkContinue, nil
	})
}
