package dialect

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// checkCSharp fails when the native C# lexer's HTML for code differs from
// Chroma's; it reports whether the native lexer took the block.
func checkCSharp(t testing.TB, code string) bool {
	t.Helper()
	native := lookupLanguage("csharp")
	if native.native == nil {
		t.Fatal("csharp has no native lexer")
	}
	chroma := native
	chroma.native = nil
	for _, marks := range []lineSet{{}, {spans: [][2]int{{2, 3}}}} {
		got, want := renderTokens(native, code, marks), renderTokens(chroma, code, marks)
		// A Chroma rule that hits its wall-clock limit does not match (see
		// checkYAML): Chroma is lexed again before its HTML counts as
		// different.
		for try := 0; got != want && try < 4; try++ {
			want = renderTokens(chroma, code, marks)
		}
		if got != want {
			t.Errorf("csharp %q (marks %v):\nnative %q\nchroma %q", code, marks, got, want)
		}
	}
	return lexCSharp(code) != nil
}

// The native C# lexer gives Chroma's HTML on ordinary code and on the
// edges of Chroma's patterns: attributes across lines, verbatim and
// interpolated strings that never close, escapes, numbers, directives,
// keywords that start longer words, and the states after class and using.
func TestCSharpLikeChroma(t *testing.T) {
	cases := []string{
		"using System;\nusing System.Collections.Generic;\n\nnamespace Demo.App\n{\n    [Serializable]\n    public sealed class Widget : IDisposable\n    {\n        private readonly int? _count = 0x1Fl;\n        /// <summary>Doc.</summary>\n        public async Task<string> RunAsync(string name = @\"C:\\x\"\"y\") { return $\"{name}!\"; }\n        // done\n    }\n}\n",
		"[\n  Obsolete]\nclass A {}\n", "  [A(\"]\")] int x;\n", "[A\n", "x[0] = 1;\n",
		"var s = @\"a\"\"b\";\n", "var s = @\"abc\"\"\n", "var s = @\"abc\n", "var s = $@\"x\"\"\n", "var s = $\"a\\\"b\";\n", "$x\n", "@x = 1;\n", "@\n",
		"\"a\\\\\" + \"b\\\"c\"\n", "\"unterminated\nnext\n", "'a' '\\n' '\\'' 'ab'\n", "'\n", "''\n", "'é'\n",
		"1 1.5 1. 1e5 1e+5 1e 1.e5 0x 0xFF 0XffL 1_000 12f 3.0d 1L 2m\n", "1as 1extern alias x\n", "extern alias Foo;\nextern int x;\nexternalias\n",
		"#if DEBUG\n#endif\n#  region R\n#endregion\n#pragma warning disable\n#elsewhere\n", "#nullable enable\n", "#!\n",
		"global::System.Console.WriteLine();\nglobalx::y\n", "int? x; string?y; var z;\n", "true false null truex\n", "classic records = 1; record R(int X);\n",
		"class\n\nFoo {}\n", "class 1\n", "using (var x = y) {}\nusing static System.Math;\nusing\n", "namespace A.B.@C.D;\n", "using A@b;\n",
		"interface IFoo { }\nstruct S { }\n", "/* a */ /* b\n c */ /*/ x */ /* open\n", "// c\n/// d\n//", "a \\\nb\n", "x => x?.y ?? z;\n",
		"é = 1;\n", "x é\n", "var café = 1;\n", "// comment é\nint x;\n", "\"é\" + @\"ü\"\n", "int x\u00a0= 1;\n", "x\r\ny\n", "no newline",
		"a`b\n", "a#b\n", "x\ty\v\fz\n", "\n\n\n", "",
	}
	took := 0
	for _, c := range cases {
		if checkCSharp(t, c) {
			took++
		}
	}
	if took < len(cases)*2/3 {
		t.Errorf("the native lexer took %d of %d cases", took, len(cases))
	}
}

// csPieces are the fragments that decide Chroma's C# tokens.
var csPieces = []string{"class", "struct", "record", "interface", "namespace", "using", "extern", "alias", "global", "::", "int", "string", "?", "var", "true", "null",
	"public", "static", "async", "as", "in", "init", "into", "x", "_y", "@", "@\"", "$\"", "$@\"", "\"", "\"\"", "'", "\\", "\\\"", "\\\\", "/", "//", "///", "/*", "*/", "*",
	"[", "]", "(", ")", "{", "}", ".", ",", ";", "=", "<", ">", "#", "#if", "#region", "# endregion", "0", "0x1F", "1.5e+3", "12L", "e", "f",
	" ", "  ", "\t", "\n", "\n  ", "é", "\u00a0", "\u2028", "٣", "x1"}

// Random blocks built from those fragments.
func TestCSharpLikeChromaRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	took := 0
	const n = 3000
	for range n {
		var b strings.Builder
		for range 1 + r.IntN(16) {
			b.WriteString(csPieces[r.IntN(len(csPieces))])
		}
		b.WriteString("\n")
		if checkCSharp(t, b.String()) {
			took++
		}
		if t.Failed() {
			return
		}
	}
	if took < n/4 {
		t.Errorf("the native lexer took only %d of %d blocks", took, n)
	}
}

// FuzzCSharpLikeChroma looks for text on which the native lexer and
// Chroma's disagree.
func FuzzCSharpLikeChroma(f *testing.F) {
	for _, s := range []string{"class A { int? x = @\"a\"\"b\"; }\n", "[A]\n#if X\n", "using A.B;\nextern alias Q;\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		checkCSharp(t, code)
	})
}

// Every C# block of the PowerShell corpus, when it is there.
func TestCSharpLikeChromaCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpora", "powershell-docs")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no PowerShell corpus")
	}
	if testing.Short() {
		t.Skip("slow: lexes every C# block of the corpus with Chroma")
	}
	fence := regexp.MustCompile("(?ms)^[ \t]*```(?:csharp|cs|c#)[ \t]*\n(.*?)^[ \t]*```")
	seen := map[string]bool{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return nil
		}
		b, _ := os.ReadFile(p)
		for _, m := range fence.FindAllStringSubmatch(string(b), -1) {
			seen[m[1]] = true
		}
		return nil
	})
	took := 0
	for code := range seen {
		if checkCSharp(t, code) {
			took++
		}
	}
	t.Logf("%d distinct C# blocks, %d read natively", len(seen), took)
	if took < len(seen)*9/10 {
		t.Errorf("the native lexer took only %d of %d blocks", took, len(seen))
	}
}
