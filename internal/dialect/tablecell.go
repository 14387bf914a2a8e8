package dialect

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// tableCellRenderer writes a GFM table cell's alignment as a class
// (align-left, align-center, align-right) that the theme styles. goldmark's
// own renderer writes it as a style attribute, which a Content-Security-
// Policy without 'unsafe-inline' styles ignores, and it stores that
// attribute in the syntax tree: an include rendered in many pages gained
// one more text-align each time. This renderer only reads the tree.
type tableCellRenderer struct{}

func (tableCellRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(east.KindTableCell, renderTableCell)
}

func renderTableCell(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*east.TableCell)
	tag := "td"
	filter := extension.TableTdCellAttributeFilter
	if n.Parent() != nil && n.Parent().Kind() == east.KindTableHeader {
		tag, filter = "th", extension.TableThCellAttributeFilter
	}
	if !entering {
		_, _ = w.WriteString("</" + tag + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<" + tag)
	if n.Alignment != east.AlignNone {
		_, _ = w.WriteString(` class="align-` + n.Alignment.String() + `"`)
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, filter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
