package render

import (
	"bytes"
	"html/template"
	"math/rand"
	"strings"
	"testing"
)

// escapeContexts are the contexts of the theme's layout, each as a tiny
// template around one action and the escaper that must write what
// html/template writes there.
var escapeContexts = []struct {
	name, tmpl string
	esc        func(escWriter, string)
}{
	{"text", `<p>{{.}}</p>`, escapeText},
	{"rcdata", `<title>{{.}}</title>`, escapeText},
	{"attr", `<a title="{{.}}">`, escapeText},
	{"data attr", `<p data-toc="{{.}}">`, escapeText},
	{"meta content", `<meta name="description" content="{{.}}">`, escapeText},
	{"href", `<a href="{{.}}">`, escapeURLAttr},
	{"src", `<script src="{{.}}"></script>`, escapeURLAttr},
	{"action", `<form action="{{.}}search">`, escapeURLAttr},
	{"query", `<a href="?pivots={{.}}">`, escapeURLQuery},
}

// escapeCases are strings that need each kind of escaping.
var escapeCases = []string{
	"", "plain", "a b", "C++ & <b>\"q\"</b> 'a'", "\x00", "nul\x00byte", "\xff", "\xff\xfeinvalid", "a\xc3", "\xe2\x82",
	"Ünïcødé 中文 עברית 🙂", "\ufdd0\ufffe\uffff", "a\tb\nc\rd\fe", "javascript:alert(1)", "JavaScript:x", " javascript:x",
	"/a b/ü/c?x=1&y=2#frag", "/p+q/%41/[x]", "%", "%4", "%41", "%zz", "%%41", "a%4g", "HTTPS://example.com/x'y\"z",
	"http:", "https:", "mailto:a@b.c", "MAILTO:x", "httpſ://x", "ftp://h/x", "data:text/html,x", "/rel/path:with:colons",
	"x/y:z", ":x", "#frag", "?q=1&r=2", "(paren){brace}|pipe\\back^caret`tick", "!#$&*+,/:;=?@[]-._~", "&amp;&lt;",
	"\x7f\x01\x1f", "<script>alert(1)</script>", "{{.}}",
}

// TestEscapersMatchTheTemplates holds each escaper to html/template, in
// its context, on edge cases and on random strings.
func TestEscapersMatchTheTemplates(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	cases := append([]string(nil), escapeCases...)
	alphabet := []string{"a", "Z", "0", " ", "&", "<", ">", "\"", "'", "+", "%", "#", "?", ":", "/", "=", "\x00", "\xff", "ü", "中", "\t", "~", "(", "%4", "%41", "javascript:", "http:", "ſ"}
	for i := 0; i < 3000; i++ {
		var b strings.Builder
		for n := r.Intn(12); n > 0; n-- {
			b.WriteString(alphabet[r.Intn(len(alphabet))])
		}
		cases = append(cases, b.String())
	}
	for _, c := range escapeContexts {
		tmpl := template.Must(template.New(c.name).Parse(c.tmpl))
		for _, s := range cases {
			if want, got := executeString(t, tmpl, s), wrapped(c.tmpl, c.esc, s); got != want {
				t.Errorf("%s: %q\n got %q\nwant %q", c.name, s, got, want)
			}
		}
	}
}

// TestTypedHTMLPassesThrough: a template.HTML value in text, as Body,
// Sidebar, SearchBox and the fixed partials are, is written as it is.
func TestTypedHTMLPassesThrough(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<main>{{.}}</main>`))
	for _, s := range escapeCases {
		var b bytes.Buffer
		if err := tmpl.Execute(&b, template.HTML(s)); err != nil {
			t.Fatal(err)
		}
		if b.String() != "<main>"+s+"</main>" {
			t.Errorf("template.HTML %q is written %q", s, b.String())
		}
	}
}

// FuzzEscapers: go test -fuzz FuzzEscapers ./internal/render
func FuzzEscapers(f *testing.F) {
	for _, s := range escapeCases {
		f.Add(s)
	}
	tmpls := make([]*template.Template, len(escapeContexts))
	for i, c := range escapeContexts {
		tmpls[i] = template.Must(template.New(c.name).Parse(c.tmpl))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, c := range escapeContexts {
			if want, got := executeString(t, tmpls[i], s), wrapped(c.tmpl, c.esc, s); got != want {
				t.Errorf("%s: %q\n got %q\nwant %q", c.name, s, got, want)
			}
		}
	})
}

func executeString(t testing.TB, tmpl *template.Template, s string) string {
	var b bytes.Buffer
	if err := tmpl.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// wrapped writes s with esc in place of the action of tmpl.
func wrapped(tmpl string, esc func(escWriter, string), s string) string {
	before, after, _ := strings.Cut(tmpl, "{{.}}")
	var b bytes.Buffer
	b.WriteString(before)
	esc(&b, s)
	b.WriteString(after)
	return b.String()
}
