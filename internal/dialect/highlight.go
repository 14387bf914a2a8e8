package dialect

import (
	"crypto/sha256"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/util"
)

// Code is highlighted at build time with Chroma, into spans with a few
// semantic classes (hl-k keyword, hl-s string, ...) that static/css/code.css
// colours for light and dark mode: no inline style, so the CSP holds and
// the theme follows the reader's colour scheme.

// language is what the dialect knows about a code block's language.
type language struct {
	Name  string       // the name as Learn spells it, lower-cased ("azurecli")
	Label string       // shown above the block ("Azure CLI"); "" for none
	lexer chroma.Lexer // nil: shown plain, on purpose or because unknown
	// native, when set, is a hand-written lexer used instead of Chroma's
	// for a language most blocks are written in (pwsh.go, yaml.go); one
	// that returns nil leaves the block to lexer.
	native func(code string) []token
	// Known is set for languages shown plain on purpose (output, text):
	// they are not "unknown".
	Known bool
}

// Highlighted reports whether the block gets token colours.
func (l language) Highlighted() bool { return l.lexer != nil || l.native != nil }

// token is a piece of code and its theme class ("" for plain text).
type token struct{ class, text string }

// learnLanguages maps Learn's code-block language names (and the aliases
// its Markdown reference lists) to a Chroma lexer name ("" = plain) and
// the label Learn shows. Names not listed fall back to Chroma's own names
// and aliases, labelled with the lexer's name.
var learnLanguages = map[string][2]string{
	"powershell":                  {"powershell", "PowerShell"},
	"ps":                          {"powershell", "PowerShell"},
	"ps1":                         {"powershell", "PowerShell"},
	"pwsh":                        {"powershell", "PowerShell"},
	"powershell-interactive":      {"powershell", "PowerShell"},
	"azurepowershell":             {"powershell", "Azure PowerShell"},
	"azurepowershell-interactive": {"powershell", "Azure PowerShell"},
	"azurecli":                    {"bash", "Azure CLI"},
	"azurecli-interactive":        {"bash", "Azure CLI"},
	"azcopy":                      {"bash", "AzCopy"},
	"dotnetcli":                   {"bash", ".NET CLI"},
	"bash":                        {"bash", "Bash"},
	"sh":                          {"bash", "Bash"},
	"zsh":                         {"bash", "Bash"},
	"shell":                       {"bash", "Shell"},
	"console":                     {"console", "Console"},
	"shellsession":                {"console", "Console"},
	"cmd":                         {"batchfile", "Windows Command Prompt"},
	"dos":                         {"batchfile", "DOS"},
	"bat":                         {"batchfile", "Batch"},
	"batch":                       {"batchfile", "Batch"},
	"output":                      {"", "Output"},
	"text":                        {"", "Text"},
	"txt":                         {"", "Text"},
	"plaintext":                   {"", "Plain text"},
	"syntax":                      {"", "Syntax"},
	"json":                        {"json", "JSON"},
	"jsonc":                       {"json", "JSON"},
	"yaml":                        {"yaml", "YAML"},
	"yml":                         {"yaml", "YAML"},
	"csharp":                      {"csharp", "C#"},
	"cs":                          {"csharp", "C#"},
	"c#":                          {"csharp", "C#"},
	"csharp-interactive":          {"csharp", "C#"},
	"vb":                          {"vb.net", "Visual Basic"},
	"vbnet":                       {"vb.net", "VB.NET"},
	"vbscript":                    {"vb.net", "VBScript"},
	"fsharp":                      {"fsharp", "F#"},
	"cpp":                         {"cpp", "C++"},
	"c++":                         {"cpp", "C++"},
	"cppcx":                       {"cpp", "C++/CX"},
	"cppwinrt":                    {"cpp", "C++/WinRT"},
	"c":                           {"c", "C"},
	"kusto":                       {"kusto", "Kusto"},
	"kql":                         {"kusto", "Kusto"},
	"xml":                         {"xml", "XML"},
	"xaml":                        {"xml", "XAML"},
	"html":                        {"html", "HTML"},
	"http":                        {"http", "HTTP"},
	"https":                       {"http", "HTTP"},
	"rest":                        {"http", "REST"},
	"sql":                         {"sql", "SQL"},
	"tsql":                        {"tsql", "Transact-SQL"},
	"wql":                         {"sql", "WQL"},
	"javascript":                  {"javascript", "JavaScript"},
	"js":                          {"javascript", "JavaScript"},
	"typescript":                  {"typescript", "TypeScript"},
	"ts":                          {"typescript", "TypeScript"},
	"python":                      {"python", "Python"},
	"py":                          {"python", "Python"},
	"java":                        {"java", "Java"},
	"go":                          {"go", "Go"},
	"golang":                      {"go", "Go"},
	"ruby":                        {"ruby", "Ruby"},
	"rust":                        {"rust", "Rust"},
	"php":                         {"php", "PHP"},
	"css":                         {"css", "CSS"},
	"scss":                        {"scss", "SCSS"},
	"markdown":                    {"markdown", "Markdown"},
	"md":                          {"markdown", "Markdown"},
	"dockerfile":                  {"docker", "Dockerfile"},
	"docker":                      {"docker", "Dockerfile"},
	"ini":                         {"ini", "INI"},
	"toml":                        {"toml", "TOML"},
	"terraform":                   {"terraform", "Terraform"},
	"hcl":                         {"hcl", "HCL"},
	"bicep":                       {"bicep", "Bicep"},
	"diff":                        {"diff", "Diff"},
	"patch":                       {"diff", "Diff"},
	"dax":                         {"dax", "DAX"},
	"powerquery":                  {"powerquery", "Power Query M"},
	"graphql":                     {"graphql", "GraphQL"},
	"protobuf":                    {"protobuf", "Protocol Buffers"},
	"kotlin":                      {"kotlin", "Kotlin"},
	"swift":                       {"swift", "Swift"},
	"r":                           {"r", "R"},
	"razor":                       {"razor", "Razor"},
	"cshtml":                      {"razor", "Razor"},
	"aspx":                        {"html", "ASPX"},
}

