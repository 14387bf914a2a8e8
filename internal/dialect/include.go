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

// Include is an `[!INCLUDE [title](path)]` token. Block includes replace
// the token with the included file's blocks; inline ones splice in the
// inline content of its paragraphs.
type Include struct {
	ast.BaseBlock
	IncludeRef
}

// IncludeRef is what both forms of include hold.
type IncludeRef struct {
	Title  string
	Path   string
	Inline bool
	Offset int
	Length int // of the token in the source
}

// InlineInclude is the inline form (inside a paragraph).
type InlineInclude struct {
	ast.BaseInline
	IncludeRef
}

var (
	KindInclude       = ast.NewNodeKind("Include")
	KindInlineInclude = ast.NewNodeKind("InlineInclude")
)

func (n *Include) Kind() ast.NodeKind { return KindInclude }
func (n *Include) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Path": n.Path}, nil)
}
func (n *InlineInclude) Kind() ast.NodeKind { return KindInlineInclude }
func (n *InlineInclude) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Path": n.Path}, nil)
}

// scanInclude reads `[!include[title](path)]` at the start of s (optional
// `+`/`-` after "include", spaces before `[title]`), returning the token's
// length. ok is false when s does not start with an include token.
func scanInclude(s []byte) (title, path string, n int, ok bool) {
	const kw = "[!include"
	if len(s) < len(kw) || !strings.EqualFold(string(s[:len(kw)]), kw) {
		return "", "", 0, false
	}
	i := len(kw)
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	if i >= len(s) || s[i] != '[' {
		return "", "", 0, false
	}
	// title with \] escapes
	j := i + 1
	var tb strings.Builder
	for ; j < len(s) && s[j] != ']'; j++ {
		if s[j] == '\\' && j+1 < len(s) {
			j++
		}
		if s[j] == '\n' {
			return "", "", 0, false
		}
		tb.WriteByte(s[j])
	}
	if j+1 >= len(s) || s[j+1] != '(' {
		return "", "", 0, false
	}
	k := j + 2
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	start := k
	if k < len(s) && s[k] == '<' {
		e := strings.IndexByte(string(s[k:]), '>')
		if e < 0 {
			return "", "", 0, false
		}
		path = string(s[k+1 : k+e])
		k += e + 1
	} else {
		for k < len(s) && s[k] != ')' && s[k] != ' ' && s[k] != '\t' && s[k] != '\n' {
			if s[k] == '\\' && k+1 < len(s) && s[k+1] != '\n' {
				k++
			}
			k++
		}
		path = string(s[start:k])
	}
	// optional link title, then ")]"
	for k < len(s) && s[k] != ')' && s[k] != '\n' {
		k++
	}
	if k+1 >= len(s) || s[k] != ')' || s[k+1] != ']' {
		return "", "", 0, false
	}
	// Backslash escapes in the path are Markdown's: a\(1\).md names a(1).md.
	path = string(util.UnescapePunctuations([]byte(path)))
	return strings.TrimSpace(tb.String()), path, k + 2, true
}

type includeBlockParser struct{}

func (includeBlockParser) Trigger() []byte { return []byte{'['} }

func (includeBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := 0
	for pos < len(line) && pos < 4 && line[pos] == ' ' {
		pos++
	}
	if pos > 3 {
		return nil, parser.NoChildren
	}
	title, path, n, ok := scanInclude(line[pos:])
	if !ok || strings.TrimSpace(string(line[pos+n:])) != "" {
		return nil, parser.NoChildren // inline include, or not one at all
	}
	if len(line) > pos+9 && line[pos+9] == '-' {
		// [!include-[…](…)] is DocFX's inline form even on a line of its
		// own: its text joins the paragraph around it.
		return nil, parser.NoChildren
	}
	inc := &Include{IncludeRef: IncludeRef{Title: title, Path: path, Offset: seg.Start + pos, Length: n}}
	if path == "" {
		report(pc, inc.Offset, diag.Warning, "include-not-found", "the include has an empty path; write [!INCLUDE [title](path/to/file.md)]")
	}
	advanceLine(reader, line)
	return inc, parser.NoChildren
}

