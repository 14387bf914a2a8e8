package dialect

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Code included from a file of the repository, in Learn's two spellings:
//
//	:::code language="csharp" source="snippets/Program.cs" range="3-10" highlight="2" id="snippet_1" interactive="try-dotnet":::
//	[!code-csharp[](snippets/Program.cs?name=snippet_1&highlight=2)]   (also #L3-L10, #snippet_1, ?range=, ?dedent=)
//
// Both become a CodeInclude block. The file is read through the Env when
// rendering (once per build, by the build), the lines are picked
// (snippet.go) and the block is rendered and highlighted like a fenced one.

// CodeSpec is what a code include asks for.
type CodeSpec struct {
	Language    string // as written; "" means from the file's extension
	Source      string // the path, without query or fragment
	Range       lineSet
	Name        string // a region (id= / ?name= / #name)
	Highlight   lineSet
	Interactive string
	Dedent      int // spaces to remove from each line; -1: the lines' common indentation
	Offset      int
	Notebook    bool // [!notebook-…]: Name is a Jupyter cell's metadata name
}

// CodeInclude is a :::code or [!code-…] block.
type CodeInclude struct {
	ast.BaseBlock
	CodeSpec
}

// KindCodeInclude is the node kind of code includes.
var KindCodeInclude = ast.NewNodeKind("CodeInclude")

func (n *CodeInclude) Kind() ast.NodeKind { return KindCodeInclude }
func (n *CodeInclude) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Source": n.Source}, nil)
}

// CodeFile is a code file as the Env found it.
type CodeFile struct {
	Text string
	// Remote, when Text is unavailable on purpose (the file lives in a
	// repository that is not checked out), is where a reader can see it;
	// the Env has said so in a diagnostic.
	Remote string
}

// CodeSourcer is implemented by an Env that reads code files for code
// includes; without it code includes render nothing.
type CodeSourcer interface {
	// CodeSource returns the file that path (written in doc) names, or
	// false after reporting why there is none.
	CodeSource(doc *Doc, path string, pos diag.Pos) (CodeFile, bool)
}

// interactiveKinds are the values Learn knows for interactive=.
var interactiveKinds = map[string]bool{
	"try-dotnet": true, "try-dotnet-method": true, "try-dotnet-class": true,
	"cloudshell-powershell": true, "cloudshell-bash": true,
}

// parseCodeAttrs checks a :::code token's attributes.
func parseCodeAttrs(attrText string) (CodeSpec, error) {
	s := CodeSpec{Dedent: -1}
	a, err := parseColonAttrs(attrText)
	if err != nil {
		return s, err
	}
	if err := a.onlyAttrs("language", "source", "range", "id", "highlight", "interactive"); err != nil {
		return s, err
	}
	s.Source, _ = a.get("source")
	s.Source = strings.TrimSpace(s.Source)
	if s.Source == "" {
		return s, errors.New(`source="..." is required: the path of the code file`)
	}
	s.Language, _ = a.get("language")
	s.Name, _ = a.get("id")
	if v, ok := a.get("range"); ok {
		if s.Range, err = parseLineSet(v); err != nil {
			return s, fmt.Errorf("range: %v", err)
		}
	}
	if v, ok := a.get("highlight"); ok {
		if s.Highlight, err = parseLineSet(v); err != nil {
			return s, fmt.Errorf("highlight: %v", err)
		}
	}
	if v, ok := a.get("interactive"); ok {
		if !interactiveKinds[strings.ToLower(v)] {
			return s, fmt.Errorf("interactive=%q is not one of try-dotnet, try-dotnet-method, try-dotnet-class, cloudshell-powershell, cloudshell-bash", v)
		}
		s.Interactive = strings.ToLower(v)
	}
	return s, s.check()
}

// check rejects combinations Learn rejects.
func (s CodeSpec) check() error {
	if s.Name != "" && !s.Range.empty() {
		return errors.New("give either a region (id/name) or a line range, not both")
	}
	if s.Language == "" {
		if _, ok := languageForFile(s.Source); !ok {
			return fmt.Errorf("no language given and none is known for %q; add language=\"...\"", s.Source)
		}
	}
	return nil
}

