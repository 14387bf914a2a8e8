package hours

import (
	"strings"
	"testing"
)

func TestSearchNames(t *testing.T) {
	for _, c := range []struct {
		iso, shown string
		locales    []string
		want       []string
	}{
		{"US", "Verenigde Staten", []string{"nl-nl", "en-us"}, []string{"United States", "US", "USA", "VS"}},
		{"GB", "Verenigd Koninkrijk", []string{"nl-nl"}, []string{"United Kingdom", "UK", "GB", "GBR"}},
		{"DE", "Duitsland", []string{"nl-nl"}, []string{"Deutschland", "Germany", "DEU"}},
		{"KR", "Zuid-Korea", []string{"nl-nl"}, []string{"South Korea", "KOR"}},
		{"TR", "Turkije", []string{"nl-nl"}, []string{"Türkiye", "Turkey"}},
		{"AE", "United Arab Emirates", []string{"en-us"}, []string{"UAE", "ARE"}},
		{"CZ", "Tsjechië", []string{"nl-nl"}, []string{"Czechia", "Česko", "CZE"}},
	} {
		got := SearchNames(c.iso, c.shown, c.locales)
		joined := "|" + strings.Join(got, "|") + "|"
		for _, w := range c.want {
			if !strings.Contains(joined, "|"+w+"|") {
				t.Errorf("%s: %v lacks %q", c.iso, got, w)
			}
		}
		for _, g := range got {
			if strings.EqualFold(g, c.shown) {
				t.Errorf("%s: the shown name %q is repeated", c.iso, g)
			}
		}
	}
	if SearchNames("", "x", nil) != nil {
		t.Error("a bad code gives names")
	}
}
