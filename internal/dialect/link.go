package dialect

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Links and images are rendered through Env.Link, so that relative `.md`
// links become the target page's URL in the same locale and cloud, and
// missing targets are reported at the file that wrote them (an include's
// links resolve against the include).

type linkExt struct{}

func (linkExt) ExtendParser(p parser.Parser) {}

func (linkExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(linkRenderer{st}, 100)}
}

type linkRenderer struct{ st *State }

func (r linkRenderer) href(dest []byte, image bool, n ast.Node) []byte {
	if r.st.Env == nil {
		return dest
	}
	cur := r.st.Current()
	return []byte(r.st.Env.Link(cur, string(dest), image, cur.Pos(NodeOffset(n))))
}

func (r linkRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		n := node.(*ast.Link)
		if entering {
			w.WriteString(`<a href="`)
			w.Write(util.EscapeHTML(util.URLEscape(r.href(n.Destination, false, n), true)))
			w.WriteByte('"')
			if n.Title != nil {
				w.WriteString(` title="`)
				w.Write(titleAttr(n.Title))
				w.WriteByte('"')
			}
			w.WriteByte('>')
			if n.ChildCount() == 0 {
				r.xrefTitle(w, n)
			}
		} else {
			w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(ast.KindImage, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.Image)
		if player, class := hostedVideo(n.Destination); player != "" {
			title := PlainText(n, src)
			if title == "" {
				title = Phrase(r.st.Locale, "video")
			}
			renderHostedVideo(w, player, class, title)
			return ast.WalkSkipChildren, nil
		}
		if mime := mediaType(n.Destination); mime != "" {
			renderMedia(w, r.href(n.Destination, true, n), mime)
			return ast.WalkSkipChildren, nil
		}
		w.WriteString(`<img src="`)
		w.Write(util.EscapeHTML(util.URLEscape(r.href(n.Destination, true, n), true)))
		w.WriteString(`" alt="`)
		w.Write(util.EscapeHTML([]byte(PlainText(n, src))))
		w.WriteByte('"')
		if n.Title != nil {
			w.WriteString(` title="`)
			w.Write(titleAttr(n.Title))
			w.WriteByte('"')
		}
		r.st.writeImageSize(w, string(n.Destination))
		w.WriteString(` loading="lazy" />`)
		return ast.WalkSkipChildren, nil
	})
}

// xrefTitle writes the target's title as the text of an empty
// [](xref:uid) link, as Learn does.
func (r linkRenderer) xrefTitle(w util.BufWriter, n *ast.Link) {
	uid, ok := strings.CutPrefix(string(n.Destination), "xref:")
	res, isRes := r.st.Env.(XrefResolver)
	cur := r.st.Current()
	if !ok || !isRes || cur == nil {
		return
	}
	if _, title, ok := res.Xref(cur, uid, true, cur.Pos(NodeOffset(n))); ok {
		if title == "" {
			title = uid
		}
		w.Write(util.EscapeHTML([]byte(title)))
	}
}

// titleAttr is a link title as an attribute value: backslash escapes and
// entity references resolved (CommonMark), then escaped for HTML.
func titleAttr(title []byte) []byte {
	t := util.UnescapePunctuations(title)
	t = util.ResolveNumericReferences(t)
	t = util.ResolveEntityNames(t)
	return util.EscapeHTML(t)
}

// NodeOffset is the best byte offset for an inline node: its first text,
// else the start of the block holding it.
func NodeOffset(n ast.Node) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off >= 0 {
		return off
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines() != nil && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}
