package moniker

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite testdata golden files with the current results")

// TestParseGolden runs testdata/ranges.txtar. Each file in the archive is a
// scenario: "catalog [product]: names…" lines build the catalog (products
// in line order), then each case line reads
//
//	expr -> names in catalog order | (empty) | error @offset: message
//
// An expr with leading or trailing blanks, or containing " -> ", is written
// as a Go quoted string. Lines starting with # are comments.
func TestParseGolden(t *testing.T) {
	const file = "testdata/ranges.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	for fi := range ar.Files {
		f := &ar.Files[fi]
		t.Run(f.Name, func(t *testing.T) {
			out, diff := runScenario(t, string(f.Data))
			if diff && *update {
				f.Data = []byte(out)
				changed = true
			}
		})
	}
	if changed {
		if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

// runScenario checks one archive file and returns its text with every
// result replaced by the actual one, and whether anything differed.
func runScenario(t *testing.T, data string) (string, bool) {
	t.Helper()
	var ms []Moniker
	var cat *Catalog
	var out strings.Builder
	diff := false
	for n, line := range strings.Split(strings.TrimSuffix(data, "\n"), "\n") {
		out.WriteString(line)
		out.WriteByte('\n')
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "catalog"):
			head, names, ok := strings.Cut(strings.TrimPrefix(line, "catalog"), ":")
			if !ok {
				t.Fatalf("line %d: catalog line needs ':'", n+1)
			}
			for _, name := range strings.Fields(names) {
				ms = append(ms, Moniker{Name: name, Product: strings.TrimSpace(head)})
			}
			if cat, _ = NewCatalog(ms); cat == nil {
				t.Fatalf("line %d: bad catalog", n+1)
			}
			continue
		}
		raw, expr, want, err := splitCase(line)
		if err != nil {
			t.Fatalf("line %d: %v", n+1, err)
		}
		got := result(cat, expr)
		if got != want {
			diff = true
			if !*update {
				t.Errorf("line %d: Parse(%q)\n got: %s\nwant: %s", n+1, expr, got, want)
			}
		}
		// Replace the line just written with the actual result.
		s := out.String()
		out.Reset()
		out.WriteString(s[:len(s)-len(line)-1])
		fmt.Fprintf(&out, "%s -> %s\n", raw, got)
	}
	return out.String(), diff
}

// splitCase reads "expr -> want"; raw is the expr as written in the file.
func splitCase(line string) (raw, expr, want string, err error) {
	if strings.HasPrefix(line, `"`) {
		raw, err = strconv.QuotedPrefix(line)
		if err != nil {
			return "", "", "", err
		}
		expr, _ = strconv.Unquote(raw)
		rest, ok := strings.CutPrefix(line[len(raw):], " -> ")
		if !ok {
			return "", "", "", fmt.Errorf("want ' -> ' after quoted expression")
		}
		return raw, expr, rest, nil
	}
	raw, want, ok := strings.Cut(line, " -> ")
	if !ok {
		return "", "", "", fmt.Errorf("want 'expr -> result'")
	}
	return raw, raw, want, nil
}

// result renders Parse's answer the way the golden file spells it.
func result(c *Catalog, expr string) string {
	s, err := c.Parse(expr)
	if err != nil {
		var re *RangeError
		if !errors.As(err, &re) {
			return "non-RangeError: " + err.Error()
		}
		if re.Code != CodeRangeInvalid {
			return "wrong code " + re.Code
		}
		return fmt.Sprintf("error @%d: %s", re.Offset, re.Msg)
	}
	if s.Empty() {
		return "(empty)"
	}
	return strings.Join(s.Names(c), " ")
}

func TestParseDoesNotAllocate(t *testing.T) {
	c := netcore(t)
	for _, expr := range []string{
		"o365-worldwide",
		"=NETCORE-1.1 || >= netcore-1.3 < netcore-3.0",
		"  ",
	} {
		allocs := testing.AllocsPerRun(100, func() {
			if _, err := c.Parse(expr); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("Parse(%q) allocates %v times; zones are parsed per page, keep it at 0", expr, allocs)
		}
	}
}

func TestNilCatalogParse(t *testing.T) {
	var c *Catalog
	if s, err := c.Parse(""); err != nil || !s.Empty() {
		t.Errorf("empty range on nil catalog: %v, %v", s, err)
	}
	_, err := c.Parse("a")
	var re *RangeError
	if !errors.As(err, &re) || re.Msg != "moniker 'a' is not defined; the site defines no monikers" {
		t.Errorf("nil catalog: got %v", err)
	}
}

func TestRangeErrorDiagnostic(t *testing.T) {
	c := netcore(t)
	_, err := c.Parse(">= nope")
	var re *RangeError
	if !errors.As(err, &re) {
		t.Fatalf("want RangeError, got %v", err)
	}
	d := re.Diagnostic(diagPos("a.md", 3, 20))
	if got, want := d.String(), "a.md:3:23: error moniker-range-invalid: moniker 'nope' is not defined; known: netcore-1.0, netcore-1.1, netcore-1.2, netcore-1.3, netcore-2.0, netcore-3.0, netframework-4.5, netframework-4.8, o365-worldwide"; got != want {
		t.Errorf("diagnostic:\n got: %s\nwant: %s", got, want)
	}
	if got := err.Error(); !strings.HasPrefix(got, "offset 3: moniker 'nope'") {
		t.Errorf("Error() = %q", got)
	}
}

func BenchmarkParse(b *testing.B) {
	c, err := NewCatalog([]Moniker{{Name: "o365-worldwide"}, {Name: "o365-21vianet"}, {Name: "o365-germany"}})
	if err != nil {
		b.Fatal(err)
	}
	for _, expr := range []string{"o365-21vianet", "=o365-worldwide || =o365-21vianet || =o365-germany"} {
		b.Run(strconv.Itoa(len(expr)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Parse(expr)
			}
		})
	}
}

func TestParseLenient(t *testing.T) {
	cat, err := NewCatalog([]Moniker{{Name: "a-1"}, {Name: "a-2"}, {Name: "b"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		expr      string
		want      []string
		undefined []string
		err       bool
	}{
		{"b", []string{"b"}, nil, false},
		{"zz", nil, []string{"zz"}, false},
		{"b || zz", []string{"b"}, []string{"zz"}, false},
		{">=a-1 zz || b || zz", []string{"b"}, []string{"zz"}, false},
		{"b ||", nil, nil, true},
	} {
		set, undef, err := cat.ParseLenient(c.expr)
		if (err != nil) != c.err {
			t.Errorf("%q: err %v", c.expr, err)
			continue
		}
		if got := set.Names(cat); strings.Join(got, ",") != strings.Join(c.want, ",") || strings.Join(undef, ",") != strings.Join(c.undefined, ",") {
			t.Errorf("%q = %v (undefined %v), want %v (undefined %v)", c.expr, got, undef, c.want, c.undefined)
		}
	}
	if _, err := cat.Parse("zz"); err == nil {
		t.Error("Parse accepts an undefined moniker")
	}
}
