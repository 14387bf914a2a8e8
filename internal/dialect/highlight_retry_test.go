package dialect

import (
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"golang.org/x/tools/txtar"
)

// flakyLexer stands for a Chroma lexer whose rule timed out: its first
// `bad` runs turn the text into an Error token, later runs read it.
type flakyLexer struct {
	bad, runs int
}

func (f *flakyLexer) Config() *chroma.Config { return &chroma.Config{Name: "flaky"} }
func (f *flakyLexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	f.runs++
	if f.runs <= f.bad {
		return chroma.Literator(chroma.Token{Type: chroma.Error, Value: text}), nil
	}
	return chroma.Literator(chroma.Token{Type: chroma.Keyword, Value: text}), nil
}
func (f *flakyLexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return f }
func (f *flakyLexer) SetAnalyser(func(string) float32) chroma.Lexer  { return f }
func (f *flakyLexer) AnalyseText(string) float32                     { return 0 }

func TestLexTokensRetriesTimeouts(t *testing.T) {
	f := &flakyLexer{bad: 1}
	toks, _ := lexTokens(f, "</ListItem>")
	if len(toks) != 1 || toks[0].class != tokenClass(chroma.Keyword) || f.runs != 2 {
		t.Errorf("a timed-out first run is not lexed again: %+v after %d runs", toks, f.runs)
	}
	// A lexer that cannot read the text gives Error tokens every time: kept
	// as they are after lexAttempts runs, never looped on.
	f = &flakyLexer{bad: 1 << 30}
	toks, _ = lexTokens(f, "x")
	if len(toks) != 1 || toks[0].class != tokenClass(chroma.Error) || f.runs != lexAttempts {
		t.Errorf("an unreadable text: %+v after %d runs", toks, f.runs)
	}
}

// slowLexer stands for a Chroma lexer whose patterns backtrack badly: each
// token takes a while.
type slowLexer struct{ flakyLexer }

func (s *slowLexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	s.runs++
	n := 0
	return func() chroma.Token {
		if n == len(text) {
			return chroma.EOF
		}
		n++
		time.Sleep(time.Millisecond)
		return chroma.Token{Type: chroma.Keyword, Value: text[n-1 : n]}
	}, nil
}

// A block that takes Chroma longer than highlightBudget is given up on in
// time, shown plain, and said so.
func TestSlowHighlightStops(t *testing.T) {
	defer func(b time.Duration) { highlightBudget = b }(highlightBudget)
	highlightBudget = 30 * time.Millisecond
	s := &slowLexer{}
	start := time.Now()
	toks, slow := lexTokens(s, strings.Repeat("x", 5000)) // 5 s of tokens
	if !slow || toks != nil || s.runs != 1 {
		t.Errorf("a slow block: slow %v, %d tokens, %d runs", slow, len(toks), s.runs)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("lexing went on for %v past a budget of %v", d, highlightBudget)
	}
	highlightBudget = -1
	l := language{Name: "slow", Label: "Slow", lexer: s}
	html, slow := renderCode(l, "a<b\n", lineSet{})
	if !slow || html != "a&lt;b" {
		t.Errorf("a slow block renders %q (slow %v), want it plain", html, slow)
	}
}

// Each page that shows a block past the budget reports it at the block,
// also when the block's HTML comes from the build-wide cache, and the
// block is plain; blocks of docloom's own lexers are not affected.
func TestSlowHighlightWarns(t *testing.T) {
	defer func(b time.Duration) { highlightBudget = b }(highlightBudget)
	highlightBudget = -1 // every block Chroma lexes is past it
	d := New(testCatalog(t))
	page := "# T\n\n```python\nprint('x')\n```\n\n```powershell\nGet-Item\n```\n"
	for round := 0; round < 2; round++ {
		got := runGolden(t, d, txtar.Parse([]byte("-- page.md --\n"+page+"-- html --\n")))
		if want := "page.md:3:4: warning code-highlight-slow:"; !strings.Contains(got["diags"], want) {
			t.Errorf("round %d: diagnostics %q, want %q", round, got["diags"], want)
		}
		if !strings.Contains(got["html"], `<code class="language-python">print('x')</code>`) {
			t.Errorf("round %d: the Python block is not plain: %s", round, got["html"])
		}
		if !strings.Contains(got["html"], `<span class="hl-f">Get-Item</span>`) {
			t.Errorf("round %d: the PowerShell block lost its highlighting: %s", round, got["html"])
		}
	}
}
