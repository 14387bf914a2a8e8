package search

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

func words(s string) []string {
	var out []string
	Words(s, func(w string) { out = append(out, w) })
	return out
}

func TestWords(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Get-ChildItem lists about_Execution_Policies.", []string{"get", "childitem", "lists", "about", "execution", "policies"}},
		{"PowerShell 7.4 and C:\\Windows", []string{"powershell", "7", "4", "and", "c", "windows"}},
		{"Ondersteuning één café Ärger", []string{"ondersteuning", "één", "café", "ärger"}},
		// Combining marks stay in their word (decomposed "é").
		{"cafe\u0301 noir", []string{"cafe\u0301", "noir"}},
		// CJK: overlapping pairs; a lone character by itself.
		{"東京都に住む", []string{"東京", "京都", "都に", "に住", "住む"}},
		{"日 本", []string{"日", "本"}},
		{"Office 365の管理", []string{"office", "365", "の管", "管理"}},
		{"한국어 문서", []string{"한국", "국어", "문서"}},
		{"Привет, Мир", []string{"привет", "мир"}},
		// Runs longer than 40 characters are not words.
		{"short " + strings.Repeat("x", 41) + " end", []string{"short", "end"}},
		{"", nil},
		{"--- ** ...", nil},
	} {
		if got := words(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Words(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"café": "cafe", "cafe\u0301": "cafe", "één": "een", "ärger": "arger", "ñandú": "nandu",
		"plain": "plain", "привет": "привет", "ёж": "еж", "한국": "한국", "straße": "straße",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStem(t *testing.T) {
	for _, c := range []struct {
		locale string
		forms  []string
	}{
		{"en-us", []string{"policy", "policies"}},
		{"en-us", []string{"module", "modules"}},
		{"en-us", []string{"remove", "removed", "removing", "removes"}},
		{"nl-nl", []string{"beheerder", "beheerders"}},
		{"de-de", []string{"einstellung", "einstellungen"}},
		{"fr-fr", []string{"stratégie", "stratégies"}},
		{"es-es", []string{"política", "políticas"}},
	} {
		s := NewStemmer(c.locale)
		first := s.Stem(c.forms[0])
		for _, f := range c.forms[1:] {
			if got := s.Stem(f); got != first {
				t.Errorf("%s: %q stems to %q, %q to %q; want the same stem", c.locale, c.forms[0], first, f, got)
			}
		}
	}
	// Stems are folded; words with digits and languages without a stemmer
	// stay as they are.
	if got := NewStemmer("fr-fr").Stem("stratégies"); strings.ContainsRune(got, 'é') {
		t.Errorf("French stem %q keeps its diacritic", got)
	}
	if got := NewStemmer("en-us").Stem("win32"); got != "win32" {
		t.Errorf("Stem(win32) = %q", got)
	}
	if got := NewStemmer("ja-jp").Stem("policies"); got != "policies" {
		t.Errorf("a language without a stemmer stems %q", got)
	}
	if !HasStemmer("nb-no") || HasStemmer("zh-cn") {
		t.Error("HasStemmer")
	}
}

func TestExtract(t *testing.T) {
	body := `<h1 id="title">Remove a module</h1>
<p>Use <code>Remove-Module</code> &amp; friends.<script>var x = "secret";</script></p>
<div class="tabGroup"><section role="tabpanel" hidden><p>Hidden panel words</p></section></div>
<div class="sxs-lookup"><p>Lookup only</p></div>
<span aria-hidden="true">decor</span>
<h2 id="see-also">See <em>also</em> <a class="heading-link" href="#see-also" aria-label="Link to this section">#</a></h2>
<div class="code-block"><div class="code-header"><span class="code-lang">PowerShell</span></div><pre><code>Get-Module</code></pre></div>
<p>Line<br>break<img src="x.png" alt="pic"> and a<b>bold</b>word.</p>
<!-- a comment -->`
	x := Extract(body)
	want := "Remove a module Use Remove-Module & friends. Hidden panel words See also Get-Module Line break and aboldword."
	if x.Text != want {
		t.Errorf("text\n got %q\nwant %q", x.Text, want)
	}
	if len(x.Headings) != 2 || x.Headings[0].ID != "title" || x.Headings[1].ID != "see-also" || x.Headings[1].Text != "See also" {
		t.Fatalf("headings %+v", x.Headings)
	}
	if !strings.HasPrefix(x.Text[x.Headings[1].Offset:], "See also") {
		t.Errorf("heading offset %d points at %q", x.Headings[1].Offset, x.Text[x.Headings[1].Offset:])
	}
	// Broken HTML ends without a hang or a panic.
	for _, bad := range []string{"<p", "<a href=\"x>", "text < 5 and > 3", "<!-- open", "</>", "<script>never closed"} {
		_ = Extract(bad)
	}
}

// TestExtractAllocation: Extract sizes its buffer for a body whose text
// is about half its HTML (a reference page's share) instead of growing it
// by copying: the bytes it allocates stay near the text's size.
func TestExtractAllocation(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 64<<10; i++ {
		fmt.Fprintf(&b, `<p>Gets item %d of the <a href="/en-us/x/item-%d">list</a> for you.</p>`, i, i)
	}
	body := b.String()
	text := len(Extract(body).Text)
	if share := float64(text) / float64(len(body)); share < 0.35 || share > 0.5 {
		t.Fatalf("the test body's text is %.2f of its HTML, want about 0.45", share)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const n = 20
	for range n {
		Extract(body)
	}
	runtime.ReadMemStats(&after)
	if per := float64(after.TotalAlloc-before.TotalAlloc) / n; per > 1.25*float64(len(body))/2 {
		t.Errorf("extracting a %d-byte body (%d bytes of text) allocates %.0f bytes: its buffer grew by copying", len(body), text, per)
	}
}
