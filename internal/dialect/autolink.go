package dialect

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Docsets write links in raw HTML whose text is a URL:
//
//	<a href="https://go.microsoft.com/fwlink/p/?linkid=2024339">https://admin.microsoft.com</a>
//
// Bare-URL linking (GFM's linkify) would turn that text into a second link
// inside the first, which browsers split into an empty link and a stray
// one (screen readers announce a link with no name). autolinkInHTML turns
// such autolinks back into text: within an open raw <a>, a URL is text.
type autolinkInHTML struct{}

func (autolinkInHTML) Transform(node *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var fix []*ast.AutoLink
	_ = ast.Walk(node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.FirstChild() == nil || n.FirstChild().Type() != ast.TypeInline {
			return ast.WalkContinue, nil
		}
		depth := 0
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.RawHTML:
				raw := bytes.ToLower(bytes.TrimSpace(rawText(t, src)))
				switch {
				case bytes.HasPrefix(raw, []byte("<a ")) || bytes.Equal(raw, []byte("<a>")):
					depth++
				case bytes.HasPrefix(raw, []byte("</a")) && depth > 0:
					depth--
				}
			case *ast.AutoLink:
				if depth > 0 {
					fix = append(fix, t)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	for _, al := range fix {
		parent := al.Parent()
		parent.ReplaceChild(parent, al, ast.NewString(append([]byte(nil), al.Label(src)...)))
	}
}

type autolinkExt struct{}

func (autolinkExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithASTTransformers(util.Prioritized(autolinkInHTML{}, 600)))
}

func (autolinkExt) RenderFuncs(*State) []util.PrioritizedValue { return nil }
