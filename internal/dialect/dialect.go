// Package dialect parses the Learn (DocFX-flavoured) Markdown dialect with
// goldmark. Each construct is a goldmark extension in its own file: a node
// kind, its block or inline parser or AST transformer, and its renderer.
//
// A page is parsed once per build (Parse) and rendered once per cloud
// (Renderer with a State naming the moniker): moniker zones, links and
// includes are decided at render time, the expensive parse is shared.
package dialect

import (
	"bytes"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Dialect is a configured parser. It is safe for concurrent use.
type Dialect struct {
	md        goldmark.Markdown
	catalog   *moniker.Catalog
	extenders []Extender
	// inline reads files included inline: paragraphs only, every inline
	// construct (DocFX's inline-only pipeline).
	inline parser.Parser
}

// Extender adds a construct to the dialect: parsers and transformers to the
// parser, node renderers to every Renderer.
type Extender interface {
	ExtendParser(p parser.Parser)
	RenderFuncs(st *State) []util.PrioritizedValue
}

// New builds the dialect for a site whose monikers are cat.
func New(cat *moniker.Catalog) *Dialect {
	d := &Dialect{catalog: cat}
	d.md = goldmark.New(
		goldmark.WithExtensions(extension.Linkify),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
	d.extenders = builtins(d)
	d.inline = parser.NewParser(
		parser.WithBlockParsers(util.Prioritized(parser.NewParagraphParser(), 1000)),
		parser.WithInlineParsers(append(parser.DefaultInlineParsers(), util.Prioritized(extension.NewLinkifyParser(), 999))...),
	)
	for _, e := range d.extenders {
		e.ExtendParser(d.md.Parser())
		e.ExtendParser(inlineOnly{d.inline})
	}
	return d
}

// inlineOnly is a parser that takes only inline parsers and AST
// transformers from the options extensions add.
type inlineOnly struct{ p parser.Parser }

func (p inlineOnly) AddOptions(opts ...parser.Option) {
	for _, o := range opts {
		c := parser.NewConfig()
		o.SetParserOption(c)
		if len(c.BlockParsers) == 0 && len(c.ParagraphTransformers) == 0 {
			p.p.AddOptions(o)
		}
	}
}

func (p inlineOnly) AddOption(o parser.Option) { p.AddOptions(o) }
func (p inlineOnly) Parse(r text.Reader, opts ...parser.ParseOption) ast.Node {
	return p.p.Parse(r, opts...)
}

// inlineAST is doc read as an inline include reads it, parsed once.
func (d *Dialect) inlineAST(doc *Doc) ast.Node {
	doc.inlineOnce.Do(func() {
		pc := parser.NewContext()
		pc.Set(docKey, doc)
		doc.inlineRoot = d.inline.Parse(text.NewReader(doc.Source), parser.WithContext(pc))
	})
	return doc.inlineRoot
}

// Catalog is the site's monikers.
func (d *Dialect) Catalog() *moniker.Catalog { return d.catalog }

// Doc is one parsed source file: a page or an include.
type Doc struct {
	Rel    string // path relative to the locale folder
	File   string // path as diagnostics show it
	Source []byte
	AST    ast.Node
	// BodyLine is the file line on which Source starts (after front matter).
	BodyLine int
	// Diags are the problems found while parsing (not rendering).
	Diags []diag.Diagnostic
	// Headings in document order, with the zones they live in.
	Headings []Heading
	// Includes are the block includes in document order, with the zones
	// they live in: the headings of an included file are the page's too.
	Includes   []IncludeAt
	lineStarts []int32 // offsets where lines start; nil once released
	linesOnce  sync.Once
	inlineRoot ast.Node
	inlineOnce sync.Once
}

// IncludeAt is a block include of a Doc.
type IncludeAt struct {
	Path   string
	Zone   moniker.Set
	Offset int
}

// Heading is a heading's id and text, for bookmarks and "In this article".
type Heading struct {
	ID    string
	Level int
	Text  string
	// Zone is the moniker set of the zone holding the heading; 0 when it is
	// outside every zone (present in every cloud).
	Zone moniker.Set
	// Explicit is set for ids written as <a name="..."> in the heading.
	Explicit bool
	Offset   int
}

// Pos maps a byte offset in Source to a file position.
func (doc *Doc) Pos(offset int) diag.Pos {
	// Pages and includes are rendered by several workers at once (an
	// include in many pages, a page and its fallback copies): the line
	// index is built once. It is 4 bytes a line: on a large docset the
	// indexes of pages not yet released add up to megabytes.
	doc.linesOnce.Do(func() {
		starts := make([]int32, 1, 1+bytes.Count(doc.Source, []byte{'\n'}))
		for i, c := range doc.Source {
			if c == '\n' {
				starts = append(starts, int32(i+1))
			}
		}
		doc.lineStarts = starts
	})
	if len(doc.lineStarts) == 0 { // released
		return diag.Pos{File: doc.File, Line: doc.BodyLine, Col: 1}
	}
	i := sort.Search(len(doc.lineStarts), func(i int) bool { return int(doc.lineStarts[i]) > offset }) - 1
	if i < 0 {
		i = 0
	}
	start := int(doc.lineStarts[i])
	col := 1 + utf8.RuneCount(doc.Source[start:max(start, min(offset, len(doc.Source)))])
	return diag.Pos{File: doc.File, Line: doc.BodyLine + i, Col: col}
}

// Release drops what only rendering needs, the syntax tree, the source and
// its line index, once the Doc's last render is done; Headings, Includes
// and Diags stay (other pages check their bookmarks against them). Kept
// until the end of a build, the line indexes of a docset's pages were its
// largest parse-time leftover (9 MB live at the end of the PowerShell
// build, 1.2 million lines). A Pos asked after Release is the body's
// first line.
func (doc *Doc) Release() {
	doc.linesOnce.Do(func() {}) // no index is built from the dropped source
	doc.AST, doc.Source, doc.lineStarts = nil, nil, nil
}

// pending is a diagnostic found by a parser, located by byte offset until
// the Doc can turn offsets into lines.
type pending struct {
	offset   int
	severity diag.Severity
	code     string
	msg      string
}

var pendingKey = parser.NewContextKey()

// report records a parse-time diagnostic at a byte offset of the source.
func report(pc parser.Context, offset int, sev diag.Severity, code, msg string) {
	l, _ := pc.Get(pendingKey).(*[]pending)
	if l == nil {
		l = &[]pending{}
		pc.Set(pendingKey, l)
	}
	*l = append(*l, pending{offset, sev, code, msg})
}

// Parse parses one file's Markdown body. rel and file name it; bodyLine is
// the file line where body starts.
func (d *Dialect) Parse(rel, file string, body []byte, bodyLine int) *Doc {
	if bodyLine < 1 {
		bodyLine = 1
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	doc := &Doc{Rel: rel, File: file, Source: body, BodyLine: bodyLine}
	if code, msg, off, over := overBudget(body); over {
		// Not parsed at all: the page is reported and left empty, the rest
		// of the site builds.
		doc.Diags = []diag.Diagnostic{{Pos: doc.Pos(off), Severity: diag.Error, Code: code, Message: msg}}
		doc.AST = ast.NewDocument()
		doc.Source, doc.lineStarts = nil, []int32{0}
		return doc
	}
	if fixed, ds := validUTF8(body, doc.Pos); ds != nil {
		doc = &Doc{Rel: rel, File: file, Source: fixed, BodyLine: bodyLine, Diags: ds}
	}
	pc := parser.NewContext()
	pc.Set(docKey, doc)
	doc.AST = d.md.Parser().Parse(text.NewReader(doc.Source), parser.WithContext(pc))
	if l, _ := pc.Get(pendingKey).(*[]pending); l != nil {
		for _, p := range *l {
			doc.Diags = append(doc.Diags, diag.Diagnostic{Pos: doc.Pos(p.offset), Severity: p.severity, Code: p.code, Message: p.msg})
		}
	}
	return doc
}

var docKey = parser.NewContextKey()

// docOf returns the Doc being parsed.
func docOf(pc parser.Context) *Doc {
	d, _ := pc.Get(docKey).(*Doc)
	return d
}

// lineOffset returns the byte offset in the source of the reader's current
// position.
func lineOffset(reader text.Reader) int {
	_, seg := reader.Position()
	return seg.Start
}

// zoneOf returns the moniker set of the innermost zone holding n, or 0.
func zoneOf(n ast.Node) moniker.Set {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if z, ok := p.(*MonikerZone); ok {
			return z.Set
		}
	}
	return 0
}
