package dialect

import (
	"slices"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// A steady lexer's patterns, its own and those of a state it includes,
// wait matchTimeout, not Chroma's 250 ms, so a loaded machine highlights
// as an idle one.
func TestSteadyLexerPatternsWaitLonger(t *testing.T) {
	var seen []time.Duration
	record := chroma.EmitterFunc(func(groups []string, state *chroma.LexerState) chroma.Iterator {
		for _, rs := range state.Rules {
			for _, r := range rs {
				seen = append(seen, r.Regexp.MatchTimeout)
			}
		}
		return chroma.Literator(chroma.Token{Type: chroma.Keyword, Value: groups[0]})
	})
	lx := chroma.MustNewLexer(&chroma.Config{Name: "steady-test"}, func() chroma.Rules {
		return chroma.Rules{
			"root":  {chroma.Include("words"), {Pattern: `\s+`, Type: chroma.Text}},
			"words": {{Pattern: `\w+`, Type: record}},
		}
	})
	it, err := steadyLexer(lx).Tokenise(nil, "one two")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for tok := it(); tok != chroma.EOF; tok = it() {
		got = append(got, tok.Type.String()+":"+tok.Value)
	}
	if want := []string{"Keyword:one", "Text: ", "Keyword:two"}; !slices.Equal(got, want) {
		t.Errorf("tokens %q, want %q (the timeout rule must not lex)", got, want)
	}
	if len(seen) == 0 {
		t.Fatal("the emitter never ran")
	}
	for _, d := range seen {
		if d != matchTimeout {
			t.Fatalf("a compiled pattern waits %v, want %v", d, matchTimeout)
		}
	}
}

// Steady lexers give Chroma's tokens, including where a lexer hands text to
// another one (HTML's script and style, Markdown's fenced code).
func TestSteadyLexersLexAsChroma(t *testing.T) {
	samples := map[string]string{
		"csharp":     "using System;\nclass A { static void Main() { Console.WriteLine(\"hi\"); } }\n",
		"json":       "{\"a\": [1, 2.5, true, null], \"b\": \"x\"}\n",
		"bash":       "for f in *.md; do echo \"$f\" | wc -l; done # count\n",
		"html":       "<html><head><style>p { color: red }</style><script>let x = 1 + 2;</script></head><body><p class=\"a\">t</p></body></html>\n",
		"markdown":   "# Title\n\n```python\ndef f(x):\n    return x * 2\n```\n",
		"xml":        "<?xml version=\"1.0\"?>\n<a b=\"c\"><!-- d --><e/></a>\n",
		"kusto-free": "SELECT a, b FROM t WHERE c > 1;\n",
	}
	names := map[string]string{"kusto-free": "sql"}
	for key, code := range samples {
		name := key
		if n, ok := names[key]; ok {
			name = n
		}
		orig := lexers.Get(name)
		if orig == nil {
			t.Fatalf("Chroma has no %s lexer", name)
		}
		want, _ := lexTokens(chroma.Coalesce(orig), code)
		got, _ := lexTokens(lexerByName(name), code)
		if !slices.Equal(got, want) {
			t.Errorf("%s: steady tokens\n%q\nChroma's\n%q", name, got, want)
		}
		if len(got) < 3 {
			t.Errorf("%s: %d tokens: the sample was not highlighted", name, len(got))
		}
	}
}