var (
	languageMu    sync.RWMutex
	languageCache = map[string]language{}
)

// lookupLanguage returns what the dialect does with a block in lang (an
// info string's first word or a :::code language attribute).
func lookupLanguage(lang string) language {
	name := strings.ToLower(strings.TrimSpace(lang))
	languageMu.RLock()
	l, ok := languageCache[name]
	languageMu.RUnlock()
	if ok {
		return l
	}
	l = resolveLanguage(name)
	languageMu.Lock()
	languageCache[name] = l
	languageMu.Unlock()
	return l
}

func resolveLanguage(name string) language {
	l := language{Name: name}
	if name == "" {
		return l
	}
	if e, ok := learnLanguages[name]; ok {
		l.Label, l.Known = e[1], true
		if e[0] == "powershell" {
			l.native = lexPowerShell
		} else if e[0] != "" {
			switch e[0] {
			case "yaml":
				l.native = lexYAMLFields // Chroma's for what it does not read
			case "csharp":
				l.native = lexCSharp // likewise
			}
			l.lexer = lexerByName(e[0])
			if l.lexer == nil && e[0] == "kusto" {
				l.lexer = steadyLexer(kustoLexer)
			}
		}
		return l
	}
	if lx := lexerByName(name); lx != nil {
		l.lexer, l.Label, l.Known = lx, lx.Config().Name, true
		return l
	}
	l.Label = name // unknown: plain, labelled as the author wrote it
	return l
}

// lexerByName finds a Chroma lexer by exact name, alias or file extension
// only: Chroma's own Get also guesses from file-name patterns, which would
// turn an unknown language into a wrong one.
func lexerByName(name string) chroma.Lexer {
	lx := lexers.Get(name)
	if lx == nil {
		return nil
	}
	cfg := lx.Config()
	ok := strings.EqualFold(cfg.Name, name)
	for _, a := range cfg.Aliases {
		ok = ok || strings.EqualFold(a, name)
	}
	for _, f := range cfg.Filenames {
		ok = ok || strings.EqualFold(f, "*."+name)
	}
	if !ok {
		return nil
	}
	return chroma.Coalesce(steadyLexer(lx))
}

