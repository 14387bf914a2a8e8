package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/docloom/docloom/internal/browsertest"
)

// TestCountryPickerFinds types, into the fixture slice's country picker,
// what readers type instead of the listed name: dialling codes, names CLDR
// has outside its territory names (the United Kingdom's countries,
// "Holland", short and variant forms, native names), and checks the
// 21Vianet section of China's panel is labelled with its cloud.
func TestCountryPickerFinds(t *testing.T) {
	out := fixtureSite(t)
	base := serveWithHeaders(t, out, loadNetlify(t).Headers["/*"])
	b := browsertest.Start(t)
	const combo = `[data-country-picker] [role="combobox"]`
	p := b.NewPage(t, browsertest.PageOptions{TimeZone: "Europe/Amsterdam", Now: time.Date(2026, 3, 26, 9, 0, 0, 0, time.UTC)})
	options := func(q string) []string {
		p.Do(chromedp.Focus(chromedp.CSS(combo)), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(q))
		return browsertest.Eval[[]string](p, `(() => { const b = document.querySelector('[data-country-picker] [role="listbox"]'); return b.hidden ? [] : [...b.querySelectorAll('[role=option]')].map(o => o.textContent); })()`)
	}
	first := func(lang, q, want string) {
		t.Helper()
		if got := options(q); len(got) == 0 || got[0] != want {
			t.Errorf("%s: %q finds %v, want %s first", lang, q, got, want)
		}
	}
	p.Navigate(base + "/nl-nl/o365-worldwide/microsoft-365/admin/contact-support-for-business-products")
	p.Do(chromedp.WaitReady(chromedp.CSS(combo)))
	for q, want := range map[string]string{
		"Holland": "Nederland", "Engeland": "Verenigd Koninkrijk", "England": "Verenigd Koninkrijk",
		"Schotland": "Verenigd Koninkrijk", "Scotland": "Verenigd Koninkrijk", "Wales": "Verenigd Koninkrijk",
		"UK": "Verenigd Koninkrijk", "VS": "Verenigde Staten", "USA": "Verenigde Staten", "Deutschland": "Duitsland",
		"UAE": "Verenigde Arabische Emiraten", "Türkiye": "Turkije", "Turkiye": "Turkije", "Czechia": "Tsjechië",
		"Zuid-Korea": "Korea", "+49": "Duitsland", "0049": "Duitsland", "+49 69 380 789": "Duitsland",
		"0800 589": "Duitsland",
	} {
		first("nl-nl", q, want)
	}
	// A calling code shared by several countries finds them all.
	got := "|" + strings.Join(options("+1"), "|") + "|"
	for _, w := range []string{"Verenigde Staten", "Canada", "Jamaica", "Bahama's", "Puerto Rico"} {
		if !strings.Contains(got, "|"+w+"|") {
			t.Errorf("+1 finds %s: %s is missing", got, w)
		}
	}
	if strings.Contains(got, "|Duitsland|") {
		t.Errorf("+1 finds %s", got)
	}
	// A whole number written internationally finds the countries that list
	// it first, however they write it ("1 800 865 9408", "800-865-9408").
	if got := options("+1 800 865 9408"); len(got) < 4 || !contains(got[:4], "Canada") || !contains(got[:4], "Bahama's") || contains(got, "Australië") {
		t.Errorf("+1 800 865 9408 finds %v", got)
	} else {
		t.Logf("+1 800 865 9408 finds %v", got)
	}
	if got := options("+49 800 589 2332"); len(got) != 1 || got[0] != "Duitsland" {
		t.Errorf("+49 800 589 2332 finds %v", got)
	}
	// Then the countries that list a number of that code (Russian numbers
	// in Kyrgyzstan's list).
	if got := options("+7"); len(got) < 2 || strings.Join(got[:2], ",") != "Kazachstan,Rusland" {
		t.Errorf("+7 finds %v, want Kazakhstan and Russia first", got)
	}

	// China's 21Vianet number and lines say which cloud they are for.
	first("nl-nl", "China", "China (PRC) (中国)")
	p.Do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=china-prc]`)))
	labels := browsertest.Eval[[]string](p, `[...document.querySelectorAll('.cp-panel .cp-cloud')].map(s => s.closest('li').className + ': ' + s.textContent)`)
	want := []string{"cp-phone: alleen 21Vianet", "cp-line: alleen 21Vianet", "cp-line: alleen 21Vianet", "cp-line: alleen 21Vianet"}
	if strings.Join(labels, "\n") != strings.Join(want, "\n") {
		t.Errorf("China's cloud labels:\n%s\nwant\n%s", strings.Join(labels, "\n"), strings.Join(want, "\n"))
	}
	if tel := browsertest.Eval[string](p, `document.querySelector('.cp-panel .cp-cloud').closest('li').querySelector('a').textContent`); tel != "+86 4000 890 365" {
		t.Errorf("the 21Vianet label is on %q", tel)
	}

	// English: "UK" is the United Kingdom before Ukraine's "uk…".
	// The English page keeps the picker in its "phone" tab.
	p.Navigate(base + "/en-us/o365-worldwide/microsoft-365/admin/contact-support-for-business-products")
	p.Do(chromedp.WaitReady(chromedp.CSS(combo)), chromedp.Click(chromedp.CSS(`#tab_1_phone`)), chromedp.WaitVisible(chromedp.CSS(combo)))
	for q, want := range map[string]string{"UK": "United Kingdom", "Holland": "Netherlands", "Scotland": "United Kingdom",
		"Deutschland": "Germany", "US": "United States", "+44": "United Kingdom", "+64": "New Zealand"} {
		first("en-us", q, want)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
