package assets

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCodeColoursContrast checks every token colour of the code theme
// (static/css/code.css) against the code block's background and a marked
// line's, in the light, dark and high-contrast themes: WCAG AA asks
// 4.5:1 for text. axe checks the colours it meets on a page; this checks
// all of them.
func TestCodeColoursContrast(t *testing.T) {
	data, err := os.ReadFile("../../static/css/code.css")
	if err != nil {
		t.Fatal(err)
	}
	css := string(data)
	root := block(t, css, ":root {")
	contrastTheme := block(t, css, `:root[data-theme="contrast"] {`)
	themes := map[string]map[string]string{
		"light":    cssVars(root, 0),
		"dark":     cssVars(root, 1),
		"contrast": cssVars(contrastTheme, 0),
	}
	tokens := []string{"k", "s", "c", "n", "f", "v", "t", "del", "ins", "muted"}
	for _, name := range []string{"light", "dark", "contrast"} {
		vars := themes[name]
		for _, bg := range []string{"--code-bg", "--code-hl-bg"} {
			for _, tok := range tokens {
				fg := "--code-" + tok
				a, ok1 := vars[fg]
				b, ok2 := vars[bg]
				if !ok1 || !ok2 {
					t.Fatalf("%s: %s or %s not set", name, fg, bg)
				}
				if r := contrast(a, b); r < 4.5 {
					t.Errorf("%s: %s %s on %s %s has contrast %.2f, below 4.5", name, fg, a, bg, b, r)
				}
			}
		}
	}
}

// block returns the declarations of the rule that starts with head.
func block(t *testing.T, css, head string) string {
	t.Helper()
	i := strings.Index(css, head)
	if i < 0 {
		t.Fatalf("code.css has no %s", head)
	}
	rest := css[i+len(head):]
	return rest[:strings.IndexByte(rest, '}')]
}

var varRE = regexp.MustCompile(`(--code-[a-z-]+):\s*(?:light-dark\(\s*(#[0-9a-fA-F]{6})\s*,\s*(#[0-9a-fA-F]{6})\s*\)|(#[0-9a-fA-F]{6}))`)

// cssVars returns each --code-* colour of decls: for light-dark() values
// the first (light, which=0) or the second (dark, which=1).
func cssVars(decls string, which int) map[string]string {
	out := map[string]string{}
	for _, m := range varRE.FindAllStringSubmatch(decls, -1) {
		switch {
		case m[4] != "":
			out[m[1]] = m[4]
		case which == 0:
			out[m[1]] = m[2]
		default:
			out[m[1]] = m[3]
		}
	}
	return out
}

func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

func contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}
