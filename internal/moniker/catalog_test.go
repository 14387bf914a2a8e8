package moniker

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

func diagPos(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }

// netcore is the catalog of dfm-spec §3.2's examples plus a second product
// and a product-less cloud.
func netcore(t testing.TB) *Catalog {
	t.Helper()
	var ms []Moniker
	for _, v := range []string{"1.0", "1.1", "1.2", "1.3", "2.0", "3.0"} {
		ms = append(ms, Moniker{Name: "netcore-" + v, Product: ".NET Core"})
	}
	ms = append(ms,
		Moniker{Name: "netframework-4.5", Product: ".NET Framework"},
		Moniker{Name: "netframework-4.8", Product: ".NET Framework"},
		Moniker{Name: "o365-worldwide"})
	c, err := NewCatalog(ms)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestNewCatalog(t *testing.T) {
	c, err := NewCatalog([]Moniker{
		{Name: "O365-Worldwide", Display: "Microsoft 365 (wereldwijd)"},
		{Name: "o365-21vianet", Display: "21Vianet"},
		{Name: "o365-germany"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Moniker{
		{Name: "o365-worldwide", Display: "Microsoft 365 (wereldwijd)"},
		{Name: "o365-21vianet", Display: "21Vianet"},
		{Name: "o365-germany", Display: "Office 365 Germany"},
	}
	if got := c.Monikers(); !reflect.DeepEqual(got, want) {
		t.Errorf("Monikers() = %+v\nwant %+v", got, want)
	}
	c.Monikers()[0].Name = "changed"
	if c.Moniker(0).Name != "o365-worldwide" {
		t.Error("Monikers() must return a copy")
	}
	if c.Len() != 3 || c.All() != 0b111 {
		t.Errorf("Len=%d All=%b", c.Len(), c.All())
	}
	for _, name := range []string{"o365-germany", "O365-GERMANY", "o365-Germany"} {
		if i, ok := c.Index(name); !ok || i != 2 {
			t.Errorf("Index(%q) = %d, %v", name, i, ok)
		}
	}
	if _, ok := c.Index("o365"); ok {
		t.Error("Index must not match a prefix")
	}
	if (c.Moniker(-1) != Moniker{} || c.Moniker(3) != Moniker{}) {
		t.Error("Moniker out of range must be zero")
	}
}

func TestNewCatalogRejects(t *testing.T) {
	many := make([]Moniker, MaxMonikers+1)
	for i := range many {
		many[i].Name = fmt.Sprintf("m%d", i)
	}
	for _, tc := range []struct {
		ms   []Moniker
		want string
	}{
		{[]Moniker{{Name: "a"}, {Name: ""}}, "moniker #2 has an empty name"},
		{[]Moniker{{Name: "a b"}}, `moniker name "a b" is invalid`},
		{[]Moniker{{Name: "=a"}}, `moniker name "=a" is invalid`},
		{[]Moniker{{Name: "a||b"}}, `moniker name "a||b" is invalid`},
		{[]Moniker{{Name: "a\xff"}}, `is invalid`},
		{[]Moniker{{Name: "a"}, {Name: "b"}, {Name: "A"}}, `moniker "a" is defined twice (#1 and #3)`},
		{many, "moniker catalog has 65 monikers; at most 64 are supported"},
	} {
		c, err := NewCatalog(tc.ms)
		if err == nil || !strings.Contains(err.Error(), tc.want) || c != nil {
			t.Errorf("NewCatalog(%v): got %v, want error containing %q", tc.ms, err, tc.want)
		}
	}
}

func TestFullCatalog(t *testing.T) {
	ms := make([]Moniker, MaxMonikers)
	for i := range ms {
		ms[i].Name = fmt.Sprintf("v%02d", i)
	}
	c, err := NewCatalog(ms)
	if err != nil {
		t.Fatal(err)
	}
	if c.All() != ^Set(0) || c.All().Len() != 64 {
		t.Errorf("All() of a full catalog = %x", c.All())
	}
	s, err := c.Parse(">= v62")
	if err != nil || !reflect.DeepEqual(s.Names(c), []string{"v62", "v63"}) {
		t.Errorf(">= v62: %v %v", s.Names(c), err)
	}
	s, err = c.Parse("< v01 || > v62")
	if err != nil || !reflect.DeepEqual(s.Indices(), []int{0, 63}) {
		t.Errorf("< v01 || > v62: %v %v", s.Indices(), err)
	}
}

func TestUnicodeNames(t *testing.T) {
	c, err := NewCatalog([]Moniker{{Name: "Größe-1"}, {Name: "größe-2"}})
	if err != nil {
		t.Fatal(err)
	}
	s, err := c.Parse(">= GRÖSSE-1")
	if err == nil {
		t.Errorf("ß does not fold to SS in simple case folding; got %v", s.Names(c))
	}
	s, err = c.Parse(">=\u00a0GRÖßE-1")
	if err != nil || s.Len() != 2 {
		t.Errorf("no-break space and upper-case umlaut: %v %v", s.Names(c), err)
	}
}

func TestSet(t *testing.T) {
	c := netcore(t)
	s := c.Set("netcore-1.1", "O365-WORLDWIDE", "unknown", "netcore-1.0")
	if got, want := s.Names(c), []string{"netcore-1.0", "netcore-1.1", "o365-worldwide"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %v, want %v", got, want)
	}
	if got, want := s.Indices(), []int{0, 1, 8}; !reflect.DeepEqual(got, want) {
		t.Errorf("Indices = %v, want %v", got, want)
	}
	if s.Len() != 3 || s.Empty() || !s.Has(8) || s.Has(2) || s.Has(-1) || s.Has(64) || s.Has(1000) {
		t.Errorf("Len/Empty/Has wrong for %b", s)
	}
	var empty Set
	if !empty.Empty() || empty.Names(c) != nil || empty.Indices() != nil || empty.Range(c) != "" {
		t.Error("empty set")
	}
	if got := Set(1 << 40).Names(c); got != nil {
		t.Errorf("bits beyond the catalog must not name anything: %v", got)
	}
	if got := s.Range(c); got != "=netcore-1.0 || =netcore-1.1 || =o365-worldwide" {
		t.Errorf("Range = %q", got)
	}
	if back, err := c.Parse(s.Range(c)); err != nil || back != s {
		t.Errorf("Parse(Range) = %b, %v; want %b", back, err, s)
	}
}

func TestFromRanges(t *testing.T) {
	ms, err := FromRanges([]string{
		"=o365-worldwide || =o365-21vianet",
		"",
		"=O365-Worldwide || =o365-21vianet || =o365-germany",
		">= v2 v1",
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		if m.Display != DisplayName(m.Name) || m.Product != "" {
			t.Errorf("derived moniker %+v: want Display = DisplayName(Name) and no product", m)
		}
		names = append(names, m.Name)
	}
	if want := []string{"o365-worldwide", "o365-21vianet", "o365-germany", "v2", "v1"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names = %v, want %v", names, want)
	}
	c, err := NewCatalog(ms)
	if err != nil {
		t.Fatalf("derived monikers must make a valid catalog: %v", err)
	}
	if s, _ := c.Parse("=o365-worldwide || =o365-21vianet || =o365-germany"); s.Len() != 3 {
		t.Errorf("docset range on derived catalog: %v", s.Names(c))
	}

	if ms, err := FromRanges(nil); err != nil || len(ms) != 0 {
		t.Errorf("FromRanges(nil) = %v, %v", ms, err)
	}

	_, err = FromRanges([]string{"=a", "=b ||"})
	var re *RangeError
	if !errors.As(err, &re) || re.Offset != 5 || !strings.Contains(err.Error(), `"=b ||"`) {
		t.Errorf("syntax error: got %v", err)
	}

	var many []string
	for i := 0; i <= MaxMonikers; i++ {
		many = append(many, fmt.Sprintf("=m%d", i))
	}
	if _, err := FromRanges(many); err == nil || !strings.Contains(err.Error(), "more than 64") {
		t.Errorf("too many: got %v", err)
	}
}
