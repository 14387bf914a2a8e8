package hours_test

// Browser tests of the support-hours client (static/ts/hours): the Intl-only
// evaluator on the fixed-instant cases, the country picker's statuses in two
// reader zones, its keyboard behaviour, pre-selection and persistence, and the
// page without JavaScript. The TypeScript is bundled in-process with esbuild.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/docloom/docloom/internal/browsertest"
	"github.com/evanw/esbuild/pkg/api"
)

const (
	browserTSRoot  = "../../static/ts"
	browserCSS     = "../../static/css/hours.css"
	browserFixture = "testdata/browser"
)

// browserBundle bundles one TypeScript entry the way the site does (IIFE,
// one file), optionally minified.
func browserBundle(t *testing.T, entry string, minify bool) []byte {
	t.Helper()
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{entry},
		Bundle:            true,
		Write:             false,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		Outfile:           "out.js",
		MinifyWhitespace:  minify,
		MinifyIdentifiers: minify,
		MinifySyntax:      minify,
		LogLevel:          api.LogLevelSilent,
	})
	for _, m := range res.Errors {
		t.Errorf("esbuild %s: %s (%v)", entry, m.Text, m.Location)
	}
	if len(res.Errors) > 0 || len(res.OutputFiles) != 1 {
		t.Fatalf("esbuild %s: %d errors, %d outputs", entry, len(res.Errors), len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents
}

// browserSite writes the test page, both bundles, the stylesheet and the
// fixture directory into a temporary folder and serves it.
func browserSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"main.js":    browserBundle(t, filepath.Join(browserTSRoot, "main.ts"), false),
		"harness.js": browserBundle(t, filepath.Join(browserFixture, "harness.ts"), false),
	}
	for dst, src := range map[string]string{
		"index.html":                  filepath.Join(browserFixture, "page.html"),
		"hours.css":                   browserCSS,
		"_docloom/support/nl-nl.json": filepath.Join(browserFixture, "directory.json"),
	} {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		files[dst] = b
	}
	// The build writes the widget's phrases next to the bundle.
	phrases, _ := filepath.Glob(filepath.Join(browserTSRoot, "hours/phrases/*.json"))
	for _, f := range phrases {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files["hours-phrases/"+filepath.Base(f)] = b
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return browsertest.Serve(t, dir) + "/index.html"
}

// browserCase is one fixed-instant case: is schedule open at instant in zone,
// and when does that next change (null: not within a week).
type browserCase struct {
	Name     string  `json:"name"`
	ID       string  `json:"id"`
	Zone     string  `json:"zone"`
	Schedule string  `json:"schedule"`
	Instant  string  `json:"instant"`
	Open     bool    `json:"open"`
	Next     *string `json:"next"`
}

// browserCases reads the case list shared with the Go evaluator's tests, so
// both evaluators answer the same questions.
func browserCases(t *testing.T) []browserCase {
	t.Helper()
	b, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cs []browserCase
	if err := json.Unmarshal(b, &cs); err != nil {
		// The shared file may wrap the list in an object.
		var wrapped struct{ Cases []browserCase }
		if err2 := json.Unmarshal(b, &wrapped); err2 != nil || len(wrapped.Cases) == 0 {
			t.Fatalf("reading cases: %v", err)
		}
		cs = wrapped.Cases
	}
	return cs
}

func browserTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("bad instant %q: %v", s, err)
	}
	return v
}

// browserLine is what a reader sees of one hours line in the details panel.
type browserLine struct {
	Group  string `json:"group"`
	Label  string `json:"label"`
	State  string `json:"state"`
	Status string `json:"status"`
}

func browserLines(p *browsertest.Page) []browserLine {
	return browsertest.Eval[[]browserLine](p, `[...document.querySelectorAll('.cp-panel .cp-line')].map(li => ({
		group: li.dataset.group,
		label: (li.querySelector('.cp-line-label') || {}).textContent || '',
		state: li.dataset.state || '',
		status: (li.querySelector('.hours-status') || {}).textContent || '',
	}))`)
}

func browserWaitPicker(p *browsertest.Page) {
	p.Do(chromedp.WaitReady(chromedp.CSS(`input[role=combobox]`)))
}

