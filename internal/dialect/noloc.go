package dialect

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// NoLoc is `:::no-loc text="Document":::`: a term translators must leave
// alone (a product or UI name). It renders as an English, left-to-right
// span so screen readers pronounce it in the right language.
type NoLoc struct {
	ast.BaseInline
	Term string
}

// KindNoLoc is the node kind of NoLoc.
var KindNoLoc = ast.NewNodeKind("NoLoc")

func (n *NoLoc) Kind() ast.NodeKind { return KindNoLoc }
func (n *NoLoc) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Term": n.Term}, nil)
}

// scanNoLoc reads `:::no-loc text="..."":::` (case-sensitive, one line,
// `\"` escaping a quote) at the start of s.
func scanNoLoc(s []byte) (string, int, bool) {
	const open = `:::no-loc text="`
	if !strings.HasPrefix(string(s), open) {
		return "", 0, false
	}
	var b strings.Builder
	for i := len(open); i < len(s); i++ {
		switch c := s[i]; {
		case c == '\n':
			return "", 0, false
		case c == '\\' && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case c == '"':
			if !strings.HasPrefix(string(s[i+1:]), ":::") {
				return "", 0, false
			}
			return b.String(), i + 4, true
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

type noLocParser struct{}

func (noLocParser) Trigger() []byte { return []byte{':'} }

func (noLocParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == ':' {
		return nil
	}
	line, _ := block.PeekLine()
	t, n, ok := scanNoLoc(line)
	if !ok {
		return nil
	}
	block.Advance(n)
	return &NoLoc{Term: t}
}

type noLocExt struct{}

func (noLocExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(noLocParser{}, 91)))
}

func (noLocExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(noLocRenderer{}, 100)}
}

type noLocRenderer struct{}

func (noLocRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindNoLoc, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="no-loc" dir="ltr" lang="en-us">`)
			_, _ = w.Write(util.EscapeHTML([]byte(n.(*NoLoc).Term)))
			_, _ = w.WriteString(`</span>`)
		}
		return ast.WalkSkipChildren, nil
	})
}
