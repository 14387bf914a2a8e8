package dialect

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Div is a `> [!div class="..."]` section: its content in a <div> with the
// author's attributes. A few classes mean more (Learn's site styles them):
// op_single_selector and op_multi_selector are pickers (the country/region
// drop-down of the support pages), nextstepaction makes its link a call to
// action, checklist shows its list with check marks (CSS only).
type Div struct {
	ast.BaseBlock
	Attrs   []DivAttr // kept attributes, in source order
	Classes []string
}

// DivAttr is one kept attribute of a Div.
type DivAttr struct{ Name, Value string }

// KindDiv is the node kind of Div.
var KindDiv = ast.NewNodeKind("Div")

func (n *Div) Kind() ast.NodeKind { return KindDiv }
func (n *Div) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Classes": strings.Join(n.Classes, " ")}, nil)
}

// HasClass reports whether the div carries class c.
func (n *Div) HasClass(c string) bool {
	for _, x := range n.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// parseHTMLAttrs reads an HTML attribute string leniently: names with
// "double", 'single' or unquoted values, or none.
func parseHTMLAttrs(s string) []DivAttr {
	var out []DivAttr
	i := 0
	for i < len(s) {
		for i < len(s) && strings.IndexByte(" \t\r\n", s[i]) >= 0 {
			i++
		}
		j := i
		for j < len(s) && strings.IndexByte(" \t\r\n\"'=", s[j]) < 0 {
			j++
		}
		if j == i {
			if i < len(s) {
				i++ // a stray quote or '='
			}
			continue
		}
		a := DivAttr{Name: strings.ToLower(s[i:j])}
		i = j
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i < len(s) && s[i] == '=' {
			i++
			for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
				i++
			}
			if i < len(s) && (s[i] == '"' || s[i] == '\'') {
				q := s[i]
				e := strings.IndexByte(s[i+1:], q)
				if e < 0 {
					e = len(s) - i - 1
				}
				a.Value = html.UnescapeString(s[i+1 : i+1+e])
				i += e + 2
			} else {
				k := i
				for k < len(s) && strings.IndexByte(" \t\r\n", s[k]) < 0 {
					k++
				}
				a.Value, i = html.UnescapeString(s[i:k]), k
			}
		}
		out = append(out, a)
	}
	return out
}

// keepDivAttr says which author attributes may reach the page: any that
// DocFX keeps (it writes them all) except those that run script, style
// the page around the site's stylesheet or load something.
func keepDivAttr(name string, multi bool) bool {
	switch name {
	case "title1", "title2":
		return multi
	case "style", "src", "srcset", "srcdoc", "href", "action", "formaction", "background", "poster", "ping",
		"xmlns", "is", "slot", "contenteditable", "autofocus", "nonce":
		return false
	}
	if strings.HasPrefix(name, "on") || name == "" {
		return false
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func newDiv(m quoteMarker, off int, pc parser.Context) *Div {
	d := &Div{}
	if m.bad != "" {
		report(pc, off, diag.Warning, "div-attribute-dropped", m.bad+"; the section has no attributes")
		return d
	}
	attrs := parseHTMLAttrs(m.arg)
	multi := false
	for _, a := range attrs {
		if a.Name == "class" && strings.Contains(" "+a.Value+" ", " op_multi_selector ") {
			multi = true
		}
	}
	seen := map[string]bool{}
	for _, a := range attrs {
		switch {
		case !keepDivAttr(a.Name, multi):
			report(pc, off, diag.Warning, "div-attribute-dropped",
				fmt.Sprintf("attribute %q is not allowed on a section and is left out (no script, style or loading attributes)", a.Name))
		case seen[a.Name]:
			report(pc, off, diag.Warning, "div-attribute-dropped", fmt.Sprintf("attribute %q is given twice; the first one is kept", a.Name))
		default:
			seen[a.Name] = true
			d.Attrs = append(d.Attrs, a)
			if a.Name == "class" {
				d.Classes = strings.Fields(a.Value)
			}
		}
	}
	return d
}

// attr returns the value of a kept attribute.
func (n *Div) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name == name {
			return a.Value
		}
	}
	return ""
}

// selectorKey is the per-page counter of picker label ids (a page-wide
// key, not the include's own document, so ids stay unique on the page).
var selectorKey = &Doc{Rel: "(selector ids)"}

type divRenderer struct{ st *State }

func (r divRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDiv, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		d := n.(*Div)
		switch {
		case !entering:
			if !d.HasClass("op_single_selector") && !d.HasClass("op_multi_selector") {
				_, _ = w.WriteString("</div>\n")
			}
			return ast.WalkContinue, nil
		case d.HasClass("op_single_selector"):
			return ast.WalkSkipChildren, r.selector(w, src, d, false)
		case d.HasClass("op_multi_selector"):
			return ast.WalkSkipChildren, r.selector(w, src, d, true)
		}
		_, _ = w.WriteString("<div")
		writeAttrs(w, d.Attrs, false)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
	reg.Register(KindActionLink, r.renderActionLink)
}

