package dialect

import (
	"regexp"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The quote parser replaces goldmark's block quote parser (it runs just
// before it) because Learn gives a quote whose first line is a `[!...]`
// marker its own meaning: an alert (alert.go), a section div (div.go) or a
// video (video.go). It also splits a quote where a later line holds a
// marker, so `> [!NOTE]` … `> [!TIP]` gives two sibling blocks. Every
// other quote is an ordinary *ast.Blockquote.

// quoteMarker is a `[!...]` marker at the start of a quote line.
type quoteMarker struct {
	kind  string // "alert", "div" or "video"
	arg   string // alert type (lower case), div attribute text, or video URL
	tick  bool   // the div attributes were in backticks
	bad   string // why the div attributes were not readable
	trail string // text after the closing ']'
	end   int    // offset just past ']' in the line
}

var (
	alertTypes = map[string]bool{"note": true, "tip": true, "important": true, "caution": true, "warning": true}
	guidRE     = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// scanQuoteMarker recognises a marker at the start of s (the quote line
// after `>` and one optional space). Include tokens and unknown words are
// not markers.
func scanQuoteMarker(s string) (m quoteMarker, ok bool) {
	if !strings.HasPrefix(s, "[!") {
		return m, false
	}
	body := s[2:]
	word := body
	if i := strings.IndexAny(body, " \t]`"); i >= 0 {
		word = body[:i]
	} else {
		return m, false
	}
	lw := strings.ToLower(word)
	rest := body[len(word):]
	off := 2 + len(word)
	switch {
	case alertTypes[lw] && strings.HasPrefix(rest, "]"):
		m.kind, m.arg, m.end = "alert", lw, off+1
	case lw == "div":
		if !scanDivArgs(&m, rest, off) {
			return m, false
		}
	case lw == "video":
		if !strings.HasPrefix(rest, " ") {
			return m, false
		}
		e := strings.IndexByte(rest, ']')
		if e < 0 {
			return m, false
		}
		u := strings.TrimSpace(rest[1:e])
		lu := strings.ToLower(u)
		if !strings.HasPrefix(lu, "http://") && !strings.HasPrefix(lu, "https://") && !guidRE.MatchString(u) {
			return m, false
		}
		m.kind, m.arg, m.end = "video", u, off+e+1
	default:
		return m, false
	}
	m.trail = strings.TrimSpace(s[m.end:])
	return m, true
}

// scanDivArgs reads the attribute text of `[!div ...]`, raw or in
// backticks, up to the closing ']' (quoted values may hold ']').
func scanDivArgs(m *quoteMarker, rest string, off int) bool {
	m.kind = "div"
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == '\t') {
		i++
	}
	if i < len(rest) && rest[i] == '`' {
		e := strings.IndexByte(rest[i+1:], '`')
		if e < 0 {
			// Unbalanced backtick: no attributes (DocFX), up to ']'.
			c := strings.IndexByte(rest, ']')
			if c < 0 {
				return false
			}
			m.bad = "the attributes have an opening backtick but no closing one"
			m.end = off + c + 1
			return true
		}
		m.arg, m.tick = rest[i+1:i+1+e], true
		j := i + 1 + e + 1
		for j < len(rest) && (rest[j] == ' ' || rest[j] == '\t') {
			j++
		}
		if j >= len(rest) || rest[j] != ']' {
			return false
		}
		m.end = off + j + 1
		return true
	}
	var quote byte
	for j := i; j < len(rest); j++ {
		c := rest[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ']':
			m.arg = strings.TrimSpace(rest[i:j])
			m.end = off + j + 1
			return true
		case c == '\n':
			return false
		}
	}
	return false
}

// quotePrefix reports whether the reader's line starts with a quote marker
// (up to 3 spaces, then '>'), and where the text after it begins.
func quotePrefix(reader text.Reader) (pos int, ok bool) {
	line, _ := reader.PeekLine()
	w, pos := util.IndentWidth(line, reader.LineOffset())
	if w > 3 || pos >= len(line) || line[pos] != '>' {
		return 0, false
	}
	return pos, true
}

// advanceQuote consumes the quote marker and one optional space, as
// goldmark's block quote parser does (a tab counts as its columns).
func advanceQuote(reader text.Reader, pos int) {
	line, _ := reader.PeekLine()
	pos++
	reader.Advance(pos)
	if pos >= len(line) || line[pos] == '\n' {
		return
	}
	if line[pos] == ' ' || line[pos] == '\t' {
		padding := 0
		if line[pos] == '\t' {
			padding = util.TabWidth(reader.LineOffset()) - 1
		}
		reader.AdvanceAndSetPadding(1, padding)
	}
}

// markerAfterPrefix returns the marker on a quote line, if any, without
// moving the reader.
func markerAfterPrefix(reader text.Reader, pos int) (quoteMarker, bool) {
	line, _ := reader.PeekLine()
	rest := line[pos+1:]
	if len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
		rest = rest[1:]
	}
	return scanQuoteMarker(strings.TrimRight(string(rest), "\r\n"))
}

type quoteParser struct{}

func (quoteParser) Trigger() []byte { return []byte{'>'} }

func (quoteParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	pos, ok := quotePrefix(reader)
	if !ok {
		return nil, parser.NoChildren
	}
	advanceQuote(reader, pos)
	line, seg := reader.PeekLine()
	m, ok := scanQuoteMarker(strings.TrimRight(string(line), "\r\n"))
	if !ok {
		return ast.NewBlockquote(), parser.HasChildren
	}
	if m.trail != "" {
		at := m.end + len(line[m.end:]) - len(strings.TrimLeft(string(line[m.end:]), " \t"))
		report(pc, seg.Start+at, diag.Warning, "invalid-note-section",
			"text after the [!...] marker makes this an ordinary block quote; move the text to the next line")
		return ast.NewBlockquote(), parser.HasChildren
	}
	advanceLine(reader, line)
	switch m.kind {
	case "alert":
		return &Alert{Variant: m.arg}, parser.HasChildren
	case "video":
		return &Video{URL: m.arg}, parser.NoChildren
	}
	return newDiv(m, seg.Start, pc), parser.HasChildren
}

func (quoteParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if _, ok := node.(*Video); ok {
		return parser.Close // a video is always one line
	}
	pos, ok := quotePrefix(reader)
	if !ok {
		return parser.Close // lazy continuation is goldmark's business
	}
	if m, ok := markerAfterPrefix(reader, pos); ok {
		if m.trail == "" {
			return parser.Close // a new marker starts a sibling block
		}
		_, seg := reader.PeekLine()
		report(pc, seg.Start+pos, diag.Warning, "invalid-note-section",
			"text after the [!...] marker makes it part of the block quote above; move the text to the next line")
	}
	advanceQuote(reader, pos)
	return parser.Continue | parser.HasChildren
}

func (quoteParser) Close(ast.Node, text.Reader, parser.Context) {}
func (quoteParser) CanInterruptParagraph() bool                 { return true }
func (quoteParser) CanAcceptIndentedLine() bool                 { return false }

// quoteExt registers the quote parser and the alert, div and video
// renderers.
type quoteExt struct{}

func (quoteExt) ExtendParser(p parser.Parser) {
	p.AddOptions(
		parser.WithBlockParsers(util.Prioritized(quoteParser{}, 799)),
		parser.WithASTTransformers(util.Prioritized(actionLinks{}, 450)),
	)
}

func (quoteExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(alertRenderer{st}, 100),
		util.Prioritized(divRenderer{st}, 100),
		util.Prioritized(videoRenderer{st}, 100),
	}
}