// languageForFile infers a snippet's language from its file name, as
// :::code does without a language attribute.
func languageForFile(name string) (language, bool) {
	ext := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
	switch ext {
	case "":
		return language{}, false
	case "ps1", "psm1", "psd1":
		return lookupLanguage("powershell"), true
	case "cs", "csx":
		return lookupLanguage("csharp"), true
	case "vb":
		return lookupLanguage("vb"), true
	case "kql", "csl":
		return lookupLanguage("kusto"), true
	case "txt":
		return lookupLanguage("text"), true
	case "lsp", "lisp", "cl", "el":
		return lookupLanguage("lisp"), true
	}
	l := lookupLanguage(ext)
	return l, l.Known
}

// tokenClass maps a Chroma token type to one of the theme's classes ("" for
// text in the block's own colour).
func tokenClass(t chroma.TokenType) string {
	switch {
	case t == chroma.GenericPrompt:
		return "hl-p"
	case t == chroma.GenericOutput:
		return "hl-out"
	case t == chroma.GenericDeleted:
		return "hl-del"
	case t == chroma.GenericInserted:
		return "hl-ins"
	case t == chroma.GenericHeading || t == chroma.GenericSubheading || t == chroma.GenericStrong:
		return "hl-b"
	case t == chroma.KeywordType || t == chroma.NameClass || t == chroma.NameNamespace || t == chroma.NameBuiltinPseudo:
		return "hl-t"
	case t.InCategory(chroma.Keyword) || t == chroma.OperatorWord || t == chroma.NameTag:
		return "hl-k"
	case t.InCategory(chroma.Comment):
		return "hl-c"
	case t.InSubCategory(chroma.LiteralString):
		return "hl-s"
	case t.InSubCategory(chroma.LiteralNumber) || t == chroma.NameConstant:
		return "hl-n"
	case t == chroma.NameFunction || t == chroma.NameBuiltin || t == chroma.NameDecorator || t == chroma.NameException:
		return "hl-f"
	case t == chroma.NameVariable || t.InSubCategory(chroma.NameVariable) || t == chroma.NameAttribute || t == chroma.NameProperty || t == chroma.NameLabel:
		return "hl-v"
	case t == chroma.NameEntity:
		return "hl-n"
	}
	return ""
}

// highlighter renders code to HTML once per (language, code, marked lines)
// for the whole build: the same snippet in several pages, clouds and
// fallback copies is lexed once.
type highlighter struct {
	cache sync.Map // [32]byte -> string, or slowHTML
}

// slowHTML is a cached block that ran past highlightBudget and is plain:
// every page that shows it reports that, not only the first to render it,
// so the diagnostics do not depend on the order pages are rendered in.
type slowHTML string

// html returns the inner HTML of a <code> element: escaped code with token
// spans, lines in marks wrapped in <mark class="code-line-hl">. slow is
// true when lexing ran past highlightBudget and the code is plain.
func (h *highlighter) html(l language, code string, marks lineSet) (html string, slow bool) {
	sum := sha256.New()
	sum.Write([]byte(l.Name))
	sum.Write([]byte{0})
	sum.Write([]byte(marks.String()))
	sum.Write([]byte{0})
	sum.Write([]byte(code))
	var key [32]byte
	sum.Sum(key[:0])
	if v, ok := h.cache.Load(key); ok {
		if s, ok := v.(slowHTML); ok {
			return string(s), true
		}
		return v.(string), false
	}
	out, slow := renderCode(l, code, marks)
	// The cache keeps every block to the end of the build: a copy of the
	// exact length, not the builder's buffer grown for twice the code.
	out = strings.Clone(out)
	if slow {
		h.cache.Store(key, slowHTML(out))
	} else {
		h.cache.Store(key, out)
	}
	return out, slow
}

// highlightBudget bounds the time Chroma may take over one block, all
// attempts together. Each match of a pattern is bounded (matchTimeout),
// but a pattern that backtracks badly could take most of that bound at
// every position of a long block: minutes or hours for one block. Past the
// budget the block is shown plain and the page gets a code-highlight-slow
// warning. The budget is far above what any block of a real docset takes
// (the slowest of the PowerShell corpus's blocks lexes in milliseconds),
// so the highlighting of a build does not depend on the machine's load
// unless a block is pathological, and then the warning says so.
var highlightBudget = 10 * time.Second

