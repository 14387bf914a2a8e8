package build

import (
	"path/filepath"
	"testing"

	"github.com/docloom/docloom/internal/browsertest"
)

// A :::video with max-width is no wider than that in the browser, under
// the site's no-inline-style policy (the page script applies the limit);
// without JavaScript it takes the column's width.
func TestVideoMaxWidthInBrowser(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": "title: V\nlocales:\n  - code: en-us\n",
		"content/en-us/index.md": "# Videos\n\n" +
			":::video source=\"https://example.invalid/player\" title=\"Demo\" max-width=\"400\":::\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: site, Out: out})
	br := browsertest.Start(t)
	base := browsertest.Serve(t, out)
	width := `document.querySelector(".embeddedvideo iframe").getBoundingClientRect().width`

	p := br.NewPage(t, browsertest.PageOptions{})
	p.Navigate(base + "/en-us/default/")
	if w := browsertest.Eval[float64](p, width); w <= 0 || w > 400 {
		t.Errorf("the video is %.0f px wide, want at most 400", w)
	}
	noJS := br.NewPage(t, browsertest.PageOptions{NoJavaScript: true})
	noJS.Navigate(base + "/en-us/default/")
	if w := browsertest.Eval[float64](noJS, width); w <= 400 {
		t.Errorf("without JavaScript the video is %.0f px wide, want the column's width", w)
	}
}