// writeAttrs writes ` name="value"` for each attribute except those the
// renderer writes itself (the picker's class and titles).
func writeAttrs(w util.BufWriter, attrs []DivAttr, nav bool) {
	for _, a := range attrs {
		if nav && (a.Name == "class" || a.Name == "title1" || a.Name == "title2") {
			continue
		}
		_, _ = w.WriteString(" " + a.Name + `="`)
		_, _ = w.Write(util.EscapeHTML([]byte(a.Value)))
		_ = w.WriteByte('"')
	}
}

// selector renders a picker as a labelled navigation list of links: it
// works without script, and the client script can turn it into a
// drop-down. The first list item, when it is only bold text, is the
// label ("Select your country or region").
func (r divRenderer) selector(w util.BufWriter, src []byte, d *Div, multi bool) error {
	id := "selector-" + strconv.Itoa(r.st.Next(selectorKey))
	cls, label := "op-single-selector", ""
	var labelItem ast.Node
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		if l, ok := c.(*ast.List); ok {
			if fi := l.FirstChild(); fi != nil && boldOnly(fi) {
				labelItem, label = fi, PlainText(fi, src)
			}
			break
		}
	}
	if multi {
		cls = "op-multi-selector"
		label = strings.Trim(d.attr("title1")+" / "+d.attr("title2"), " /")
	}
	if label == "" {
		label = Phrase(r.st.Locale, "select-option")
	}
	_, _ = w.WriteString(`<nav class="` + cls + `" aria-labelledby="` + id + `"`)
	writeAttrs(w, d.Attrs, true)
	if multi {
		_, _ = w.WriteString(" data-multi-selector>")
	} else {
		_, _ = w.WriteString(" data-country-picker>")
	}
	_, _ = w.WriteString(`<p id="` + id + `" class="` + cls + `-label">`)
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString("</p>\n")
	for c := d.FirstChild(); c != nil; c = c.NextSibling() {
		l, ok := c.(*ast.List)
		if !ok {
			if err := r.st.r.Render(w, src, c); err != nil {
				return err
			}
			continue
		}
		_, _ = w.WriteString("<ul>\n")
		if !multi {
			if err := r.pickerItems(w, src, l, labelItem); err != nil {
				return err
			}
		} else {
			for it := l.FirstChild(); it != nil; it = it.NextSibling() {
				if it == labelItem {
					continue
				}
				if err := r.st.r.Render(w, src, it); err != nil {
					return err
				}
			}
		}
		_, _ = w.WriteString("</ul>\n")
	}
	_, _ = w.WriteString("</nav>\n")
	return nil
}

// boldOnly reports whether a list item holds nothing but bold text.
func boldOnly(item ast.Node) bool {
	if item.ChildCount() != 1 {
		return false
	}
	b := item.FirstChild()
	if b.ChildCount() != 1 {
		return false
	}
	e, ok := b.FirstChild().(*ast.Emphasis)
	return ok && e.Level == 2
}

// ActionLink is a link inside a nextstepaction (or button) section: it
// renders as a button-styled call to action.
type ActionLink struct {
	ast.BaseInline
	Destination []byte
	Title       []byte
	Class       string
}

// KindActionLink is the node kind of ActionLink.
var KindActionLink = ast.NewNodeKind("ActionLink")

func (n *ActionLink) Kind() ast.NodeKind { return KindActionLink }
func (n *ActionLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Destination": string(n.Destination)}, nil)
}

// actionLinks replaces the links of call-to-action sections with
// ActionLinks; it runs after inline parsing, when links exist.
type actionLinks struct{}

func (actionLinks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var links []*ast.Link
	var classes []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		d, ok := n.(*Div)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		cls := ""
		switch {
		case d.HasClass("nextstepaction"):
			cls = "button button-primary"
		case d.HasClass("button"):
			cls = "button"
		default:
			return ast.WalkContinue, nil
		}
		_ = ast.Walk(d, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if l, ok := c.(*ast.Link); ok && entering {
				links, classes = append(links, l), append(classes, cls)
			}
			return ast.WalkContinue, nil
		})
		return ast.WalkSkipChildren, nil
	})
	for i, l := range links {
		a := &ActionLink{Destination: l.Destination, Title: l.Title, Class: classes[i]}
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			a.AppendChild(a, c)
			c = next
		}
		l.Parent().ReplaceChild(l.Parent(), l, a)
	}
}

func (r divRenderer) renderActionLink(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	a := n.(*ActionLink)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	href := string(a.Destination)
	if cur := r.st.Current(); r.st.Env != nil && cur != nil {
		href = r.st.Env.Link(cur, href, false, cur.Pos(NodeOffset(n)))
	}
	_, _ = w.WriteString(`<a class="` + a.Class + `" href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	_ = w.WriteByte('"')
	if a.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(a.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
