package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/docloom/docloom/internal/browsertest"
)

// colorScheme emulates prefers-color-scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
		return err
	})
}

// view is what a reader sees of the page, measured in the browser.
type view struct {
	Variant         string  `json:"variant"`
	LanguageSummary string  `json:"language"`
	CloudSummary    string  `json:"cloud"`
	TOCOpen         bool    `json:"tocOpen"`
	TOCLinkVisible  bool    `json:"tocLinkVisible"`
	AlertTitles     string  `json:"alertTitles"`
	AlertIconWidth  float64 `json:"alertIconWidth"`
	AlertIconMask   string  `json:"alertIconMask"`
	Combobox        bool    `json:"combobox"`
	CountryLinks    int     `json:"countryLinks"`
	MainWidth       float64 `json:"mainWidth"`
	ScrollWidth     float64 `json:"scrollWidth"`
	SidebarX        float64 `json:"sidebarX"`
	ContentX        float64 `json:"contentX"`
	AsideX          float64 `json:"asideX"`
}

const viewJS = `(() => {
	const q = s => document.querySelector(s);
	const txt = s => (q(s) ? q(s).textContent.replace(/\s+/g, ' ').trim() : '');
	const box = s => q(s) ? q(s).getBoundingClientRect() : {x: -1, width: 0};
	const link = q('.toc-disclosure a');
	const icon = q('.alert-icon');
	const countries = [...document.querySelectorAll('.op-single-selector a')].filter(a => a.checkVisibility());
	return {
		variant: txt('.page-variant'),
		language: txt('.picker-language > summary'),
		cloud: txt('.picker-cloud > summary'),
		tocOpen: !!(q('.toc-disclosure') && q('.toc-disclosure').open),
		tocLinkVisible: !!(link && link.checkVisibility() && link.getBoundingClientRect().height > 0),
		alertTitles: [...document.querySelectorAll('.alert-title')].map(e => e.textContent.trim()).join('|'),
		alertIconWidth: icon ? icon.getBoundingClientRect().width : 0,
		alertIconMask: icon ? (getComputedStyle(icon).maskImage || getComputedStyle(icon).webkitMaskImage) : '',
		combobox: !!q('[data-country-picker] [role="combobox"]'),
		countryLinks: countries.length,
		mainWidth: box('main').width,
		scrollWidth: document.documentElement.scrollWidth,
		sidebarX: box('.sidebar').x,
		contentX: box('.content').x,
		asideX: box('.in-this-article').x,
	};
})()`

// TestReaderView takes screenshots of the support page in both locales and
// two clouds at phone and desktop widths and checks what a reader sees.
func TestReaderView(t *testing.T) {
	out := exampleSite(t)
	base := browsertest.Serve(t, out)
	b := browsertest.Start(t)
	variants := []struct {
		locale, cloud, variant, language, cloudSummary, alert string
		countryPicker                                         bool
	}{
		{"en-us", "o365-worldwide", "You are reading: English (United States) · Worldwide", "Language: English (United States)", "Cloud: Worldwide", "Important", true},
		{"nl-nl", "o365-21vianet", "U leest: Nederlands (Nederland) · Operated by 21Vianet (China)", "Taal: Nederlands (Nederland)", "Cloud: Operated by 21Vianet (China)", "", false},
		{"en-us", "o365-germany", "You are reading: English (United States) · Germany", "Language: English (United States)", "Cloud: Germany", "Note", false},
		{"nl-nl", "o365-worldwide", "U leest: Nederlands (Nederland) · Worldwide", "Taal: Nederlands (Nederland)", "Cloud: Worldwide", "", true},
	}
	for _, v := range variants {
		for _, width := range []int64{390, 1280} {
			for _, js := range []bool{true, false} {
				name := fmt.Sprintf("%s-%s-%d", v.locale, v.cloud, width)
				if !js {
					name += "-nojs"
				}
				t.Run(name, func(t *testing.T) {
					p := b.NewPage(t, browsertest.PageOptions{NoJavaScript: !js})
					p.Do(chromedp.EmulateViewport(width, 900))
					p.Navigate(base + "/" + v.locale + "/" + v.cloud + "/admin/contact-support")
					if js && v.countryPicker {
						// The widget starts once its directory has loaded.
						p.Do(chromedp.WaitReady(chromedp.CSS(`[data-country-picker] [role="combobox"]`)))
					}
					p.Screenshot(name)
					got := browsertest.Eval[view](p, viewJS)
					if got.Variant != v.variant {
						t.Errorf("variant line %q, want %q", got.Variant, v.variant)
					}
					if got.LanguageSummary != v.language || got.CloudSummary != v.cloudSummary {
						t.Errorf("picker summaries %q / %q, want %q / %q", got.LanguageSummary, got.CloudSummary, v.language, v.cloudSummary)
					}
					if got.AlertTitles == "" || got.AlertIconWidth < 10 || !strings.Contains(got.AlertIconMask, "svg") {
						t.Errorf("alerts: titles %q, icon width %.0f, mask %.40q", got.AlertTitles, got.AlertIconWidth, got.AlertIconMask)
					}
					if v.alert != "" && !strings.HasPrefix(got.AlertTitles, v.alert) {
						t.Errorf("first alert title %q, want %q", got.AlertTitles, v.alert)
					}
					if got.ScrollWidth > float64(width) {
						t.Errorf("the page scrolls sideways: %.0f px wide in a %d px window", got.ScrollWidth, width)
					}
					if width == 390 {
						if got.TOCOpen || got.TOCLinkVisible {
							t.Errorf("at phone width the table of contents is open (%v) or visible (%v)", got.TOCOpen, got.TOCLinkVisible)
						}
						if got.MainWidth < 330 {
							t.Errorf("at phone width the content is %.0f px wide", got.MainWidth)
						}
					} else {
						if !got.TOCLinkVisible {
							t.Error("at desktop width the table of contents is hidden")
						}
						if !(got.SidebarX < got.ContentX && got.ContentX < got.AsideX) {
							t.Errorf("desktop columns out of order: sidebar %.0f, content %.0f, in this article %.0f", got.SidebarX, got.ContentX, got.AsideX)
						}
					}
					if v.countryPicker {
						if js && !got.Combobox {
							t.Error("with JavaScript the country picker has no combobox")
						}
						if !js && (got.Combobox || got.CountryLinks < 10) {
							t.Errorf("without JavaScript: combobox %v, %d country links visible", got.Combobox, got.CountryLinks)
						}
					}
				})
			}
		}
	}
}

