package dialect

import (
	"testing"

	"github.com/alecthomas/chroma/v2"
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
	toks := lexTokens(f, "</ListItem>")
	if len(toks) != 1 || toks[0].class != tokenClass(chroma.Keyword) || f.runs != 2 {
		t.Errorf("a timed-out first run is not lexed again: %+v after %d runs", toks, f.runs)
	}
	// A lexer that cannot read the text gives Error tokens every time: kept
	// as they are after lexAttempts runs, never looped on.
	f = &flakyLexer{bad: 1 << 30}
	toks = lexTokens(f, "x")
	if len(toks) != 1 || toks[0].class != tokenClass(chroma.Error) || f.runs != lexAttempts {
		t.Errorf("an unreadable text: %+v after %d runs", toks, f.runs)
	}
}
