package hours

import (
	"fmt"

	"github.com/docloom/docloom/internal/fixtures"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pageStats is what the reader makes of one locale's test pages.
type pageStats struct {
	pages, full     int // pages, and pages whose hours lines all have a schedule
	lines, parsed   int // hours lines, and lines with a schedule
	own, fallback   int // lines read from their own text, and from the original
	notes           int
	phones, noPhone int // numbers found, and pages without any number or notice
	phoneWarns      int // lines under a phone heading not understood
	warns           []string
}

// scanTranslated parses testdata/pages/<locale>/*.md, each with the
// default-locale page of the same country when testdata/pages/en-us has
// one.
func scanTranslated(t *testing.T, locale string) (pageStats, []Country) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata/pages", locale, "*.md"))
	if len(files) == 0 {
		t.Fatalf("no test pages for %s", locale)
	}
	sort.Strings(files)
	var st pageStats
	var all []Country
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		slug := strings.TrimSuffix(filepath.Base(f), ".md")
		var opt PageOptions
		// The default locale's page: the test copy, else the fixture's.
		def, err := os.ReadFile(filepath.Join("testdata/pages/en-us", slug+".md"))
		if err != nil {
			if p, ok := fixtures.Find("en-us/microsoft-365/admin/support/" + slug + ".md"); ok {
				def, err = os.ReadFile(p)
			}
		}
		if err == nil {
			d, _ := ParseCountryPage(slug+".md", def, "en-us")
			opt.Default = &d
		}
		c, ds := ParseCountryPageWith(filepath.ToSlash(filepath.Join(locale, slug+".md")), src, locale, opt)
		st.pages++
		ok := true
		for _, d := range ds {
			if d.Code == CodeUnparsed {
				ok = false
			}
			if d.Code == CodePhoneUnparsed {
				st.phoneWarns++
			}
			if d.Code != CodePlainHeading {
				st.warns = append(st.warns, d.String())
			}
		}
		if ok {
			st.full++
		}
		for _, l := range c.Lines {
			st.lines++
			if l.Schedule != nil {
				st.parsed++
				if l.Original != "" {
					st.fallback++
				} else {
					st.own++
				}
			}
		}
		st.notes += len(c.Notes)
		st.phones += len(c.Phones)
		if len(c.Phones) == 0 && c.Notice == "" {
			st.noPhone++
		}
		all = append(all, c)
	}
	return st, all
}

func (s pageStats) String() string {
	return fmt.Sprintf("%d/%d pages parse fully; %d/%d hours lines have a schedule (%d from their own text, %d from the original); %d notes; %d numbers, %d pages without one",
		s.full, s.pages, s.parsed, s.lines, s.own, s.fallback, s.notes, s.phones, s.noPhone)
}

// TestTranslatedPages measures the reader on real translated country pages
// (testdata/pages, see PROVENANCE.md there). Per language the goal is 95%
// of hours lines with a schedule; the lines the reader still cannot read
// are warned with file:line.
func TestTranslatedPages(t *testing.T) {
	for _, tt := range []struct {
		locale            string
		minFull, minLines int // pages that parse fully; lines with a schedule, in percent
		minOwn            int // lines read from the translation itself, in percent
	}{
		{"de-de", 19, 95, 90},
		{"fr-fr", 12, 95, 85},
		{"es-es", 10, 95, 90},
		{"it-it", 8, 95, 90},
		{"pt-br", 8, 95, 70},
		{"sv-se", 11, 95, 90},
		{"da-dk", 5, 95, 90},
		{"pl-pl", 7, 95, 90},
		{"tr-tr", 8, 95, 90},
		{"ru-ru", 9, 95, 80},
		{"ja-jp", 9, 95, 65},
		{"zh-cn", 6, 95, 90},
		{"zh-tw", 7, 95, 90},
		{"ko-kr", 8, 95, 85},
	} {
		t.Run(tt.locale, func(t *testing.T) {
			st, _ := scanTranslated(t, tt.locale)
			t.Logf("%s: %s", tt.locale, st)
			for _, w := range st.warns {
				t.Log(w)
			}
			if st.full < tt.minFull || st.parsed*100 < tt.minLines*st.lines || st.own*100 < tt.minOwn*st.lines {
				t.Errorf("%s: %s; want at least %d full pages, %d%% of lines, %d%% from their own text", tt.locale, st, tt.minFull, tt.minLines, tt.minOwn)
			}
			if st.notes != 0 {
				t.Errorf("%s: %d notes (lines read as neither hours, numbers, charges, notices nor dialling steps)", tt.locale, st.notes)
			}
			if st.phoneWarns != 0 {
				t.Errorf("%s: %d lines under a phone heading not understood", tt.locale, st.phoneWarns)
			}
			if st.noPhone != 0 {
				t.Errorf("%s: %d pages without a phone number", tt.locale, st.noPhone)
			}
		})
	}
}
