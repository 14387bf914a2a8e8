package build

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestTitleGuess(t *testing.T) {
	for _, c := range []struct{ body, rel, want string }{
		{"# TabExpansion2\n\n## SYNOPSIS\n", "ref/TabExpansion2.md", "TabExpansion2"},
		{"\n\n  ## about_Profiles ##\ntext\n", "a/x.md", "about_Profiles"},
		{"### Három kérdés: válaszok\n", "a/x.md", "Három kérdés: válaszok"},
		{"# A #hashtag\n", "a/x.md", "x"},
		{"# The `x` option\n", "a/opt.md", "opt"},
		{"# <a name=\"a\"></a>Anchored\n", "a/anchored.md", "anchored"},
		{"# _emphasis_\n", "a/e.md", "e"},
		{"# :smile: face\n", "a/s.md", "s"},
		{"#### Deep\n", "a/deep.md", "deep"},
		{"Text first\n# Later\n", "a/later.md", "later"},
		{"#NoSpace\n", "a/n.md", "n"},
		{"    # indented code\n", "a/code.md", "code"},
		{"#\n", "a/empty.md", "empty"},
		{"", "a/none.md", "none"},
	} {
		if got := titleGuess([]byte(c.body), c.rel); got != c.want {
			t.Errorf("titleGuess(%q) = %q, want %q", c.body, got, c.want)
		}
	}
}

var emptyLinkRE = regexp.MustCompile(`<a href="[^"]*"(?: aria-current="page")?></a>`)

// A TOC entry without a name of its own shows its page's title, also when
// the page's title is its first heading and the entry is laid out in
// pages rendered before that page is parsed: never an empty link.
func TestUntitledPagesNamedInTOC(t *testing.T) {
	defer func(n int) { sharedTOCMin = n }(sharedTOCMin)
	for _, shared := range []int{0, 1 << 30} {
		sharedTOCMin = shared
		site := t.TempDir()
		files := map[string]string{
			"docloom.yaml":          "title: T\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n",
			"content/en-us/TOC.yml": "- name: Home\n  href: home.md\n- href: untitled.md\n- href: marked.md\n",
			// The heading's text is all the parse can name these pages by.
			"content/en-us/untitled.md": "---\nms.date: 01/02/2024\n---\n# Untitled Heading\n\nText.\n",
			"content/en-us/marked.md":   "# The `x` option\n\nText.\n",
		}
		var pages []string
		for i := 0; i < 40; i++ {
			name := "p" + string(rune('a'+i/26)) + string(rune('a'+i%26))
			files["content/en-us/"+name+".md"] = "# Page " + name + "\n"
			pages = append(pages, "en-us/a/"+name+".html")
		}
		files["content/en-us/home.md"] = "# Home\n"
		writeSite(t, site, files)
		buildWithin(t, site, 30*time.Second)
		outs := append(pages, "en-us/a/home.html", "en-us/a/untitled.html", "en-us/a/marked.html")
		if shared == 0 {
			outs = append(outs, "_docloom/toc/en-us/a/toc.html")
		}
		for _, rel := range outs {
			html := readOut(t, site, rel)
			if m := emptyLinkRE.FindString(html); m != "" {
				t.Errorf("shared %v: %s has an empty link %s", shared == 0, rel, m)
			}
			if strings.Contains(rel, "/a/p") && !strings.Contains(html, `<a href="/en-us/a/untitled">Untitled Heading</a>`) {
				t.Errorf("shared %v: %s does not name the untitled page by its heading", shared == 0, rel)
			}
		}
	}
}