// TestPhoneTOCToggle: at phone width the table of contents opens from its
// toggle, with the keyboard.
func TestPhoneTOCToggle(t *testing.T) {
	base := browsertest.Serve(t, exampleSite(t))
	b := browsertest.Start(t)
	p := b.NewPage(t, browsertest.PageOptions{})
	p.Do(chromedp.EmulateViewport(390, 844))
	p.Navigate(base + "/nl-nl/o365-worldwide/admin/contact-support")
	p.Do(chromedp.Focus(".toc-disclosure > summary"), chromedp.KeyEvent("\r"))
	if !browsertest.Eval[bool](p, `document.querySelector('.toc-disclosure a').checkVisibility()`) {
		t.Error("Enter on the table of contents toggle does not show it")
	}
	p.Screenshot("toc-open")
}

// TestSkipLinkAndFocus: the first Tab shows the skip link with a focus
// ring, Enter moves to the main content; links show a focus outline.
func TestSkipLinkAndFocus(t *testing.T) {
	base := browsertest.Serve(t, exampleSite(t))
	b := browsertest.Start(t)
	p := b.NewPage(t, browsertest.PageOptions{})
	p.Navigate(base + "/en-us/o365-worldwide/admin/contact-support")
	p.Do(chromedp.KeyEvent("\t"))
	type focus struct {
		Class   string  `json:"cls"`
		X       float64 `json:"x"`
		Outline string  `json:"outline"`
	}
	const focusJS = `(() => { const e = document.activeElement; const s = getComputedStyle(e);
		return {cls: e.className || e.tagName, x: e.getBoundingClientRect().x, outline: s.outlineStyle + ' ' + s.outlineWidth}; })()`
	f := browsertest.Eval[focus](p, focusJS)
	if f.Class != "skip-link" || f.X < 0 || !strings.HasPrefix(f.Outline, "solid") {
		t.Errorf("first Tab focuses %+v, want the visible skip link with an outline", f)
	}
	p.Screenshot("skip-link")
	p.Do(chromedp.KeyEvent("\r"))
	if got := browsertest.Eval[string](p, `document.activeElement.id`); got != "main" {
		t.Errorf("after the skip link, focus is on %q, want main", got)
	}
	p.Do(chromedp.KeyEvent("\t"))
	if f := browsertest.Eval[focus](p, focusJS); !strings.HasPrefix(f.Outline, "solid") {
		t.Errorf("the next focused element (%s) shows no focus outline: %s", f.Class, f.Outline)
	}
}