// parseCodeLink reads the target of [!code-lang[title](target)]: a path
// with ?name= / ?range= / ?highlight= / ?dedent= options and a #L3-L10 or
// #region fragment.
func parseCodeLink(lang, target string) (CodeSpec, error) {
	s := CodeSpec{Language: lang, Dedent: -1}
	p, frag, hasFrag := strings.Cut(target, "#")
	p, query, _ := strings.Cut(p, "?")
	if hasFrag {
		// A fragment may also come before the query (#L1-L3?highlight=2).
		if f, q, ok := strings.Cut(frag, "?"); ok {
			frag = f
			if query != "" {
				query += "&"
			}
			query += q
		}
	}
	s.Source = strings.TrimSpace(p)
	if s.Source == "" {
		return s, errors.New("the code link has no path")
	}
	if hasFrag && frag != "" {
		if r, ok := fragmentRange(frag); ok {
			s.Range = r
		} else {
			s.Name = frag
		}
	}
	start, end := 0, 0 // DocFX's older ?start=&end= form of a range
	if query != "" {
		vals, err := url.ParseQuery(query)
		if err != nil {
			return s, fmt.Errorf("the options ?%s cannot be read: %v", query, err)
		}
		keys := make([]string, 0, len(vals))
		for k := range vals {
			keys = append(keys, k)
		}
		sortStrings(keys)
		for _, k := range keys {
			v := vals.Get(k)
			switch strings.ToLower(k) {
			case "name":
				if s.Name == "" { // a #region fragment wins, as in DocFX
					s.Name = v
				}
			case "range":
				if s.Range, err = parseLineSet(v); err != nil {
					return s, fmt.Errorf("range: %v", err)
				}
			case "start", "end":
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 {
					return s, fmt.Errorf("%s=%q is not a line number", k, v)
				}
				if strings.EqualFold(k, "start") {
					start = n
				} else {
					end = n
				}
			case "highlight":
				if s.Highlight, err = parseLineSet(v); err != nil {
					return s, fmt.Errorf("highlight: %v", err)
				}
			case "dedent":
				n, err := strconv.Atoi(v)
				if err != nil {
					return s, fmt.Errorf("dedent=%q is not a number of spaces", v)
				}
				if n < 0 {
					n = -1 // as DocFX: below zero, the lines' common indentation
				}
				s.Dedent = n
			default:
				return s, fmt.Errorf("unknown option %q (known: name, range, start, end, highlight, dedent)", k)
			}
		}
	}
	if s.Range.empty() && (start > 0 || end > 0) {
		if start == 0 {
			start = 1
		}
		if end != 0 && end < start {
			return s, fmt.Errorf("end=%d is before start=%d", end, start)
		}
		s.Range = lineSet{spans: [][2]int{{start, end}}}
	}
	// DocFX takes a region before a range when a link gives both.
	if s.Name != "" {
		s.Range = lineSet{}
	}
	return s, s.check()
}

