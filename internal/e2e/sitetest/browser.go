package sitetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// AddInitScript runs src in every document the page loads from now on,
// before the document's own scripts (and outside its CSP).
func AddInitScript(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// SamplePages lists a built site's pages in one cloud (the first seen),
// every step-th one when there are more than max.
func SamplePages(t *testing.T, out string, max int) []string {
	var all []string
	for _, f := range Pages(t, out) {
		rel, _ := filepath.Rel(out, f)
		rel = filepath.ToSlash(rel)
		if strings.HasSuffix(rel, "404.html") {
			continue
		}
		all = append(all, "/"+strings.TrimSuffix(strings.TrimSuffix(rel, "index.html"), ".html"))
	}
	if len(all) <= max {
		return all
	}
	step := (len(all) + max - 1) / max
	var out2 []string
	for i := 0; i < len(all); i += step {
		out2 = append(out2, all[i])
	}
	return out2
}
