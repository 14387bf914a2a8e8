package dialect

import (
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Strikethrough is `~~text~~` only. Learn's pipeline enables Markdig's
// double-tilde strikethrough and not its single-tilde subscript, so
// `H~2~O` is text there; GFM (and goldmark's extension) would strike it
// through. The node is goldmark's, rendered by gfm.go.

type strikeExt struct{}

func (strikeExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(strikeParser{}, 500)))
}

func (strikeExt) RenderFuncs(*State) []util.PrioritizedValue { return nil }

type strikeDelims struct{}

func (strikeDelims) IsDelimiter(b byte) bool { return b == '~' }
func (strikeDelims) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char && opener.OriginalLength == closer.OriginalLength
}
func (strikeDelims) OnMatch(consumes int) gast.Node { return ast.NewStrikethrough() }

type strikeParser struct{}

func (strikeParser) Trigger() []byte { return []byte{'~'} }

func (strikeParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 2, strikeDelims{})
	if d == nil || d.OriginalLength != 2 || before == '~' {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

func (strikeParser) CloseBlock(parent gast.Node, pc parser.Context) {}