// fragmentRange reads #L3-L10, #L3 or #L3-10.
func fragmentRange(frag string) (lineSet, bool) {
	if len(frag) < 2 || (frag[0] != 'L' && frag[0] != 'l') {
		return lineSet{}, false
	}
	from, to, isRange := strings.Cut(frag[1:], "-")
	to = strings.TrimPrefix(strings.TrimPrefix(to, "L"), "l")
	a, err := strconv.Atoi(from)
	if err != nil || a < 1 {
		return lineSet{}, false
	}
	b := a
	if isRange {
		if b, err = strconv.Atoi(to); err != nil || b < a {
			return lineSet{}, false
		}
	}
	return lineSet{spans: [][2]int{{a, b}}}, true
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// scanCodeLink reads `[!code-lang[title](target)]` (or `[!code[title](target)]`)
// at the start of s.
func scanCodeLink(s []byte) (lang, target string, ok bool) {
	return scanSnippetLink(s, "[!code")
}

// scanNotebookLink reads `[!notebook-lang[title](file.ipynb?name=cell)]`.
func scanNotebookLink(s []byte) (lang, target string, ok bool) {
	return scanSnippetLink(s, "[!notebook")
}

func scanSnippetLink(s []byte, kw string) (lang, target string, ok bool) {
	if len(s) < len(kw) || !strings.EqualFold(string(s[:len(kw)]), kw) {
		return "", "", false
	}
	i := len(kw)
	if i < len(s) && s[i] == '-' {
		j := i + 1
		for j < len(s) && s[j] != '[' && s[j] != ' ' && s[j] != '\n' {
			j++
		}
		lang = string(s[i+1 : j])
		i = j
	}
	if i >= len(s) || s[i] != '[' {
		return "", "", false
	}
	e := bytes.Index(s[i:], []byte("]("))
	if e < 0 {
		return "", "", false
	}
	k := i + e + 2
	end := bytes.LastIndex(s, []byte(")]"))
	if end < k {
		return "", "", false
	}
	target = strings.TrimSpace(string(s[k:end]))
	// A link title ("...") after the path is allowed and ignored.
	if sp := strings.IndexAny(target, " \t"); sp >= 0 {
		target = target[:sp]
	}
	target = strings.TrimSuffix(strings.TrimPrefix(target, "<"), ">")
	return lang, target, strings.TrimSpace(string(s[end+2:])) == ""
}

type codeIncludeParser struct{}

func (codeIncludeParser) Trigger() []byte { return []byte{':', '['} }

func (codeIncludeParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	indent := 0
	for indent < len(line) && indent < 4 && line[indent] == ' ' {
		indent++
	}
	if indent > 3 {
		return nil, parser.NoChildren
	}
	body := bytes.TrimRight(line[indent:], "\r\n")
	var spec CodeSpec
	var err error
	switch body[0] {
	case '[':
		lang, target, ok := scanCodeLink(body)
		notebook := false
		if !ok {
			if lang, target, ok = scanNotebookLink(body); !ok {
				return nil, parser.NoChildren
			}
			notebook = true
		}
		spec, err = parseCodeLink(lang, target)
		spec.Notebook = notebook
		if notebook && err == nil && spec.Name == "" {
			err = errors.New("a notebook link names its cell with ?name=")
		}
	default:
		rest, _, colons, ok := colonToken(body, "code", 0)
		if !ok || colons != 3 {
			return nil, parser.NoChildren
		}
		rest = bytes.TrimRight(rest, " \t")
		if !bytes.HasSuffix(rest, []byte(":::")) {
			report(pc, seg.Start+indent, diag.Error, "invalid-code", "the :::code token has no closing ':::' on its line; the token is shown as text")
			return nil, parser.NoChildren
		}
		spec, err = parseCodeAttrs(string(rest[:len(rest)-3]))
	}
	if err != nil {
		report(pc, seg.Start+indent, diag.Error, "invalid-code", err.Error()+"; the token is shown as text")
		return nil, parser.NoChildren
	}
	spec.Offset = seg.Start + indent
	advanceLine(reader, line)
	return &CodeInclude{CodeSpec: spec}, parser.NoChildren
}

func (codeIncludeParser) Continue(ast.Node, text.Reader, parser.Context) parser.State {
	return parser.Close
}
func (codeIncludeParser) Close(ast.Node, text.Reader, parser.Context) {}
func (codeIncludeParser) CanInterruptParagraph() bool                 { return true }
func (codeIncludeParser) CanAcceptIndentedLine() bool                 { return false }

type codeIncludeExt struct{}

func (codeIncludeExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithBlockParsers(util.Prioritized(codeIncludeParser{}, 89)))
}

// RenderFuncs: code includes are rendered by codeBlockExt's renderer,
// which holds the build's highlight cache.
func (codeIncludeExt) RenderFuncs(*State) []util.PrioritizedValue { return nil }

// invalidCode is an invalid-code error located at a fenced block.
func invalidCode(doc *Doc, fc *ast.FencedCodeBlock, err error) diag.Diagnostic {
	return diag.Diagnostic{Pos: fencePos(doc, fc), Severity: diag.Error, Code: "invalid-code", Message: "highlight: " + err.Error()}
}

// fencePos is where a fenced block's diagnostics point: its info string,
// or its first line when it has none.
func fencePos(doc *Doc, fc *ast.FencedCodeBlock) diag.Pos {
	off := 0
	if fc.Info != nil {
		off = fc.Info.Segment.Start
	} else if fc.Lines().Len() > 0 {
		off = fc.Lines().At(0).Start
	}
	return doc.Pos(off)
}

