package dialect

import (
	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Emoji shortcodes (`:smile:`) become the emoji character, as Learn's
// pipeline (Markdig's emoji extension without smileys) renders them. The
// GitHub shortcode table comes with goldmark-emoji; an unknown name, and
// ASCII smileys such as `:)`, stay text.

type emojiExt struct{}

func (emojiExt) ExtendParser(p parser.Parser) {
	// After the ::: inline constructs (90-92), which also start with ':'.
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(emoji.NewParser(), 700)))
}

func (emojiExt) RenderFuncs(*State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(emoji.NewHTMLRenderer(emoji.WithRenderingMethod(emoji.Unicode).(emoji.RendererOption)), 500)}
}
