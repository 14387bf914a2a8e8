package dialect

import (
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// gfmExt renders the GitHub constructs the dialect parses (tables and
// strikethrough): NewRenderer builds its own renderer, so the renderers
// that goldmark's extensions would have registered are added here.
type gfmExt struct{}

func (gfmExt) ExtendParser(parser.Parser) {}

func (gfmExt) RenderFuncs(*State) []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(tableCellRenderer{}, 400), // lower value wins: overrides the table renderer's cells
	}
}
