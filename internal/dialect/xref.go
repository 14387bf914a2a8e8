package dialect

import (
	"bytes"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Cross references written without a Markdown link:
//
//	@uid  @'uid with space'  @"uid"     shorthand: text when nothing declares uid
//	<xref:uid>  <xref:'uid with space'> autolink: text and xref-not-found
//
// Both become a link to the page that declares the uid, with the page's
// title as the link text, as Learn renders them. An unresolved reference
// is shown as written; only the autolink form is reported, because `@` is
// common in prose (PowerShell splatting, handles) and Learn reports only
// the autolink too.

// Xref is an xref shorthand or autolink.
type Xref struct {
	ast.BaseInline
	UID    string
	Raw    string // as written, shown when the uid does not resolve
	Short  bool   // @uid: no warning when unresolved
	Offset int
}

// KindXref is the node kind of Xref.
var KindXref = ast.NewNodeKind("Xref")

func (n *Xref) Kind() ast.NodeKind { return KindXref }
func (n *Xref) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"UID": n.UID}, nil)
}

// XrefResolver is implemented by an Env that knows the site's uids.
type XrefResolver interface {
	// Xref returns the href and display text (the target's title) of uid,
	// written in doc, or ok=false; it reports xref-not-found unless quiet.
	Xref(doc *Doc, uid string, quiet bool, pos diag.Pos) (href, title string, ok bool)
}

const (
	xrefStop     = "\"'<>[]|"
	xrefContinue = ".,;:!?~"
)

type xrefShortParser struct{}

func (xrefShortParser) Trigger() []byte { return []byte{'@'} }

func (xrefShortParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// An @ inside a word is an e-mail address or a handle, not a reference.
	p := block.PrecendingCharacter()
	if p < 0x80 && (util.IsAlphaNumeric(byte(p)) || strings.ContainsRune("_.+-", p)) {
		return nil
	}
	line, seg := block.PeekLine()
	if len(line) < 2 {
		return nil
	}
	var uid string
	n := 0
	if q := line[1]; q == '\'' || q == '"' {
		end := bytes.IndexByte(line[2:], q)
		if end <= 0 || bytes.IndexByte(line[2:2+end], '\n') >= 0 {
			return nil
		}
		uid, n = string(line[2:2+end]), end+3
	} else {
		if !isASCIILetter(line[1]) {
			return nil
		}
		i := 1
		for i < len(line) {
			c := line[i]
			if util.IsSpace(c) || strings.IndexByte(xrefStop, c) >= 0 {
				break
			}
			// Assembly-qualified uids: Lib::Lib.Type.
			if c == ':' && i+2 < len(line) && line[i+1] == ':' && isASCIILetter(line[i+2]) {
				i += 2
				continue
			}
			if strings.IndexByte(xrefContinue, c) >= 0 {
				next := byte(' ')
				if i+1 < len(line) {
					next = line[i+1]
				}
				if util.IsSpace(next) || strings.IndexByte(xrefStop, next) >= 0 || strings.IndexByte(xrefContinue, next) >= 0 {
					break
				}
			}
			i++
		}
		// **@name**: the closing emphasis is not part of the uid (a
		// lone trailing * is: overload uids end with one).
		if p == '*' || p == '_' {
			for i > 2 && line[i-1] == byte(p) {
				i--
			}
		}
		uid, n = string(line[1:i]), i
	}
	block.Advance(n)
	return &Xref{UID: uid, Raw: string(line[:n]), Short: true, Offset: seg.Start}
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

type xrefAutoParser struct{}

func (xrefAutoParser) Trigger() []byte { return []byte{'<'} }

func (xrefAutoParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	const kw = "<xref:"
	if len(line) < len(kw) || !strings.EqualFold(string(line[:len(kw)]), kw) {
		return nil
	}
	i := len(kw)
	var uid string
	if i < len(line) && (line[i] == '\'' || line[i] == '"') {
		q := line[i]
		end := bytes.IndexByte(line[i+1:], q)
		if end < 0 || i+1+end+1 >= len(line) || line[i+1+end+1] != '>' {
			return nil
		}
		uid = string(line[i+1 : i+1+end])
		i += end + 3
	} else {
		end := bytes.IndexByte(line[i:], '>')
		if end < 0 {
			return nil
		}
		uid = string(line[i : i+end])
		i += end + 1
	}
	if strings.ContainsAny(uid, "\n<") {
		return nil
	}
	uid = strings.TrimSpace(uid)
	if uid == "" {
		return nil
	}
	block.Advance(i)
	return &Xref{UID: uid, Raw: string(line[:i]), Offset: seg.Start}
}

type xrefExt struct{}

func (xrefExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(
		// Before goldmark's autolinks (300): <xref:uid> is an autolink to
		// it, and <xref:'a b'> is nothing at all.
		util.Prioritized(xrefAutoParser{}, 250),
		util.Prioritized(xrefShortParser{}, 600),
	))
}

func (xrefExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(xrefRenderer{st}, 100)}
}

type xrefRenderer struct{ st *State }

func (r xrefRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindXref, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*Xref)
		href, title, ok := r.resolve(n.UID, n.Short, n.Offset)
		if !ok {
			_, _ = w.Write(util.EscapeHTML([]byte(n.Raw)))
			return ast.WalkSkipChildren, nil
		}
		if title == "" {
			title = n.UID
		}
		_, _ = w.WriteString(`<a href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
		_, _ = w.WriteString(`">`)
		_, _ = w.Write(util.EscapeHTML([]byte(title)))
		_, _ = w.WriteString(`</a>`)
		return ast.WalkSkipChildren, nil
	})
}

// resolve asks the Env for uid; without a resolving Env nothing resolves.
func (r xrefRenderer) resolve(uid string, quiet bool, offset int) (href, title string, ok bool) {
	res, isRes := r.st.Env.(XrefResolver)
	cur := r.st.Current()
	if !isRes || cur == nil {
		return "", "", false
	}
	return res.Xref(cur, uid, quiet, cur.Pos(offset))
}
