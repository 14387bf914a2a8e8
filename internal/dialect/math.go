package dialect

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Math, marked up as Learn's pipeline (Markdig's mathematics extension)
// marks it up, for a TeX renderer such as MathJax or KaTeX to typeset:
//
//	$x^2$          ->  <span class="math">\(x^2\)</span>
//	$$             ->  <div class="math">
//	\frac{a}{b}        \[
//	$$                 \frac{a}{b}
//	                   \]</div>
//
// A `$` opens and closes like an emphasis delimiter that cannot sit inside
// a word: `$x to $y`, `costs $5 and $10` and `$true/$false` stay text,
// which matters in docsets full of PowerShell variables.

// MathInline is `$…$` or `$$…$$` inside a paragraph.
type MathInline struct {
	ast.BaseInline
	Content []byte
}

// MathBlock is a `$$` fenced block.
type MathBlock struct {
	ast.BaseBlock
}

var (
	KindMathInline = ast.NewNodeKind("MathInline")
	KindMathBlock  = ast.NewNodeKind("MathBlock")
)

func (n *MathInline) Kind() ast.NodeKind         { return KindMathInline }
func (n *MathInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *MathBlock) Kind() ast.NodeKind          { return KindMathBlock }
func (n *MathBlock) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *MathBlock) IsRaw() bool                 { return true }

type mathInlineParser struct{}

func (mathInlineParser) Trigger() []byte { return []byte{'$'} }

func (mathInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	prev := block.PrecendingCharacter()
	if prev == '$' {
		return nil
	}
	line, _ := block.PeekLine()
	open := 1
	if len(line) > 1 && line[1] == '$' {
		open = 2
	}
	if canOpen, _ := flanking(prev, runeAt(line, open)); !canOpen {
		return nil
	}
	// The first run of at least `open` dollars not after a backslash
	// closes; it must close like an emphasis delimiter and not be
	// followed by a digit.
	for i := open; i < len(line); {
		c := line[i]
		if c == '\\' {
			i += 2
			continue
		}
		if c != '$' {
			i++
			continue
		}
		run := runLen(line, i, '$')
		if run < open {
			i += run
			continue
		}
		before, _ := utf8.DecodeLastRune(line[:i])
		after := runeAt(line, i+run)
		if _, canClose := flanking(before, after); !canClose || after >= '0' && after <= '9' {
			return nil
		}
		n := &MathInline{Content: bytes.Clone(line[open : i+run-open])}
		block.Advance(i + run)
		return n
	}
	return nil
}

// runeAt is the rune at byte i of s; '\n' past the end (a line end is
// white space for flanking).
func runeAt(s []byte, i int) rune {
	if i >= len(s) {
		return '\n'
	}
	r, _ := utf8.DecodeRune(s[i:])
	return r
}

// flanking applies CommonMark's rules for `_` delimiters to a `$` run
// between prev and next: it opens when left-flanking and not inside a
// word, closes when right-flanking and not inside a word.
func flanking(prev, next rune) (canOpen, canClose bool) {
	space := func(r rune) bool { return r == 0 || unicode.IsSpace(r) }
	punct := func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }
	left := !space(next) && (!punct(next) || space(prev) || punct(prev))
	right := !space(prev) && (!punct(prev) || space(next) || punct(next))
	return left && (!right || punct(prev)), right && (!left || punct(next))
}

type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	if !isMathFence(line) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &MathBlock{}, parser.NoChildren
}

func isMathFence(line []byte) bool {
	t := bytes.TrimSpace(line)
	return len(t) >= 2 && len(bytes.Trim(t, "$")) == 0
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if isMathFence(line) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg)
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (mathBlockParser) CanInterruptParagraph() bool                 { return true }
func (mathBlockParser) CanAcceptIndentedLine() bool                 { return false }

type mathExt struct{}

func (mathExt) ExtendParser(p parser.Parser) {
	p.AddOptions(
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 650)),
		parser.WithInlineParsers(util.Prioritized(mathInlineParser{}, 450)),
	)
}

func (mathExt) RenderFuncs(*State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(mathRenderer{}, 100)}
}

type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMathInline, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(`<span class="math">\(`)
			_, _ = w.Write(util.EscapeHTML(n.(*MathInline).Content))
			_, _ = w.WriteString(`\)</span>`)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindMathBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString("<div class=\"math\">\n\\[\n")
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
		_, _ = w.WriteString("\\]</div>\n")
		return ast.WalkSkipChildren, nil
	})
}
