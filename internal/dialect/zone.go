package dialect

import (
	"fmt"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MonikerZone is a `::: moniker range="..."` block: content for some clouds.
type MonikerZone struct {
	ast.BaseBlock
	Range  string
	Set    moniker.Set
	Offset int // byte offset of the opening line
	colons int
	indent int
	closed bool
}

// KindMonikerZone is the node kind of MonikerZone.
var KindMonikerZone = ast.NewNodeKind("MonikerZone")

func (n *MonikerZone) Kind() ast.NodeKind { return KindMonikerZone }
func (n *MonikerZone) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Range": n.Range}, nil)
}

// zoneMarker is a nothing-rendering node left where a stray marker line was.
type zoneMarker struct{ ast.BaseBlock }

var kindZoneMarker = ast.NewNodeKind("ZoneMarker")

func (n *zoneMarker) Kind() ast.NodeKind         { return kindZoneMarker }
func (n *zoneMarker) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// markerLine describes a line that looks like a moniker marker.
type markerLine struct {
	indent int    // leading spaces
	colons int    // number of colons
	end    bool   // moniker-end
	rng    string // the range text, for an opener
	rngAt  int    // byte offset of the range text within the line
	quoted bool   // the range had both quotes
	trail  string // text after the marker
}

// parseMarker recognises `::: moniker range="x"` and `::: moniker-end`
// (case-insensitive, 3 or more colons, spaces allowed between colons and
// the keyword). It returns ok=false for any other line.
func parseMarker(line []byte) (m markerLine, ok bool) {
	s := string(line)
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	m.indent = i
	j := i
	for j < len(s) && s[j] == ':' {
		j++
	}
	m.colons = j - i
	if m.colons < 3 {
		return m, false
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	rest := s[j:]
	low := strings.ToLower(rest)
	switch {
	case strings.HasPrefix(low, "moniker-end"):
		m.end = true
		m.trail = strings.TrimSpace(rest[len("moniker-end"):])
		return m, true
	case strings.HasPrefix(low, "moniker") && len(rest) > 7 && (rest[7] == ' ' || rest[7] == '\t'):
		k := 7
		for k < len(rest) && (rest[k] == ' ' || rest[k] == '\t') {
			k++
		}
		if !strings.HasPrefix(strings.ToLower(rest[k:]), `range="`) {
			return m, false // single quotes or no quotes: not a zone (DocFX)
		}
		k += len(`range="`)
		q := strings.IndexByte(rest[k:], '"')
		m.rngAt = j + k
		if q < 0 {
			m.rng = strings.TrimRight(rest[k:], " \t\n")
			return m, true
		}
		m.quoted = true
		m.rng = rest[k : k+q]
		m.trail = strings.TrimSpace(rest[k+q+1:])
		return m, true
	}
	return m, false
}

type zoneParser struct{ d *Dialect }

func (p *zoneParser) Trigger() []byte { return []byte{':'} }

func (p *zoneParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	m, ok := parseMarker(line)
	if !ok || m.indent > 3 {
		return nil, parser.NoChildren
	}
	off := seg.Start
	if m.end {
		report(pc, off+m.indent, diag.Error, "moniker-end-without-start",
			"::: moniker-end has no open ::: moniker range block; remove it or add the opening line")
		advanceLine(reader, line)
		return &zoneMarker{}, parser.Close
	}
	if !m.quoted {
		report(pc, off+m.rngAt, diag.Warning, "invalid-moniker-range",
			`the range is missing its closing quote; the line is read as text (write range="...")`)
		return nil, parser.NoChildren
	}
	for a := parent; a != nil; a = a.Parent() {
		if _, ok := a.(*MonikerZone); ok {
			report(pc, off+m.indent, diag.Error, "moniker-zone-nested",
				"moniker blocks cannot be nested; close the outer block with ::: moniker-end first")
			advanceLine(reader, line)
			return &zoneMarker{}, parser.Close
		}
	}
	if m.trail != "" {
		report(pc, off+m.rngAt+len(m.rng)+1, diag.Warning, "moniker-marker-trailing-text",
			fmt.Sprintf("text after the range is ignored: %q", m.trail))
	}
	z := &MonikerZone{Range: m.rng, Offset: off, colons: m.colons, indent: m.indent}
	set, err := p.d.catalog.Parse(m.rng)
	var undefined []string
	if err != nil && p.d.catalog.Derived() {
		set, undefined, err = p.d.catalog.ParseLenient(m.rng)
	}
	switch {
	case err == nil && len(undefined) > 0 && set.Empty():
		report(pc, off+m.rngAt, diag.Warning, "moniker-not-defined", fmt.Sprintf(
			"range %q names no moniker of this docset (%s: defined by no moniker range of the docset, and there is no moniker definition file); the block is shown in none of its clouds",
			m.rng, strings.Join(undefined, ", ")))
	case err == nil && len(undefined) > 0:
		report(pc, off+m.rngAt, diag.Warning, "moniker-not-defined", fmt.Sprintf(
			"range %q names %s, which no moniker range of the docset defines (and there is no moniker definition file); the block is shown in the clouds it names that the docset has",
			m.rng, strings.Join(undefined, ", ")))
		z.Set = set
	case err != nil:
		at := 0
		msg := err.Error()
		if re, ok := err.(*moniker.RangeError); ok {
			at, msg = re.Offset, re.Msg
		}
		report(pc, off+m.rngAt+at, diag.Error, "moniker-range-invalid", msg+"; the block is left out of every cloud")
	case strings.TrimSpace(m.rng) == "":
		report(pc, off+m.rngAt, diag.Error, "moniker-range-empty", `the range is empty; name a cloud, e.g. range="`+p.d.catalog.Monikers()[0].Name+`"`)
	case set.Empty():
		report(pc, off+m.rngAt, diag.Error, "moniker-range-empty", fmt.Sprintf("range %q matches no moniker of this site", m.rng))
	default:
		z.Set = set
	}
	advanceLine(reader, line)
	return z, parser.HasChildren
}

func (p *zoneParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	z, ok := node.(*MonikerZone)
	if !ok { // a stray marker line: nothing more to read
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if m, ok := parseMarker(line); ok && m.end && m.colons == z.colons {
		if m.trail != "" {
			report(pc, seg.Start, diag.Warning, "moniker-marker-trailing-text", fmt.Sprintf("text after moniker-end is ignored: %q", m.trail))
		}
		z.closed = true
		advanceLine(reader, line)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (p *zoneParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if z, ok := node.(*MonikerZone); ok && !z.closed {
		report(pc, z.Offset+z.indent, diag.Error, "moniker-zone-unclosed",
			fmt.Sprintf("moniker block %q has no ::: moniker-end; it runs to the end of its container", z.Range))
	}
}

func (p *zoneParser) CanInterruptParagraph() bool { return true }
func (p *zoneParser) CanAcceptIndentedLine() bool { return false }

type zoneExt struct{ d *Dialect }

func (e zoneExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithBlockParsers(util.Prioritized(&zoneParser{e.d}, 50)))
}

func (e zoneExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(zoneRenderer{st}, 100)}
}

type zoneRenderer struct{ st *State }

func (r zoneRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindMonikerZone, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		r.st.SawZone = true
		if !n.(*MonikerZone).Set.Has(r.st.Moniker) {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	reg.Register(kindZoneMarker, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		return ast.WalkSkipChildren, nil
	})
}

// advanceLine moves the reader to the end of the current line, leaving the
// line break (as goldmark's own block parsers do).
func advanceLine(reader text.Reader, line []byte) {
	n := len(line)
	if n > 0 && line[n-1] == '\n' {
		n--
	}
	reader.Advance(n)
}
