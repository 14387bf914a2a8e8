package dialect

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Paragraphs can carry data attributes that a later stage attaches by
// source line: the build marks each hours line of a country support page
// with its parsed schedule and zone, and the client script adds the live
// "open now" status next to it. The Markdown stays as the author wrote it.

type annotateExt struct{}

func (annotateExt) ExtendParser(p parser.Parser) {}

func (annotateExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(annotateRenderer{st}, 100)}
}

type annotateRenderer struct{ st *State }

func (r annotateRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindParagraph, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			w.WriteString("</p>\n")
			return ast.WalkContinue, nil
		}
		w.WriteString("<p")
		if n.Attributes() != nil {
			html.RenderAttributes(w, n, html.ParagraphAttributeFilter)
		}
		if r.st.LineAttrs != nil && n.Lines().Len() > 0 {
			cur := r.st.Current()
			for _, a := range r.st.LineAttrs(cur, cur.Pos(n.Lines().At(0).Start).Line) {
				w.WriteString(" " + a[0] + `="`)
				w.Write(util.EscapeHTML([]byte(a[1])))
				w.WriteByte('"')
			}
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	})
}