// browserChoose types query into the combobox, moves to the first option and
// selects it, as a keyboard user would.
func browserChoose(p *browsertest.Page, query string) {
	p.Do(
		chromedp.Focus(chromedp.CSS(`input[role=combobox]`)),
		chromedp.KeyEvent(kb.Escape), // close the list if open
		chromedp.KeyEvent(kb.Escape), // clear the field
		chromedp.KeyEvent(query),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
	)
}

func TestBrowser(t *testing.T) {
	site := browserSite(t)
	b := browsertest.Start(t)

	t.Run("evaluator-cases", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{})
		p.Navigate(site)
		for i, c := range browserCases(t) {
			name := c.Name
			if name == "" {
				name = "case-" + c.ID
			}
			t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
				p.SetNow(browserTime(t, c.Instant))
				q, _ := json.Marshal([]string{c.Schedule, c.Zone})
				got := browsertest.Eval[*struct {
					Open bool    `json:"open"`
					Next *string `json:"next"`
				}](p, `__hoursTest.at(...`+string(q)+`, 'en-US', 'UTC')`)
				if got == nil {
					t.Fatalf("case %d: %q in %s did not evaluate", i, c.Schedule, c.Zone)
				}
				if got.Open != c.Open {
					t.Errorf("%q in %s at %s: open = %v, want %v", c.Schedule, c.Zone, c.Instant, got.Open, c.Open)
				}
				switch {
				case c.Next == nil && got.Next != nil:
					t.Errorf("%q in %s at %s: next = %s, want none", c.Schedule, c.Zone, c.Instant, *got.Next)
				case c.Next != nil && got.Next == nil:
					t.Errorf("%q in %s at %s: next = none, want %s", c.Schedule, c.Zone, c.Instant, *c.Next)
				case c.Next != nil && !browserTime(t, *got.Next).Equal(browserTime(t, *c.Next)):
					t.Errorf("%q in %s at %s: next = %s, want %s", c.Schedule, c.Zone, c.Instant, *got.Next, *c.Next)
				}
			})
		}
	})

	// The widget's sentences in three non-Latin locales at fixed instants:
	// phrases from phrases.json, weekdays from Intl.DateTimeFormat and plural
	// forms from Intl.PluralRules (Russian 63 часа, 65 часов, 1 минуту).
	t.Run("non-latin-locales", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{Now: browserTime(t, "2026-03-27T16:00:00Z")})
		p.Navigate(site)
		for _, c := range []struct{ schedule, zone, locale, reader, want string }{
			{"Mo-Fr 09:00-17:00", "Europe/Berlin", "ru-RU", "Europe/Berlin", "Закрыто, откроется: понедельник, 09:00 Центральная Европа (через 2 дня 15 часов)"},
			{"Mo-Fr 11:00-17:00", "Europe/Berlin", "ru-RU", "Europe/Berlin", "Закрыто, откроется: понедельник, 11:00 Центральная Европа (через 2 дня 17 часов)"},
			{"Mo-Fr 08:00-21:00", "Europe/Moscow", "ru-RU", "Europe/Berlin", "Сейчас открыто, закроется в 21:00 Москва, стандартное время (19:00 по вашему времени, Центральная Европа)"},
			{"Fr 10:00-17:01", "Europe/Berlin", "ru-RU", "Europe/Berlin", "Сейчас открыто, закроется в 17:01 Центральная Европа"},
			{"Sa 17:01-20:00", "Europe/Berlin", "ru-RU", "Europe/Berlin", "Закрыто, откроется: суббота, 17:01 Центральная Европа (через 1 день)"},
			{"Mo-Fr 09:00-17:00", "Europe/Berlin", "ja-JP", "Europe/Berlin", "営業時間外、月曜日 09:00 中央ヨーロッパ時間 に開始 (あと 2 日 15 時間)"},
			{"Mo-Fr 09:00-18:00", "Asia/Tokyo", "ja-JP", "Europe/Berlin", "営業時間外、月曜日 09:00 日本標準時 に開始 (あと 2 日 8 時間; あなたの時間で 月曜日 02:00、中央ヨーロッパ時間)"},
			{"24/7", "Asia/Tokyo", "ja-JP", "Asia/Tokyo", "24 時間年中無休"},
			{"Mo-Fr 09:00-17:00", "Europe/Berlin", "zh-CN", "Europe/Berlin", "已休息，星期一 09:00 中欧时间 开始 (2 天 15 小时后)"},
			{"Mo-Su 08:00-20:00", "Asia/Shanghai", "zh-CN", "Asia/Shanghai", "已休息，08:00 中国标准时间 开始 (8 小时后)"},
			{"Fr 17:30-18:00", "Europe/Berlin", "zh-CN", "Europe/Berlin", "已休息，17:30 中欧时间 开始 (30 分钟后)"},
			{"Mo-Fr 09:00-17:00", "Europe/Berlin", "zh-CN", "Asia/Shanghai", "已休息，星期一 09:00 中欧时间 开始 (2 天 15 小时后; 你的时间 星期一 15:00，中国标准时间)"},
		} {
			q, _ := json.Marshal([]string{c.schedule, c.zone, c.locale, c.reader})
			got := browsertest.Eval[string](p, `__hoursTest.at(...`+string(q)+`).text`)
			if got != c.want {
				t.Errorf("%s %q in %s:\n got %s\nwant %s", c.locale, c.schedule, c.zone, got, c.want)
			}
		}
		// The picker's result count and cloud label (phrases "results" and
		// "cloudOnly", filled for every language): Russian has three forms
		// for whole numbers, Japanese and Chinese one.
		for _, c := range []struct {
			locale string
			n      int
			want   string
		}{
			{"ru-RU", 1, "1 страна или регион"}, {"ru-RU", 3, "3 страны и региона"}, {"ru-RU", 5, "5 стран и регионов"},
			{"ru-RU", 21, "21 страна или регион"}, {"ru-RU", 246, "246 стран и регионов"},
			{"ja-JP", 1, "1 件の国と地域"}, {"ja-JP", 246, "246 件の国と地域"},
			{"zh-CN", 2, "2 个国家和地区"},
		} {
			q, _ := json.Marshal([]any{c.locale, "results", c.n})
			if got := browsertest.Eval[string](p, `__hoursTest.count(...`+string(q)+`)`); got != c.want {
				t.Errorf("%s results for %d: got %q, want %q", c.locale, c.n, got, c.want)
			}
		}
		for locale, want := range map[string]string{"ru-RU": "только 21Vianet", "ja-JP": "21Vianet のみ", "zh-CN": "仅限 21Vianet"} {
			if got := browsertest.Eval[string](p, `__hoursTest.cloudOnly('`+locale+`', '21Vianet')`); got != want {
				t.Errorf("%s cloud label: got %q, want %q", locale, got, want)
			}
		}
	})

	t.Run("english-and-unknown-zone", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{Now: browserTime(t, "2026-03-27T16:00:00Z")})
		p.Navigate(site)
		got := browsertest.Eval[string](p, `__hoursTest.at('Mo-Fr 09:00-17:00', 'Europe/Berlin', 'en-US', 'America/New_York').text`)
		want := "Closed, opens Monday 09:00 Central European Time (in 2 days 15 hours; Monday 03:00 your time, Eastern Time)"
		if got != want {
			t.Errorf("English status:\n got %s\nwant %s", got, want)
		}
		got = browsertest.Eval[string](p, `__hoursTest.at('Mo-Fr 08:00-21:00', 'Europe/Berlin', 'en-US', 'America/New_York').text`)
		if want := "Open now, closes at 21:00 Central European Time (16:00 your time, Eastern Time)"; got != want {
			t.Errorf("English status:\n got %s\nwant %s", got, want)
		}
		if v := browsertest.Eval[bool](p, `__hoursTest.at('24/7', 'Mars/Olympus_Mons', 'en-US', 'UTC') === null`); !v {
			t.Error("an unknown zone should not evaluate (the page keeps its text)")
		}
	})

	germany := func(t *testing.T, zone, instant string, want []browserLine) {
		p := b.NewPage(t, browsertest.PageOptions{TimeZone: zone, Now: browserTime(t, instant)})
		p.Navigate(site)
		browserWaitPicker(p)
		browserChoose(p, "duits")
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=germany]`)))
		tel := browsertest.Eval[string](p, `(document.querySelector('.cp-panel a[href^="tel:"]') || {}).outerHTML || ''`)
		if !strings.Contains(tel, `href="tel:08005892332"`) || !strings.Contains(tel, ">0800 589 2332<") {
			t.Errorf("main number is not a tel: link: %s", tel)
		}
		page := browsertest.Eval[string](p, `document.querySelector('.cp-panel a.cp-page').getAttribute('href')`)
		if page != "../support/germany/" {
			t.Errorf("country page link = %q, want the list item's href", page)
		}
		got := browserLines(p)
		if len(got) != len(want) {
			t.Fatalf("lines = %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("line %d:\n got %+v\nwant %+v", i, got[i], want[i])
			}
		}
		p.Screenshot("germany")
	}
	always := browserLine{"technical", "Engels", "open", "Altijd open, 24 uur per dag en 7 dagen per week"}

	t.Run("germany-open-berlin-reader", func(t *testing.T) {
		germany(t, "Europe/Berlin", "2026-03-27T08:00:00Z", []browserLine{
			{"billing", "Duits", "open", "Nu open, sluit om 17:00 Midden-Europese tijd"},
			{"billing", "Engels", "open", "Nu open, sluit om 17:00 Midden-Europese tijd"},
			{"technical", "Duits", "open", "Nu open, sluit om 21:00 Midden-Europese tijd"},
			always,
		})
	})
	t.Run("germany-open-new-york-reader", func(t *testing.T) {
		germany(t, "America/New_York", "2026-03-27T08:00:00Z", []browserLine{
			{"billing", "Duits", "open", "Nu open, sluit om 17:00 Midden-Europese tijd (12:00 uw tijd, Eastern-tijd)"},
			{"billing", "Engels", "open", "Nu open, sluit om 17:00 Midden-Europese tijd (12:00 uw tijd, Eastern-tijd)"},
			{"technical", "Duits", "open", "Nu open, sluit om 21:00 Midden-Europese tijd (16:00 uw tijd, Eastern-tijd)"},
			always,
		})
	})
	t.Run("germany-closed-over-weekend", func(t *testing.T) {
		germany(t, "Europe/Berlin", "2026-03-27T16:00:00Z", []browserLine{
			{"billing", "Duits", "closed", "Gesloten, opent maandag 09:00 Midden-Europese tijd (over 2 dagen 15 uur)"},
			{"billing", "Engels", "closed", "Gesloten, opent maandag 09:00 Midden-Europese tijd (over 2 dagen 15 uur)"},
			{"technical", "Duits", "open", "Nu open, sluit om 21:00 Midden-Europese tijd"},
			always,
		})
	})

	t.Run("keyboard", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{TimeZone: "UTC", Now: browserTime(t, "2026-03-27T08:00:00Z")})
		p.Navigate(site)
		browserWaitPicker(p)
		label := browsertest.Eval[string](p, `(() => {
			const i = document.querySelector('input[role=combobox]');
			return i.labels.length === 1 ? i.labels[0].textContent : 'labels: ' + i.labels.length;
		})()`)
		if label != "Selecteer uw land of regio" {
			t.Errorf("combobox label = %q", label)
		}
		type comboState struct {
			Expanded string   `json:"expanded"`
			Options  []string `json:"options"`
			Active   string   `json:"active"`
			Value    string   `json:"value"`
			Country  string   `json:"country"`
		}
		state := func() comboState {
			return browsertest.Eval[comboState](p, `(() => {
				const i = document.querySelector('input[role=combobox]');
				const box = document.getElementById(i.getAttribute('aria-controls'));
				const act = document.getElementById(i.getAttribute('aria-activedescendant') || '');
				return {
					expanded: i.getAttribute('aria-expanded'),
					options: box.hidden ? [] : [...box.querySelectorAll('[role=option]')].map(o => o.textContent),
					active: act && act.getAttribute('aria-selected') === 'true' ? act.textContent : '',
					value: i.value,
					country: (document.querySelector('.cp-panel') || {dataset: {}}).dataset.country || '',
				};
			})()`)
		}
		p.Do(chromedp.Focus(chromedp.CSS(`input[role=combobox]`)), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent("germ"))
		if s := state(); s.Expanded != "true" || strings.Join(s.Options, "|") != "Duitsland" || s.Active != "" {
			t.Errorf("after typing germ: %+v", s)
		}
		p.Do(chromedp.KeyEvent(kb.ArrowDown))
		if s := state(); s.Active != "Duitsland" {
			t.Errorf("after ArrowDown: %+v", s)
		}
		p.Do(chromedp.KeyEvent(kb.Enter))
		if s := state(); s.Expanded != "false" || s.Value != "Duitsland" || s.Country != "germany" {
			t.Errorf("after Enter: %+v", s)
		}
		p.Do(chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent("cote"))
		if s := state(); strings.Join(s.Options, "|") != "Côte d'Ivoire" {
			t.Errorf("accent-insensitive filter: %+v", s)
		}
		p.Do(chromedp.KeyEvent(kb.Escape))
		if s := state(); s.Expanded != "false" || s.Country != "germany" {
			t.Errorf("Escape should close the list and keep the choice: %+v", s)
		}
		browserChoose(p, "nepal")
		if got := browserLines(p); len(got) != 1 || got[0].Status != "" || got[0].State != "" {
			t.Errorf("a line without schedule shows its text only: %+v", got)
		}
	})

	t.Run("preselect-zone-then-remember", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{TimeZone: "Europe/Amsterdam", AcceptLanguage: "en-US,en", Now: browserTime(t, "2026-03-27T08:00:00Z")})
		p.Navigate(site)
		browserWaitPicker(p)
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=netherlands]`)))
		if v := browsertest.Run(p, chromedp.Value(chromedp.CSS(`input[role=combobox]`))); v != "Nederland" {
			t.Errorf("pre-selected value = %q, want Nederland", v)
		}
		// A line whose hours were read from the default locale's page shows
		// that line, in the page's language.
		if o := browsertest.Eval[[]string](p, `[...document.querySelectorAll('.cp-panel .cp-original')].map(e => e.textContent)`); len(o) != 1 || o[0] != "(Origineel: English: Mon-Fri 9 AM-5 PM)" {
			t.Errorf("original line shown as %q", o)
		}
		browserChoose(p, "duits")
		p.Reload()
		browserWaitPicker(p)
		p.Do(chromedp.WaitVisible(chromedp.CSS(`.cp-panel[data-country=germany]`)))
	})

	t.Run("inline-hours", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{TimeZone: "Asia/Shanghai", Now: browserTime(t, "2026-03-27T15:59:00Z")})
		p.Navigate(site)
		p.Do(chromedp.WaitReady(chromedp.CSS(`.hours + .hours-status[data-state]`)))
		got := browsertest.Run(p, chromedp.Text(chromedp.CSS(`.hours + .hours-status`)))
		if got != "Nu open, sluit om 24:00 Chinese standaardtijd" {
			t.Errorf("inline status = %q", got)
		}
	})

	t.Run("no-javascript", func(t *testing.T) {
		p := b.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
		p.Navigate(site)
		html := browsertest.Run(p, chromedp.OuterHTML(chromedp.CSS(`body`)))
		for _, want := range []string{`<a href="../support/germany/">Duitsland</a>`, `id="sel-1-label"`} {
			if !strings.Contains(html, want) {
				t.Errorf("without JavaScript the page lacks %s", want)
			}
		}
		for _, bad := range []string{`role="combobox"`, `hours-status`} {
			if strings.Contains(html, bad) {
				t.Errorf("without JavaScript the page has %s", bad)
			}
		}
	})
}

// TestBrowserBundleSize reports the gzipped size of the minified site bundle
// (static/ts/main.ts) and keeps it within a budget, so the hours client stays
// a few KB. It needs no browser.
func TestBrowserBundleSize(t *testing.T) {
	js := browserBundle(t, filepath.Join(browserTSRoot, "main.ts"), true)
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(js)
	w.Close()
	t.Logf("static/ts/main.ts: %d bytes minified, %d bytes gzipped", len(js), buf.Len())
	// The hours client plus the page chrome (theme, outline, sidebar
	// filter, scroll regions, ?view= redirect: about 1.5 KB) and the site
	// search (about 4.5 KB).
	const budget = 16 << 10
	if buf.Len() > budget {
		t.Errorf("bundle is %d bytes gzipped, over the %d-byte budget", buf.Len(), budget)
	}
}
