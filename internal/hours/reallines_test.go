package hours

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// realLine is one entry of testdata/lines/<lang>.txt.
type realLine struct {
	source, text, want string
	tel                bool
	heldOut            bool // collected after the reader's words were set
	line               int
}

func readRealLines(t *testing.T, lang string) []realLine {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/lines", lang+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []realLine
	source, held := "", false
	for i, l := range strings.Split(string(b), "\n") {
		l = strings.TrimRight(l, " \r")
		switch {
		case l == "== held out":
			held = true
		case l == "" || strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "source: "):
			source = strings.TrimPrefix(l, "source: ")
		default:
			text, want, ok := strings.Cut(l, " => ")
			if !ok || source == "" {
				t.Fatalf("%s.txt:%d: want 'LINE => SCHEDULE' after a source line", lang, i+1)
			}
			rl := realLine{source: source, text: text, want: want, heldOut: held, line: i + 1}
			if s, ok := strings.CutPrefix(text, "tel: "); ok {
				rl.text, rl.tel = s, true
			}
			out = append(out, rl)
		}
	}
	return out
}

// TestRealLines measures the reader on hours lines and numbers written in
// Norwegian, Finnish, Czech and Hungarian on public pages (no translated
// country pages exist in these languages; see testdata/lines/README.md).
// Each line must read as the schedule written next to it; the goal is 95%
// of the lines per language, and every number.
func TestRealLines(t *testing.T) {
	for _, tt := range []struct{ lang, locale string }{
		{"nb", "nb-no"}, {"fi", "fi-fi"}, {"cs", "cs-cz"}, {"hu", "hu-hu"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			lx := lexiconFor(tt.locale)
			lines, good, tels, telsGood, held, heldGood := 0, 0, 0, 0, 0, 0
			for _, rl := range readRealLines(t, tt.lang) {
				if rl.tel {
					tels++
					m := phoneRe.FindStringSubmatch(rl.text)
					if m != nil && telDigits(m[1]) == rl.want {
						telsGood++
					} else {
						t.Errorf("%s.txt:%d: number %q not read as %s (source: %s)", tt.lang, rl.line, rl.text, rl.want, rl.source)
					}
					continue
				}
				lines++
				if rl.heldOut {
					held++
				}
				hl := parseHoursLine(rl.text, lx)
				got := "no schedule (" + hl.problem + ")"
				if hl.ok {
					got = hl.schedule.String()
				}
				if hl.ok && got == rl.want {
					good++
					if rl.heldOut {
						heldGood++
					}
				} else {
					t.Logf("%s.txt:%d: %q: got %s, want %s (source: %s)", tt.lang, rl.line, rl.text, got, rl.want, rl.source)
				}
			}
			t.Logf("%s: %d/%d hours lines read as written (of them held out, collected after the words were set: %d/%d), %d/%d numbers", tt.lang, good, lines, heldGood, held, telsGood, tels)
			if good*100 < 95*lines {
				t.Errorf("%s: %d/%d hours lines read as written; want at least 95%%", tt.lang, good, lines)
			}
		})
	}
}
