package dialect

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chromaYAML is the YAML language as Chroma alone highlights it.
func chromaYAML() language {
	l := lookupLanguage("yaml")
	l.native = nil
	return l
}

// checkYAML fails when the native lexer's HTML for code differs from
// Chroma's; it reports whether the native lexer took the block.
func checkYAML(t *testing.T, code string) bool {
	t.Helper()
	native := lookupLanguage("yaml")
	if native.native == nil {
		t.Fatal("yaml has no native lexer")
	}
	for _, marks := range []lineSet{{}, {spans: [][2]int{{2, 3}}}} {
		got, want := renderTokens(native, code, marks), renderTokens(chromaYAML(), code, marks)
		// A Chroma rule that hits its 250 ms wall-clock timeout (a loaded
		// machine) does not match, and the text is coloured otherwise:
		// Chroma is lexed again before its HTML counts as different.
		for try := 0; got != want && try < 4; try++ {
			want = renderTokens(chromaYAML(), code, marks)
		}
		if got != want {
			t.Errorf("yaml %q (marks %v):\nnative %q\nchroma %q", code, marks, got, want)
		}
	}
	return lexYAMLFields(code) != nil
}

// The native YAML lexer gives Chroma's HTML, on the shapes it reads and on
// the edges where it must leave a block to Chroma.
func TestYAMLFieldsLikeChroma(t *testing.T) {
	took := 0
	cases := []string{
		"Type: String\nParameter Sets: (All)\nAliases:\n\nRequired: False\nPosition: Named\nDefault value: None\nAccept pipeline input: True (ByPropertyName, ByValue)\nAccept wildcard characters: False\n",
		"Type: System.String[]\nParameter Sets: Path, LiteralPath\nAliases: cf, PSPath, LP\nAccepted values: Ascii, BigEndianUnicode, 'x y', \"q\"\n\nRequired: True\nPosition: 0\nDefault value: $true\n",
		"Position: 1\nDefault value: 2147483647\nX: N/A\nY: No.\nZ: Nope\nW: on_off\nV: y\nU: True, False\nT: [a, b]\nS: {x}\nR: @x\nQ: a-b\nP: ,No\nO:  two  spaces  \nN: \n",
		"Key: value # comment\n", "Key: http://x\n", "Key: a: b\n", "- item\n", "  indented: x\n", "Key: 'quoted'\n", "Key: \"q\"\n",
		"Key: |\n  text\n", "Key: >\n  text\n", "Key: 1.5\n", "Key: 2020-01-02\n", "Key: -1\n", "Key: True-1\n", "Key: +1\n", "Key: .inf\n",
		"Key: !!str x\n", "Key: &a x\n", "Key: *a\n", "---\nKey: x\n", "# c\n", "Key: x", "Key: é\n", "Key: x\r\n", "\"Key\": x\n", "Key{x}: y\n",
		"key:value\n", "Key: ?x\n", "Key: - x\n", "Key: No - x\n", "Key: 5x\n", "Key: 0x1F\n", "Key: %x\n", "A B C: yes\nD: Off\n",
	}
	for _, c := range cases {
		if checkYAML(t, c) {
			took++
		}
	}
	if took < 3 {
		t.Errorf("the native lexer took %d of the cases", took)
	}
}

// Random "Key: value" blocks built from the pieces that decide Chroma's
// tokens: constants, digits, punctuation, quotes, spaces and word edges.
func TestYAMLFieldsLikeChromaRandom(t *testing.T) {
	pieces := []string{"True", "False", "No", "N", "y", "on", "Off", "None", "Named", "0", "12", "x", "a_b", " ", "  ", ",", "[", "]", "{", "}", "@", "-", "- ", ".", "(", ")", "'", "\"", "$", "/", "%", "!", "&", "*", "?", "|", ">", "+", "=", "\\", "e5", "1.0", "#", " #", ":", ": ", "//"}
	keys := []string{"Type", "Parameter Sets", "Aliases", "Default value", "Accept pipeline input", "x", "A1 (b)"}
	r := rand.New(rand.NewPCG(1, 2))
	took := 0
	for range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(4) {
			switch r.IntN(6) {
			case 0:
				b.WriteString("\n")
				continue
			case 1:
				b.WriteString(keys[r.IntN(len(keys))] + ":\n")
				continue
			}
			b.WriteString(keys[r.IntN(len(keys))] + ": ")
			for range r.IntN(5) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			b.WriteString("\n")
		}
		if checkYAML(t, b.String()) {
			took++
		}
		if t.Failed() {
			return
		}
	}
	if took < 300 {
		t.Errorf("the native lexer took only %d of 3000 blocks", took)
	}
}

// Every YAML block of the PowerShell corpus, when it is there.
func TestYAMLFieldsLikeChromaCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpora", "powershell-docs")
	if _, err := os.Stat(root); err != nil {
		t.Skip("no PowerShell corpus")
	}
	if testing.Short() {
		t.Skip("slow: lexes every YAML block of the corpus with Chroma")
	}
	fence := regexp.MustCompile("(?ms)^```ya?ml[ \t]*\n(.*?)^```")
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
		if checkYAML(t, code) {
			took++
		}
	}
	t.Logf("%d distinct YAML blocks, %d read natively", len(seen), took)
	if took < len(seen)*9/10 {
		t.Errorf("the native lexer took only %d of %d blocks", took, len(seen))
	}
}
