package dialect

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Pipe tables, read as Markdig (Learn's parser) reads them:
//
//   - a `|` inside a code span belongs to the span, not to the row
//     (`a | b` in backticks is one cell), as Markdig parses code spans
//     before it splits rows;
//   - a delimiter row that starts with a dash and a space (`- | -`) is a
//     delimiter row, not a list item.
//
// The nodes are goldmark's table nodes, so goldmark's table renderer (see
// gfm.go) writes them.

type tableExt struct{}

func (tableExt) ExtendParser(p parser.Parser) {
	p.AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableTransformer{}, 200)),
		// Before the list parser (300): `- | -` under a header line.
		parser.WithBlockParsers(util.Prioritized(tableDashParser{}, 250)),
	)
}

func (tableExt) RenderFuncs(*State) []util.PrioritizedValue { return nil }

// tableTransformer turns a paragraph holding a header line and a delimiter
// row into a table (text before the header stays a paragraph).
type tableTransformer struct{}

func (tableTransformer) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	src := reader.Source()
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		aligns := delimiterRow(delim.Value(src))
		if aligns == nil {
			continue
		}
		header := tableRow(lines.At(i-1), aligns, true, src)
		if header == nil {
			return
		}
		table := east.NewTable()
		table.Alignments = aligns
		table.SetPos(node.Pos())
		table.AppendChild(table, east.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			appendRow(table, lines.At(j), src)
		}
		parent := node.Parent()
		parent.InsertAfter(parent, node, table)
		lines.SetSliced(0, i-1)
		if lines.Len() == 0 {
			parent.RemoveChild(parent, node)
		} else {
			last := lines.At(lines.Len() - 1)
			lines.Set(lines.Len()-1, last.TrimRightSpace(src))
		}
		return
	}
}

// tableDashParser opens a table at a `- | -` delimiter row under an open
// paragraph whose last line is a matching header.
type tableDashParser struct{}

func (tableDashParser) Trigger() []byte { return []byte{'-'} }

func (tableDashParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	para, ok := pc.LastOpenedBlock().Node.(*ast.Paragraph)
	if !ok || parent.LastChild() != para || para.Lines().Len() == 0 {
		return nil, parser.NoChildren
	}
	line, _ := reader.PeekLine()
	aligns := delimiterRow(line)
	if aligns == nil {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	lines := para.Lines()
	header := tableRow(lines.At(lines.Len()-1), aligns, true, src)
	if header == nil {
		return nil, parser.NoChildren
	}
	lines.SetSliced(0, lines.Len()-1)
	table := east.NewTable()
	table.Alignments = aligns
	table.AppendChild(table, east.NewTableHeader(header))
	reader.AdvanceToEOL()
	return table, parser.NoChildren
}

// Continue takes body rows up to a blank line.
func (tableDashParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if util.IsBlank(line) {
		return parser.Close
	}
	appendRow(node.(*east.Table), seg, reader.Source())
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (tableDashParser) Close(ast.Node, text.Reader, parser.Context) {}
func (tableDashParser) CanInterruptParagraph() bool                 { return true }
func (tableDashParser) CanAcceptIndentedLine() bool                 { return false }

// delimiterRow returns the column alignments of a delimiter row such as
// `| :-- | --: |` or `- | -`, or nil when line is not one.
func delimiterRow(line []byte) []east.Alignment {
	line = bytes.TrimSpace(line)
	if len(line) == 0 || len(bytes.Trim(line, "|-: \t")) > 0 {
		return nil
	}
	if bytes.IndexByte(line, '-') < 0 {
		return nil
	}
	cols := bytes.Split(line, []byte{'|'})
	if len(cols) == 1 {
		return nil // a lone `---` is a thematic break or a heading underline
	}
	if len(bytes.TrimSpace(cols[0])) == 0 {
		cols = cols[1:]
	}
	if len(cols) > 0 && len(bytes.TrimSpace(cols[len(cols)-1])) == 0 {
		cols = cols[:len(cols)-1]
	}
	if len(cols) == 0 {
		return nil
	}
	aligns := make([]east.Alignment, 0, len(cols))
	for _, c := range cols {
		c = bytes.TrimSpace(c)
		left, right := bytes.HasPrefix(c, []byte(":")), bytes.HasSuffix(c, []byte(":"))
		dashes := bytes.Trim(c, ":")
		if len(dashes) == 0 || len(bytes.Trim(dashes, "-")) > 0 {
			return nil
		}
		switch {
		case left && right:
			aligns = append(aligns, east.AlignCenter)
		case left:
			aligns = append(aligns, east.AlignLeft)
		case right:
			aligns = append(aligns, east.AlignRight)
		default:
			aligns = append(aligns, east.AlignNone)
		}
	}
	return aligns
}

// appendRow adds a body row. A row with more cells than the table has
// columns widens the table, with empty cells for the rows above, as
// Markdig (and so DocFX and Learn) does; GFM would drop the extra cells.
func appendRow(table *east.Table, seg text.Segment, src []byte) {
	t := seg.TrimLeftSpace(src)
	t = t.TrimRightSpace(src)
	if n := len(rowCells(t.Value(src))); n > len(table.Alignments) {
		for len(table.Alignments) < n {
			table.Alignments = append(table.Alignments, east.AlignNone)
		}
		for row := table.FirstChild(); row != nil; row = row.NextSibling() {
			for k := row.ChildCount(); k < n; k++ {
				cell := east.NewTableCell()
				cell.Alignment = east.AlignNone
				row.AppendChild(row, cell)
			}
			switch r := row.(type) {
			case *east.TableHeader:
				r.Alignments = table.Alignments
			case *east.TableRow:
				r.Alignments = table.Alignments
			}
		}
	}
	table.AppendChild(table, tableRow(seg, table.Alignments, false, src))
}

// tableRow splits one row into cells. A header must have exactly as many
// cells as the delimiter row (else nil: not a table); a body row is cut
// or padded to that width.
func tableRow(seg text.Segment, aligns []east.Alignment, header bool, src []byte) *east.TableRow {
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	cells := rowCells(seg.Value(src))
	if header && len(cells) != len(aligns) {
		return nil
	}
	row := east.NewTableRow(aligns)
	row.SetPos(seg.Start)
	for i, a := range aligns {
		cell := east.NewTableCell()
		cell.Alignment = a
		if i < len(cells) {
			c := text.NewSegment(seg.Start+cells[i][0], seg.Start+cells[i][1])
			c = c.TrimLeftSpace(src)
			c = c.TrimRightSpace(src)
			cell.SetPos(c.Start)
			cell.Lines().Append(c)
		}
		row.AppendChild(row, cell)
	}
	return row
}

// rowCells returns the byte ranges of a row's cells: split at pipes that
// are neither escaped nor inside a code span, without the optional outer
// pipes.
func rowCells(s []byte) [][2]int {
	var cells [][2]int
	start := 0
	if len(s) > 0 && s[0] == '|' {
		start = 1
	}
	i := start
	trailing := false
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case '`':
			n := runLen(s, i, '`')
			if end := closingRun(s, i+n, n); end >= 0 {
				i = end + n
			} else {
				i += n
			}
			continue
		case '|':
			cells = append(cells, [2]int{start, i})
			start = i + 1
			trailing = i == len(s)-1
		}
		i++
	}
	if !trailing {
		cells = append(cells, [2]int{start, len(s)})
	}
	return cells
}

func runLen(s []byte, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// closingRun finds the next backtick run of exactly n from i, or -1.
func closingRun(s []byte, i, n int) int {
	for i < len(s) {
		if s[i] != '`' {
			i++
			continue
		}
		m := runLen(s, i, '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}
