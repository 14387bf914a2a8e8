package dialect

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Tabs: a run of headings whose only content is a link to `#tab/<id>`
// (localized pages put an `<a name>` anchor first) forms a tab group; each
// tab holds the blocks up to the next tab heading, and a thematic break
// (`---`) ends the group and is removed. Every panel is written visible:
// without script a reader sees all tabs one after the other, and the tab
// list works as links to them; the client script turns it into tabs.

// TabGroup holds TabPanels.
type TabGroup struct {
	ast.BaseBlock
	Level  int // heading level of the tab titles
	Offset int
}

// TabPanel is one tab: its children are the tab's content.
type TabPanel struct {
	ast.BaseBlock
	ID        string // e.g. "outlook", or "a+b"
	Condition string // the part after a second '/', for dependent tabs
	key       string // unique within the group: id, condition, a number for repeats
	Title     ast.Node
	// Hidden: a dependent tab whose condition is no group's first tab, so
	// its tab starts hidden, as DocFX writes it; the page script shows it
	// when the condition is chosen.
	Hidden bool
}

var (
	KindTabGroup = ast.NewNodeKind("TabGroup")
	KindTabPanel = ast.NewNodeKind("TabPanel")
)

func (n *TabGroup) Kind() ast.NodeKind         { return KindTabGroup }
func (n *TabGroup) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *TabPanel) Kind() ast.NodeKind         { return KindTabPanel }
func (n *TabPanel) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.ID}, nil)
}

var tabLinkRE = regexp.MustCompile(`^#tab/([A-Za-z0-9-]+(?:\+[A-Za-z0-9-]+)*)(?:/([A-Za-z0-9-]+))?$`)

// tabTitle reports whether h is a tab heading and returns its link. An
// `<a name="x"></a>` anchor before the link is allowed (and removed): this
// transformer runs before the heading ids, but does not rely on it.
func tabTitle(h *ast.Heading, src []byte) (link *ast.Link, id, cond string, ok bool) {
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.RawHTML:
			raw := strings.TrimSpace(string(rawText(t, src)))
			if raw != "</a>" && !anchorOpenRE.MatchString(raw) {
				return nil, "", "", false
			}
		case *ast.Text:
			if strings.TrimSpace(string(t.Value(src))) != "" {
				return nil, "", "", false
			}
		case *ast.Link:
			if link != nil {
				return nil, "", "", false
			}
			link = t
		default:
			return nil, "", "", false
		}
	}
	if link == nil {
		return nil, "", "", false
	}
	m := tabLinkRE.FindStringSubmatch(string(link.Destination))
	if m == nil {
		return nil, "", "", false
	}
	return link, m[1], m[2], true
}

type tabsTransformer struct{}

func (tabsTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var containers []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if _, ok := n.FirstChild().(*ast.Heading); ok || hasHeadingChild(n) {
			containers = append(containers, n)
		}
		return ast.WalkContinue, nil
	})
	for _, c := range containers {
		groupTabs(c, src, pc)
	}
	markDependentTabs(doc)
}

// markDependentTabs hides, at first, the dependent tabs (#tab/id/condition)
// whose condition is not a tab chosen when the page opens (the first tab of
// each group).
func markDependentTabs(doc *ast.Document) {
	chosen := map[string]bool{}
	var panels []*TabPanel
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		switch x := n.(type) {
		case *TabGroup:
			if p, ok := x.FirstChild().(*TabPanel); ok {
				chosen[p.ID] = true
			}
		case *TabPanel:
			panels = append(panels, x)
		}
		return ast.WalkContinue, nil
	})
	for _, p := range panels {
		p.Hidden = p.Condition != "" && !chosen[p.Condition]
	}
}

func hasHeadingChild(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindHeading {
			return true
		}
	}
	return false
}

func headingOffset(h ast.Node) int {
	if h.Lines().Len() > 0 {
		return h.Lines().At(0).Start
	}
	return 0
}

// groupTabs turns each run of tab headings among c's children into a
// TabGroup.
func groupTabs(c ast.Node, src []byte, pc parser.Context) {
	for n := c.FirstChild(); n != nil; {
		h, ok := n.(*ast.Heading)
		if !ok {
			n = n.NextSibling()
			continue
		}
		if _, _, _, ok := tabTitle(h, src); !ok {
			n = n.NextSibling()
			continue
		}
		g := &TabGroup{Level: h.Level, Offset: headingOffset(h)}
		c.InsertBefore(c, h, g)
		fillGroup(c, g, h, src, pc)
		n = g.NextSibling()
	}
}