// include renders a CodeInclude: the file's lines that the spec picks.
func (r codeBlockRenderer) include(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	c := n.(*CodeInclude)
	cur := r.st.Current()
	cs, ok := r.st.Env.(CodeSourcer)
	if cur == nil || !ok {
		return ast.WalkSkipChildren, nil
	}
	pos := cur.Pos(c.Offset)
	f, ok := cs.CodeSource(cur, c.Source, pos)
	if !ok {
		return ast.WalkSkipChildren, nil
	}
	name, extra := interactiveLanguage(c.Language)
	lang := lookupLanguage(name)
	if name == "" {
		lang, _ = languageForFile(c.Source)
	}
	if f.Remote != "" && f.Text == "" {
		href := f.Remote
		if sp := c.Range.spans; len(sp) == 1 && sp[0][1] != 0 && strings.Contains(href, "github.com/") && !strings.Contains(href, "#") {
			href += fmt.Sprintf("#L%d-L%d", sp[0][0], sp[0][1]) // GitHub marks the lines shown
		}
		r.remote(w, lang, href)
		return ast.WalkSkipChildren, nil
	}
	var code string
	var err error
	if c.Notebook {
		if code, err = notebookCell(f.Text, c.Name); err != nil {
			// As DocFX: the warning, and an empty block where the cell
			// would be.
			r.st.Env.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "invalid-code",
				Message: fmt.Sprintf("%s: %v; the code block is empty", c.Source, err)})
			r.write(w, lang, "", lineSet{}, "")
			return ast.WalkSkipChildren, nil
		}
	} else {
		code, err = pickLines(f.Text, c.CodeSpec)
	}
	if err != nil {
		r.st.Env.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "invalid-code",
			Message: fmt.Sprintf("%s: %v; the code block is left out", c.Source, err)})
		return ast.WalkSkipChildren, nil
	}
	if c.Interactive != "" {
		// As DocFX: the language to run, and how (try-dotnet, cloudshell-…).
		run := strings.ToLower(name)
		if run == "" {
			run = lang.Name
		}
		extra = ` data-interactive="` + string(util.EscapeHTML([]byte(run))) + `" data-interactive-mode="` + c.Interactive + `"`
	}
	if r.write(w, lang, code, c.Highlight, extra) {
		r.st.Env.Report(slowCode(pos, lang))
	}
	return ast.WalkSkipChildren, nil
}

// remote writes, in place of code that lives in a repository that is not
// checked out, a link to it.
func (r codeBlockRenderer) remote(w util.BufWriter, l language, href string) {
	_, _ = w.WriteString(`<p class="code-remote">`)
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML([]byte(Phrase(r.st.Locale, "code-remote"))))
	if l.Label != "" {
		_, _ = w.WriteString(" (")
		_, _ = w.Write(util.EscapeHTML([]byte(l.Label)))
		_, _ = w.WriteString(")")
	}
	_, _ = w.WriteString("</a></p>\n")
}

// notebookCell returns the source of the Jupyter notebook cell whose
// metadata names it, as DocFX shows a [!notebook-…] link.
func notebookCell(text, name string) (string, error) {
	var nb struct {
		Cells []struct {
			Metadata struct {
				Name string `json:"name"`
			} `json:"metadata"`
			Source json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal([]byte(text), &nb); err != nil {
		return "", fmt.Errorf("not a Jupyter notebook: %v", err)
	}
	found := -1
	for i, c := range nb.Cells {
		if c.Metadata.Name != name {
			continue
		}
		if found >= 0 {
			return "", fmt.Errorf("more than one cell is named %q", name)
		}
		found = i
	}
	if found < 0 {
		return "", fmt.Errorf("no cell has metadata name %q", name)
	}
	src := nb.Cells[found].Source
	var lines []string
	if err := json.Unmarshal(src, &lines); err != nil {
		var one string
		if err := json.Unmarshal(src, &one); err != nil {
			return "", fmt.Errorf("cell %q has no source text", name)
		}
		lines = []string{one}
	}
	return strings.Join(lines, ""), nil
}

func init() {
	AddPhrases("en", map[string]string{"code-remote": "See the code sample"})
	AddPhrases("nl", map[string]string{"code-remote": "Bekijk het codevoorbeeld"})
}
