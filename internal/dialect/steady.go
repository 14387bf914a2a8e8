package dialect

import (
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// matchTimeout is the wall-clock limit on one match of one of a Chroma
// lexer's regular expressions. Chroma sets 250 ms, and a match that hits
// the limit does not fail the lex: the rule simply does not match and the
// text falls through to a later rule, often with no Error token to show
// it. On a loaded machine (a CI runner, a build beside browser tests: seen
// at load 20 on 2 cores, where a YAML block lost the colour of a key) the
// same block then highlights differently from one build to the next, and
// a site is no longer the same bytes for the same input.
//
// The limit stays, because it is what bounds a pattern that backtracks
// without end on some input; but at a length that no load reaches for the
// patterns of Chroma's lexers, whose matches take microseconds: a match
// would have to take 200 ms of CPU at a tenth of a core.
const matchTimeout = 2 * time.Second

// steadyLexers holds a copy of every lexer of Chroma's registry with
// matchTimeout on its patterns. They are their own registry, so a lexer
// that hands part of its text to another (HTML to JavaScript and CSS,
// Markdown to a fenced language) hands it to a steady one too. Wrapping
// costs nothing up front: a lexer's rules are read and compiled when it is
// first used, as in Chroma's own registry.
var steadyLexers = sync.OnceValue(func() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	for _, lx := range lexers.GlobalLexerRegistry.Lexers {
		reg.Register(steady(lx))
	}
	return reg
})

// steadyLexer is the steady copy of lx, a lexer of Chroma's registry.
func steadyLexer(lx chroma.Lexer) chroma.Lexer {
	if s := steadyLexers().Get(lx.Config().Name); s != nil && s.Config() == lx.Config() {
		return s
	}
	s := steady(lx)
	if rl, ok := s.(*chroma.RegexLexer); ok {
		rl.SetRegistry(steadyLexers())
	}
	return s
}

// steady returns a lexer with lx's configuration and rules whose compiled
// patterns have matchTimeout. Chroma gives no option for the limit, but it
// lets a rule's mutator see the compiled rules once, when the lexer is
// compiled: a first rule with timeoutSetter sets every pattern's limit and
// removes itself before any text is lexed. Lexers that are not made of
// rules (delegating ones) are returned as they are.
func steady(lx chroma.Lexer) chroma.Lexer {
	rl, ok := lx.(*chroma.RegexLexer)
	if !ok {
		return lx
	}
	s, err := chroma.NewLexer(rl.Config(), func() chroma.Rules {
		rules, err := rl.Rules()
		if err != nil {
			return nil // the lexer fails to compile, as Chroma's own would
		}
		out := make(chroma.Rules, len(rules))
		for state, rs := range rules {
			out[state] = rs
		}
		out["root"] = append([]chroma.Rule{{Mutator: &timeoutSetter{}}}, rules["root"]...)
		return out
	})
	if err != nil {
		return lx
	}
	return s
}

// timeoutSetter is the rule steady puts first. Each lexer has its own
// (Chroma refuses a mutator it meets twice).
type timeoutSetter struct{}

func (*timeoutSetter) Mutate(*chroma.LexerState) error { return nil }

func (*timeoutSetter) MutateLexer(rules chroma.CompiledRules, state string, rule int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = matchTimeout
			}
		}
	}
	rs := rules[state]
	rules[state] = append(rs[:rule:rule], rs[rule+1:]...)
	return nil
}