func (includeBlockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (includeBlockParser) Close(ast.Node, text.Reader, parser.Context) {}
func (includeBlockParser) CanInterruptParagraph() bool                 { return true }
func (includeBlockParser) CanAcceptIndentedLine() bool                 { return false }

type includeInlineParser struct{}

func (includeInlineParser) Trigger() []byte { return []byte{'['} }

func (includeInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	title, path, n, ok := scanInclude(line)
	if !ok {
		return nil
	}
	inc := &InlineInclude{IncludeRef: IncludeRef{Title: title, Path: path, Inline: true, Offset: seg.Start, Length: n}}
	if path == "" {
		report(pc, seg.Start, diag.Warning, "include-not-found", "the include has an empty path; write [!INCLUDE [title](path/to/file.md)]")
	}
	block.Advance(n)
	return inc
}

type includeExt struct{ d *Dialect }

func (includeExt) ExtendParser(p parser.Parser) {
	p.AddOptions(
		parser.WithBlockParsers(util.Prioritized(includeBlockParser{}, 90)),
		parser.WithInlineParsers(util.Prioritized(includeInlineParser{}, 150)),
	)
}

func (e includeExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(includeRenderer{st, e.d}, 100)}
}

type includeRenderer struct {
	st *State
	d  *Dialect
}

func (r includeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInclude, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkSkipChildren, r.render(w, &n.(*Include).IncludeRef)
		}
		return ast.WalkContinue, nil
	})
	reg.Register(KindInlineInclude, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkSkipChildren, r.render(w, &n.(*InlineInclude).IncludeRef)
		}
		return ast.WalkContinue, nil
	})
}

func (r includeRenderer) render(w util.BufWriter, inc *IncludeRef) error {
	st := r.st
	cur := st.Current()
	if st.Env == nil {
		return nil
	}
	if inc.Path == "" {
		return writeToken(w, cur, inc)
	}
	pos := cur.Pos(inc.Offset)
	target, ok := st.Env.Include(cur, inc.Path, pos)
	if !ok {
		return writeToken(w, cur, inc) // as DocFX: the token, as text
	}
	for _, d := range st.stack {
		if d.Rel == target.Rel {
			// As DocFX: a warning, and the repeated include is shown as
			// written; the page itself is fine.
			chain := make([]string, 0, len(st.stack)+1)
			for _, x := range st.stack {
				chain = append(chain, x.Rel)
			}
			chain = append(chain, target.Rel)
			st.Env.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "circular-reference",
				Message: fmt.Sprintf("include cycle: %s; the last include is shown as text; remove one of these includes", strings.Join(chain, " --> "))})
			// DocFX shows the repeated include in its plain form (no
			// link title, no +/-).
			kw := "[!include"
			if inc.Offset >= 0 && inc.Offset+len(kw) <= len(cur.Source) {
				// The keyword and the spaces before "[" as written.
				src := cur.Source[inc.Offset:min(inc.Offset+inc.Length, len(cur.Source))]
				kw = string(src[:len(kw)])
				rest := src[len(kw):]
				if len(rest) > 0 && (rest[0] == '+' || rest[0] == '-') {
					rest = rest[1:]
				}
				for len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t') {
					kw += string(rest[0])
					rest = rest[1:]
				}
			}
			_, _ = w.Write(util.EscapeHTML([]byte(kw + "[" + inc.Title + "](" + inc.Path + ")]")))
			if !inc.Inline {
				_ = w.WriteByte('\n')
			}
			return nil
		}
	}
	if !inc.Inline {
		return st.renderNested(w, target, target.AST)
	}
	// Inline: the file read as one run of text, as DocFX reads it: its
	// block syntax (headings, lists) stays text; paragraphs follow each
	// other with nothing between them, as DocFX writes them.
	root := r.d.inlineAST(target)
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() != ast.KindParagraph && c.Kind() != ast.KindTextBlock {
			continue
		}
		for ic := c.FirstChild(); ic != nil; ic = ic.NextSibling() {
			if err := st.renderNested(w, target, ic); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeToken shows an include that cannot be rendered as it was written.
func writeToken(w util.BufWriter, doc *Doc, inc *IncludeRef) error {
	if inc.Offset < 0 || inc.Offset+inc.Length > len(doc.Source) {
		return nil
	}
	_, _ = w.Write(util.EscapeHTML(doc.Source[inc.Offset : inc.Offset+inc.Length]))
	if !inc.Inline {
		_ = w.WriteByte('\n')
	}
	return nil
}
