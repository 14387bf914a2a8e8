package dialect

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// `::: zone pivot="windows,linux"` … `::: zone-end` is content for some
// choices of a page's pivot picker (or, with target=, for some outputs).
// All zones are written to the page; the site script shows the chosen
// pivot, and without script every zone stays visible.

// PivotZone is a `::: zone` block.
type PivotZone struct {
	ast.BaseBlock
	Pivots []string
	Target string
	Offset int
	closed bool
}

// KindPivotZone is the node kind of PivotZone.
var KindPivotZone = ast.NewNodeKind("PivotZone")

func (n *PivotZone) Kind() ast.NodeKind { return KindPivotZone }
func (n *PivotZone) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Pivots": strings.Join(n.Pivots, " "), "Target": n.Target}, nil)
}

var pivotIDRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// parsePivotZone checks a zone opener's attributes.
func parsePivotZone(attrText string) (*PivotZone, error) {
	a, err := parseColonAttrs(attrText)
	if err != nil {
		return nil, err
	}
	if err := a.onlyAttrs("pivot", "target"); err != nil {
		return nil, err
	}
	z := &PivotZone{}
	pv, hasPivot := a.get("pivot")
	z.Target, _ = a.get("target")
	if !hasPivot && z.Target == "" {
		return nil, fmt.Errorf(`a zone needs pivot="..." or target="..."`)
	}
	switch z.Target {
	case "", "docs", "chromeless":
	case "pdf":
		if hasPivot {
			return nil, fmt.Errorf("pivot is not permitted on the pdf target")
		}
	default:
		return nil, fmt.Errorf(`target must be "docs", "chromeless" or "pdf", not %q`, z.Target)
	}
	if hasPivot {
		for _, p := range strings.Split(pv, ",") {
			p = strings.TrimSpace(p)
			if !pivotIDRE.MatchString(p) {
				return nil, fmt.Errorf("pivot id %q must be lower-case letters, digits and '-'", p)
			}
			z.Pivots = append(z.Pivots, p)
		}
	}
	return z, nil
}

// skippedZoneKey counts reported openers whose ::: zone-end is still to
// come, so that end is shown as text without a second error.
var skippedZoneKey = parser.NewContextKey()

func skipZoneEnd(pc parser.Context) {
	n, _ := pc.Get(skippedZoneKey).(int)
	pc.Set(skippedZoneKey, n+1)
}

type pivotParser struct{}

func (pivotParser) Trigger() []byte { return []byte{':'} }

func (pivotParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	off := seg.Start
	if _, _, colons, ok := colonToken(line, "zone-end", 3); ok && colons == 3 {
		if n, _ := pc.Get(skippedZoneKey).(int); n > 0 {
			// The end of a zone whose opener was already reported: text,
			// like its opener (as DocFX shows both), with no second error.
			pc.Set(skippedZoneKey, n-1)
			return nil, parser.NoChildren
		}
		report(pc, off, diag.Error, "invalid-zone", "::: zone-end has no open ::: zone; the line is shown as text")
		return nil, parser.NoChildren
	}
	rest, indent, colons, ok := colonToken(line, "zone", 3)
	if !ok || colons != 3 || len(rest) == 0 || rest[0] == ':' {
		return nil, parser.NoChildren
	}
	off += indent
	z, err := parsePivotZone(strings.TrimSpace(string(rest)))
	if err != nil {
		report(pc, off, diag.Error, "invalid-zone", err.Error()+"; the line is shown as text")
		skipZoneEnd(pc)
		return nil, parser.NoChildren
	}
	for a := parent; a != nil; a = a.Parent() {
		if _, ok := a.(*PivotZone); ok {
			report(pc, off, diag.Error, "invalid-zone", "zones cannot be nested; close the outer zone with ::: zone-end first")
			skipZoneEnd(pc)
			advanceLine(reader, line)
			return &zoneMarker{}, parser.Close
		}
	}
	z.Offset = off
	advanceLine(reader, line)
	return z, parser.HasChildren
}

func (pivotParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	z, ok := node.(*PivotZone)
	if !ok {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	rest, _, colons, ok := colonToken(line, "zone-end", -1)
	if ok && colons == 3 {
		if t := strings.TrimSpace(string(rest)); t != "" {
			report(pc, seg.Start, diag.Warning, "invalid-zone", fmt.Sprintf("text after ::: zone-end is ignored: %q", t))
		}
		z.closed = true
		advanceLine(reader, line)
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (pivotParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if z, ok := node.(*PivotZone); ok && !z.closed {
		if _, inMoniker := z.Parent().(*MonikerZone); inMoniker {
			return // ::: moniker-end closes the zones inside it, as in DocFX
		}
		report(pc, z.Offset, diag.Warning, "invalid-zone", "the zone has no ::: zone-end; it runs to the end of its container")
	}
}

func (pivotParser) CanInterruptParagraph() bool { return true }
func (pivotParser) CanAcceptIndentedLine() bool { return false }

type pivotExt struct{}

func (pivotExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithBlockParsers(util.Prioritized(pivotParser{}, 51)))
}

func (pivotExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(pivotRenderer{}, 100)}
}

type pivotRenderer struct{}

func (pivotRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindPivotZone, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		z := n.(*PivotZone)
		cls := "zone"
		if len(z.Pivots) > 0 {
			cls += " has-pivot"
		}
		if z.Target != "" {
			cls += " has-target"
		}
		_, _ = w.WriteString(`<div class="` + cls + `"`)
		if len(z.Pivots) > 0 {
			_, _ = w.WriteString(` data-pivot="` + strings.Join(z.Pivots, " ") + `"`)
		}
		if z.Target != "" {
			_, _ = w.WriteString(` data-target="` + z.Target + `"`)
		}
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
}