// lexAttempts bounds how often lexTokens lexes one block.
const lexAttempts = 3

// lexTokens runs a Chroma lexer over code. A pattern that hits its
// wall-clock match limit (matchTimeout, steady.go) does not match, which
// often turns the text into Error tokens: a result with Error tokens is
// therefore lexed again, up to lexAttempts times, and the result with the
// fewest Error tokens is kept. A lexer that really cannot read the text
// gives the same tokens every time; a timeout does not recur.
//
// slow is true (and the tokens nil) when lexing ran past highlightBudget.
func lexTokens(lexer chroma.Lexer, code string) (toks []token, slow bool) {
	var best []token
	bestErrs := -1
	start := time.Now()
	for attempt := 0; attempt < lexAttempts; attempt++ {
		it, err := lexer.Tokenise(nil, code)
		if err != nil {
			return nil, false
		}
		var toks []token
		errs := 0
		for t := it(); t != chroma.EOF; t = it() {
			if time.Since(start) > highlightBudget {
				return nil, true
			}
			if t.Type == chroma.Error {
				errs++
			}
			toks = append(toks, token{tokenClass(t.Type), t.Value})
		}
		if bestErrs < 0 || errs < bestErrs {
			best, bestErrs = toks, errs
		}
		if errs == 0 {
			break
		}
	}
	return best, false
}

// renderTokens lexes code (plain when the language has no lexer or the
// lexer fails) and writes it line by line.
func renderTokens(l language, code string, marks lineSet) string {
	html, _ := renderCode(l, code, marks)
	return html
}

// renderCode is renderTokens, and whether Chroma ran past highlightBudget
// (the code is then plain).
func renderCode(l language, code string, marks lineSet) (string, bool) {
	var toks []token
	slow := false
	if l.native != nil {
		toks = l.native(code)
	}
	if toks == nil && l.lexer != nil {
		toks, slow = lexTokens(l.lexer, code) // the native lexer declined the block
	}
	if toks == nil {
		toks = []token{{"", code}}
	}
	// The space after a prompt belongs to the prompt: copied commands do
	// not start with a blank.
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].class == "hl-p" && strings.HasPrefix(toks[i+1].text, " ") && !strings.HasSuffix(toks[i].text, " ") {
			toks[i].text += " "
			toks[i+1].text = toks[i+1].text[1:]
		}
	}
	var b strings.Builder
	b.Grow(len(code) * 2)
	line := 1
	open := func() {
		if marks.has(line) {
			b.WriteString(`<mark class="code-line-hl">`)
		}
	}
	close := func() {
		if marks.has(line) {
			b.WriteString(`</mark>`)
		}
	}
	open()
	for i, t := range toks {
		text := t.text
		if i == len(toks)-1 {
			// Chroma ends every text with a newline; the block's last
			// newline is not written (in a pre it would show as an empty
			// last line).
			text = strings.TrimSuffix(text, "\n")
		}
		for {
			nl := strings.IndexByte(text, '\n')
			piece := text
			if nl >= 0 {
				piece = text[:nl]
			}
			writeSpan(&b, t.class, piece)
			if nl < 0 {
				break
			}
			b.WriteByte('\n')
			close()
			line++
			text = text[nl+1:]
			open()
		}
	}
	close()
	return b.String(), slow
}

func writeSpan(b *strings.Builder, class, text string) {
	if text == "" {
		return
	}
	esc := string(util.EscapeHTML([]byte(text)))
	switch class {
	case "":
		b.WriteString(esc)
	case "hl-p":
		// A prompt is drawn by CSS from the attribute: copying the block
		// (or selecting it) takes the commands without "$ " or "PS> ".
		b.WriteString(`<span class="hl-p" data-prompt="` + esc + `"></span>`)
	default:
		b.WriteString(`<span class="` + class + `">` + esc + `</span>`)
	}
}
