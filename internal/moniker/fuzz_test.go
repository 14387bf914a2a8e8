package moniker

import (
	"errors"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks the promises callers rely on: Parse never panics, an
// error is always a RangeError pointing inside the text, a result never
// names a moniker outside the catalog, and writing a result back as
// "=a || =b" gives the same set. FromRanges must agree with Parse on what is
// well-formed. Seeds are every expression of the golden file.
func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/ranges.txtar"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if _, expr, _, err := splitCase(line); err == nil {
				f.Add(expr)
			}
		}
	}
	f.Add(">= netcore-1.1 < netcore-2.0 || netcore-3.0")
	c := netcore(f)
	f.Fuzz(func(t *testing.T, expr string) {
		s, err := c.Parse(expr)
		if err != nil {
			checkRangeError(t, expr, err)
		} else {
			if s&^c.All() != 0 {
				t.Fatalf("Parse(%q) = %b: bits outside the catalog", expr, s)
			}
			back, err := c.Parse(s.Range(c))
			if err != nil || back != s {
				t.Fatalf("Parse(%q) = %v, but Parse(%q) = %v, %v", expr, s.Names(c), s.Range(c), back.Names(c), err)
			}
			if isASCII(expr) {
				if up, err := c.Parse(strings.ToUpper(expr)); err != nil || up != s {
					t.Fatalf("upper-casing %q changed the result: %v, %v", expr, up.Names(c), err)
				}
			}
		}

		_, derr := FromRanges([]string{expr})
		var dre *RangeError
		switch {
		case derr == nil:
			// Well-formed: Parse may only object to a name.
			if err != nil && !strings.HasPrefix(err.(*RangeError).Msg, "moniker '") {
				t.Fatalf("FromRanges accepts %q but Parse reports %v", expr, err)
			}
		case errors.As(derr, &dre):
			checkRangeError(t, expr, dre)
			var pre *RangeError
			if !errors.As(err, &pre) || pre.Offset > dre.Offset {
				t.Fatalf("FromRanges rejects %q at %d but Parse gives %v", expr, dre.Offset, err)
			}
		default:
			if !strings.Contains(derr.Error(), "more than") {
				t.Fatalf("FromRanges(%q): unexpected error %v", expr, derr)
			}
		}
	})
}

func checkRangeError(t *testing.T, expr string, err error) {
	t.Helper()
	re, ok := err.(*RangeError)
	if !ok {
		t.Fatalf("Parse(%q): error %T is not a *RangeError", expr, err)
	}
	if re.Offset < 0 || re.Offset > len(expr) {
		t.Fatalf("Parse(%q): offset %d outside [0,%d]", expr, re.Offset, len(expr))
	}
	if re.Code != CodeRangeInvalid || re.Msg == "" || !utf8.ValidString(re.Msg) {
		t.Fatalf("Parse(%q): bad error %+v", expr, re)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
