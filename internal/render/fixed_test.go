package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFixedPartialsSameBytes: a page laid out with the fixed partials made
// once for its locale and cloud is byte for byte the page that runs them
// itself, and the theme makes every one of them (a fixed partial that read
// a field FixedData leaves out would differ here).
func TestFixedPartialsSameBytes(t *testing.T) {
	l, diags := Load(t.TempDir())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, landing := range []bool{false, true} {
		p := benchPage()
		p.SupportDirectory = "/en-us/support/"
		var inline, fixed bytes.Buffer
		if err := l.ExecuteTo(&inline, p, landing); err != nil {
			t.Fatal(err)
		}
		p.Fixed = l.Fixed(FixedData(p), landing)
		for _, name := range FixedPartials {
			if _, ok := p.Fixed[name]; !ok {
				t.Errorf("the theme's %q is not made once per locale and cloud", name)
			}
		}
		if err := l.ExecuteTo(&fixed, p, landing); err != nil {
			t.Fatal(err)
		}
		if inline.String() != fixed.String() {
			t.Errorf("landing=%v: the page differs with fixed partials:\n%s\n---\n%s", landing, inline.String(), fixed.String())
		}
		if !strings.Contains(fixed.String(), `<link rel="stylesheet" href="/main.css">`) || !strings.Contains(fixed.String(), `<footer class="site-footer">`) {
			t.Error("the fixed partials are missing from the page")
		}
	}
}

// TestFixedPartialOverridden: a site's own partial of the same name may
// read anything of the page, so it is run for every page.
func TestFixedPartialOverridden(t *testing.T) {
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "layouts", "partials"), 0o755)
	os.WriteFile(filepath.Join(site, "layouts", "partials", "footer.html"),
		[]byte(`{{define "footer"}}<footer>{{.Title}}</footer>{{end}}`), 0o644)
	l, diags := Load(site)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, title := range []string{"First page", "Second page"} {
		p := benchPage()
		p.Title = title
		p.Fixed = l.Fixed(FixedData(p), false)
		if _, ok := p.Fixed["footer"]; ok {
			t.Fatal("the site's own footer is made once per locale and cloud")
		}
		if _, ok := p.Fixed["site-title"]; !ok {
			t.Error("the theme's site title is no longer made once")
		}
		var buf bytes.Buffer
		if err := l.ExecuteTo(&buf, p, false); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "<footer>"+title+"</footer>") {
			t.Errorf("the footer of %q does not show its title", title)
		}
	}
}
