package dialect

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Fenced and indented code blocks are rendered by the dialect itself: the
// code is highlighted at build time (highlight.go), a header names the
// language, and the script adds a copy button to that header (without
// JavaScript there is no button, and the code is still selectable). A
// fenced block's info string may mark lines as Learn's :::code does:
// ```powershell highlight="2,4-5"

func init() {
	AddPhrases("en", map[string]string{"code-copy": "Copy", "code-copied": "Copied", "code-copy-failed": "Copy failed", "code-label": "Code"})
	AddPhrases("nl", map[string]string{"code-copy": "Kopiëren", "code-copied": "Gekopieerd", "code-copy-failed": "Kopiëren mislukt", "code-label": "Code"})
}

// lineSet is a set of 1-based line numbers written as "1,3-5" (an open
// range "7-" runs to the end).
type lineSet struct {
	spans [][2]int // inclusive; 0 as the end means "to the last line"
}

// parseLineSet reads a line list; the error says what is wrong.
func parseLineSet(s string) (lineSet, error) {
	var ls lineSet
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		from, to, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimSpace(from))
		if err != nil || a < 1 {
			return ls, fmt.Errorf("%q is not a line number or a range such as 3-10", part)
		}
		b := a
		if isRange {
			if strings.TrimSpace(to) == "" {
				b = 0
			} else if b, err = strconv.Atoi(strings.TrimSpace(to)); err != nil || b < a {
				return ls, fmt.Errorf("%q is not a range from a line to a later one", part)
			}
		}
		ls.spans = append(ls.spans, [2]int{a, b})
	}
	if len(ls.spans) == 0 {
		return ls, fmt.Errorf("%q names no lines", s)
	}
	return ls, nil
}

func (ls lineSet) empty() bool { return len(ls.spans) == 0 }

func (ls lineSet) has(n int) bool {
	for _, s := range ls.spans {
		if n >= s[0] && (s[1] == 0 || n <= s[1]) {
			return true
		}
	}
	return false
}

func (ls lineSet) String() string {
	parts := make([]string, len(ls.spans))
	for i, s := range ls.spans {
		switch {
		case s[0] == s[1]:
			parts[i] = strconv.Itoa(s[0])
		case s[1] == 0:
			parts[i] = strconv.Itoa(s[0]) + "-"
		default:
			parts[i] = strconv.Itoa(s[0]) + "-" + strconv.Itoa(s[1])
		}
	}
	return strings.Join(parts, ",")
}

// infoAttr finds name="value" (or name=value) after the language word of a
// fenced block's info string.
func infoAttr(info, name string) (string, bool) {
	rest := info
	for {
		i := strings.Index(strings.ToLower(rest), name+"=")
		if i < 0 {
			return "", false
		}
		if i > 0 && rest[i-1] != ' ' && rest[i-1] != '\t' && rest[i-1] != '{' && rest[i-1] != ',' {
			rest = rest[i+len(name)+1:]
			continue
		}
		v := rest[i+len(name)+1:]
		if strings.HasPrefix(v, `"`) {
			if e := strings.IndexByte(v[1:], '"'); e >= 0 {
				return v[1 : 1+e], true
			}
			return v[1:], true
		}
		if e := strings.IndexAny(v, " \t}"); e >= 0 {
			v = v[:e]
		}
		return v, true
	}
}

// codeBlockExt renders fenced and indented code blocks.
type codeBlockExt struct{ hl *highlighter }

func newCodeBlockExt() codeBlockExt { return codeBlockExt{hl: &highlighter{}} }

func (codeBlockExt) ExtendParser(parser.Parser) {}

func (e codeBlockExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(codeBlockRenderer{st, e.hl}, 100)}
}

type codeBlockRenderer struct {
	st *State
	hl *highlighter
}

func (r codeBlockRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.fenced)
	reg.Register(ast.KindCodeBlock, r.indented)
	reg.Register(KindCodeInclude, r.include)
}