// fillGroup moves the tab headings and contents from start on into g.
func fillGroup(c ast.Node, g *TabGroup, start ast.Node, src []byte, pc parser.Context) {
	var panel *TabPanel
	seen := map[string]int{}
	for cur := start; cur != nil; {
		next := cur.NextSibling()
		h, isHeading := cur.(*ast.Heading)
		if isHeading {
			if link, id, cond, ok := tabTitle(h, src); ok {
				h.SetAttributeString("data-tab-title", []byte(id))
				key := id
				if cond != "" {
					key += "_" + cond
				}
				if seen[key] > 0 {
					report(pc, headingOffset(h), diag.Warning, "invalid-tab-group", fmt.Sprintf("duplicate tab id %q in this tab group; give each tab its own id", id))
				}
				seen[key]++
				if seen[key] > 1 {
					key += "-" + strconv.Itoa(seen[key])
				}
				panel = &TabPanel{ID: id, Condition: cond, Title: link, key: key}
				c.RemoveChild(c, h)
				g.AppendChild(g, panel)
				cur = next
				continue
			}
			if h.Level < g.Level {
				report(pc, headingOffset(h), diag.Warning, "invalid-tab-group",
					"the tab group has no closing ---; it ends before this heading (add a line with --- after the last tab)")
				return
			}
		}
		if cur.Kind() == ast.KindThematicBreak {
			c.RemoveChild(c, cur)
			return
		}
		panel.AppendChild(panel, cur)
		cur = next
	}
	// At the end of the page the group simply ends there, as in DocFX;
	// inside a quote or list item the missing --- is worth a word.
	if c.Kind() != ast.KindDocument {
		report(pc, g.Offset, diag.Warning, "invalid-tab-group",
			"the tab group has no closing ---; the last tab runs to the end of its container")
	}
}

type tabsExt struct{}

func (tabsExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithASTTransformers(util.Prioritized(tabsTransformer{}, 400)))
}

func (tabsExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(&tabsRenderer{st: st}, 100)}
}

// tabKey counts tab groups across the page so ids stay unique even when
// includes hold tabs.
var tabKey = &Doc{Rel: "(tab group ids)"}

type tabsRenderer struct {
	st    *State
	group []int // ids of the groups being rendered, innermost last
}

func (r *tabsRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindTabGroup, r.renderGroup)
	reg.Register(KindTabPanel, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</section>\n")
			return ast.WalkContinue, nil
		}
		p := n.(*TabPanel)
		key := r.key(p)
		_, _ = w.WriteString(`<section id="tabpanel_` + key + `" role="tabpanel" aria-labelledby="tab_` + key + `"`)
		writeTabData(w, p)
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
}

// key is the id suffix of a panel: group number and the panel's key.
func (r *tabsRenderer) key(p *TabPanel) string {
	g := 0
	if len(r.group) > 0 {
		g = r.group[len(r.group)-1]
	}
	return string(util.EscapeHTML([]byte(strconv.Itoa(g) + "_" + p.key)))
}

func writeTabData(w util.BufWriter, p *TabPanel) {
	_, _ = w.WriteString(` data-tab="` + p.ID + `"`)
	if p.Condition != "" {
		_, _ = w.WriteString(` data-condition="` + p.Condition + `"`)
	}
}

func (r *tabsRenderer) renderGroup(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		r.group = r.group[:len(r.group)-1]
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	id := r.st.Next(tabKey)
	r.group = append(r.group, id)
	fmt.Fprintf(w, "<div class=\"tabGroup\" id=\"tabgroup_%d\">\n<ul role=\"tablist\">\n", id)
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		p, ok := c.(*TabPanel)
		if !ok {
			continue
		}
		key := r.key(p)
		li := `<li role="presentation">`
		if p.Hidden {
			li = `<li role="presentation" hidden>`
		}
		_, _ = w.WriteString(li + `<a href="#tabpanel_` + key + `" role="tab" id="tab_` + key + `" aria-controls="tabpanel_` + key + `"`)
		writeTabData(w, p)
		if c == n.FirstChild() {
			_, _ = w.WriteString(` aria-selected="true"`)
		}
		_ = w.WriteByte('>')
		for t := p.Title.FirstChild(); t != nil; t = t.NextSibling() {
			if err := r.st.r.Render(w, src, t); err != nil {
				return ast.WalkStop, err
			}
		}
		_, _ = w.WriteString("</a></li>\n")
	}
	_, _ = w.WriteString("</ul>\n")
	return ast.WalkContinue, nil
}
