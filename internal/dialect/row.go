package dialect

import (
	"fmt"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// `:::row:::` … `:::row-end:::` holds `:::column span="N":::` …
// `:::column-end:::` blocks: a responsive grid. Authors indent the content
// for readability, so leading whitespace inside a row is discarded before
// block parsing (8 spaces of indent are a paragraph here, not code).

// Row is a grid row; its children are Columns.
type Row struct {
	ast.BaseBlock
	Offset int
	colons int
	closed bool
}

// Column is one column of a Row; Span is 0 when not given.
type Column struct {
	ast.BaseBlock
	Span   int
	Offset int
	closed bool
}

var (
	KindRow    = ast.NewNodeKind("Row")
	KindColumn = ast.NewNodeKind("Column")
)

func (n *Row) Kind() ast.NodeKind            { return KindRow }
func (n *Row) Dump(src []byte, level int)    { ast.DumpHelper(n, src, level, nil, nil) }
func (n *Column) Kind() ast.NodeKind         { return KindColumn }
func (n *Column) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// closerTrail returns the text after a `:::name:::` closer with exactly
// colons colons (any indent), or ok=false if line is not that closer.
func closerTrail(line []byte, name string, colons int) (trail string, ok bool) {
	rest, _, c, ok := colonToken(line, name, -1)
	if !ok || (colons > 0 && c != colons) || !strings.HasPrefix(string(rest), ":::") {
		return "", false
	}
	return strings.TrimSpace(string(rest[3:])), true
}

// skipIndent drops the line's leading whitespace.
func skipIndent(reader text.Reader) {
	line, _ := reader.PeekLine()
	_, pos := util.IndentWidth(line, reader.LineOffset())
	if pos > 0 {
		reader.Advance(pos)
	}
}

type rowParser struct{}

func (rowParser) Trigger() []byte { return []byte{':'} }

func (rowParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	rest, indent, colons, ok := colonToken(line, "row", 3)
	if !ok || strings.TrimSpace(string(rest)) != ":::" {
		return nil, parser.NoChildren
	}
	advanceLine(reader, line)
	return &Row{Offset: seg.Start + indent, colons: colons}, parser.HasChildren
}

func (rowParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	r := node.(*Row)
	line, seg := reader.PeekLine()
	if trail, ok := closerTrail(line, "row-end", r.colons); ok {
		if trail != "" {
			report(pc, seg.Start, diag.Warning, "invalid-row", fmt.Sprintf("text after :::row-end::: is ignored: %q", trail))
		}
		r.closed = true
		advanceLine(reader, line)
		return parser.Close
	}
	skipIndent(reader)
	return parser.Continue | parser.HasChildren
}

func (rowParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	r := node.(*Row)
	if !r.closed {
		report(pc, r.Offset, diag.Error, "row-unclosed", "the row has no :::row-end:::; it runs to the end of its container")
	}
	for c := r.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*Column); !ok {
			off := r.Offset
			if c.Lines().Len() > 0 {
				off = c.Lines().At(0).Start
			}
			report(pc, off, diag.Warning, "invalid-row", "content inside a row belongs in a :::column:::")
			break
		}
	}
}

func (rowParser) CanInterruptParagraph() bool { return true }
func (rowParser) CanAcceptIndentedLine() bool { return false }

type columnParser struct{}

func (columnParser) Trigger() []byte { return []byte{':'} }

func (columnParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if _, inRow := parent.(*Row); !inRow {
		return nil, parser.NoChildren
	}
	line, seg := reader.PeekLine()
	rest, indent, _, ok := colonToken(line, "column", -1)
	if !ok {
		return nil, parser.NoChildren
	}
	s := strings.TrimSpace(string(rest))
	if !strings.HasSuffix(s, ":::") {
		return nil, parser.NoChildren
	}
	col := &Column{Offset: seg.Start + indent}
	a, err := parseColonAttrs(strings.TrimSuffix(s, ":::"))
	if err == nil {
		err = a.onlyAttrs("span")
	}
	if v, _ := a.get("span"); err == nil && v != "" {
		if _, e := fmt.Sscanf(v, "%d", &col.Span); e != nil || col.Span < 1 || col.Span > 12 || fmt.Sprint(col.Span) != v {
			err = fmt.Errorf("span must be a whole number from 1 to 12, not %q", v)
			col.Span = 0
		}
	}
	if err != nil {
		report(pc, col.Offset, diag.Warning, "invalid-nested-column", err.Error()+"; the column has no span")
	}
	advanceLine(reader, line)
	return col, parser.HasChildren
}

func (columnParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if trail, ok := closerTrail(line, "column-end", 0); ok {
		if trail != "" {
			report(pc, seg.Start, diag.Warning, "invalid-nested-column", fmt.Sprintf("text after :::column-end::: is ignored: %q", trail))
		}
		node.(*Column).closed = true
		advanceLine(reader, line)
		return parser.Close
	}
	skipIndent(reader)
	return parser.Continue | parser.HasChildren
}

func (columnParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if c := node.(*Column); !c.closed {
		report(pc, c.Offset, diag.Warning, "column-unclosed", "the column has no :::column-end:::; it ends with its row")
	}
}

func (columnParser) CanInterruptParagraph() bool { return true }
func (columnParser) CanAcceptIndentedLine() bool { return true }

type rowExt struct{}

func (rowExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithBlockParsers(
		util.Prioritized(rowParser{}, 53),
		util.Prioritized(columnParser{}, 54),
	))
}

func (rowExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(rowRenderer{}, 100)}
}

type rowRenderer struct{}

func (rowRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindRow, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<section class=\"row\">\n")
		} else {
			_, _ = w.WriteString("</section>\n")
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindColumn, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		if s := n.(*Column).Span; s > 0 {
			fmt.Fprintf(w, "<div class=\"column span%d\">\n", s)
		} else {
			_, _ = w.WriteString("<div class=\"column\">\n")
		}
		return ast.WalkContinue, nil
	})
}