func (r codeBlockRenderer) fenced(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	fc := n.(*ast.FencedCodeBlock)
	info := ""
	if fc.Info != nil {
		info = string(fc.Info.Segment.Value(src))
	}
	word, _, _ := strings.Cut(strings.TrimSpace(info), " ")
	word = strings.TrimPrefix(strings.TrimSuffix(word, "}"), "{")
	word = strings.TrimPrefix(word, ".")
	var marks lineSet
	if v, ok := infoAttr(info, "highlight"); ok {
		if ls, err := parseLineSet(v); err == nil {
			marks = ls
		} else if cur := r.st.Current(); cur != nil && r.st.Env != nil {
			r.st.Env.Report(invalidCode(cur, fc, err))
		}
	}
	word, extra := interactiveLanguage(word)
	l := lookupLanguage(word)
	if r.write(w, l, blockText(src, n), marks, extra) {
		if cur := r.st.Current(); cur != nil && r.st.Env != nil {
			r.st.Env.Report(slowCode(fencePos(cur, fc), l))
		}
	}
	return ast.WalkSkipChildren, nil
}

// slowCode is the warning for a block that Chroma took more than
// highlightBudget to lex, shown plain.
func slowCode(pos diag.Pos, l language) diag.Diagnostic {
	return diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "code-highlight-slow",
		Message: fmt.Sprintf("highlighting this %s block took more than %v, so it is shown as plain text; a pattern of the %s lexer backtracks badly on it: split the block, or mark it as text", l.Label, highlightBudget, l.Label)}
}

func (r codeBlockRenderer) indented(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r.write(w, language{}, blockText(src, n), lineSet{}, "")
	}
	return ast.WalkSkipChildren, nil
}

// interactiveLanguage reads Learn's "csharp-interactive" form (a block a
// reader can run in the browser): the language without the suffix, and the
// data-interactive attribute DocFX writes for it.
func interactiveLanguage(word string) (string, string) {
	if len(word) > len("-interactive") && strings.EqualFold(word[len(word)-len("-interactive"):], "-interactive") {
		word = word[:len(word)-len("-interactive")]
		return word, ` data-interactive="` + string(util.EscapeHTML([]byte(strings.ToLower(word)))) + `"`
	}
	return word, ""
}

// blockText is a code block's content.
func blockText(src []byte, n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// write renders one code block: a figure-like wrapper with the language
// label, and the highlighted code (the script makes a pre that scrolls
// sideways focusable, static/ts/chrome/scrollregions.ts). extra
// holds further attributes for the wrapper, already escaped. It reports
// whether highlighting ran past highlightBudget (the code is then plain).
func (r codeBlockRenderer) write(w util.BufWriter, l language, code string, marks lineSet, extra string) (slow bool) {
	loc := r.st.Locale
	_, _ = w.WriteString(`<div class="code-block`)
	if l.Highlighted() {
		_, _ = w.WriteString(` code-highlighted`)
	}
	_, _ = w.WriteString(`"`)
	if l.Name != "" {
		_, _ = w.WriteString(` data-lang="`)
		_, _ = w.Write(util.EscapeHTML([]byte(l.Name)))
		_, _ = w.WriteString(`"`)
	}
	_, _ = w.WriteString(extra)
	_, _ = w.WriteString(` data-copy="` + Phrase(loc, "code-copy") + `" data-copied="` + Phrase(loc, "code-copied") +
		`" data-copy-failed="` + Phrase(loc, "code-copy-failed") + `">`)
	_, _ = w.WriteString(`<div class="code-header"><span class="code-lang">`)
	label := l.Label
	if label == "" {
		label = Phrase(loc, "code-label")
	}
	_, _ = w.Write(util.EscapeHTML([]byte(label)))
	_, _ = w.WriteString(`</span></div>`)
	_, _ = w.WriteString(`<pre><code`)
	if l.Name != "" {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML([]byte(l.Name)))
		_, _ = w.WriteString(`"`)
	}
	if !marks.empty() {
		_, _ = w.WriteString(` data-highlight-lines="` + marks.String() + `"`)
	}
	_, _ = w.WriteString(`>`)
	html, slow := r.hl.html(l, code, marks)
	_, _ = w.WriteString(html)
	_, _ = w.WriteString("</code></pre></div>\n")
	return slow
}
