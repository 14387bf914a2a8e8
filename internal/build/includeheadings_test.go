package build

import (
	"strings"
	"testing"
)

// Headings written in an include are the page's: "In this article" lists
// them where the include stands, and bookmarks to them are valid, in the
// clouds where the include shows. An edit to the include updates both in a
// serve session.
func TestIncludedHeadings(t *testing.T) {
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml": "title: I\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/guide.md": "# Guide\n\n## Before\n\n[!INCLUDE [steps](includes/steps.md)]\n\n## After\n\n" +
			"::: moniker range=\"b\"\n\n[!INCLUDE [extra](includes/extra.md)]\n\n::: moniker-end\n",
		"content/en-us/includes/steps.md":  "## Sign in\n\nText.\n\n[!INCLUDE [nested](nested.md)]\n",
		"content/en-us/includes/nested.md": "### Nested step\n\nMore.\n",
		"content/en-us/includes/extra.md":  "## Only in b\n\nB text.\n",
		"content/en-us/links.md":           "# Links\n\n[a](guide.md#sign-in) [b](guide.md#nested-step) [c](guide.md#only-in-b)\n",
	})
	s, res := Open(Options{Site: site})
	warnings := func(res *Result) string {
		var out []string
		for _, d := range res.Diags {
			out = append(out, d.String())
		}
		return strings.Join(out, "\n")
	}
	all := warnings(res)
	if strings.Contains(all, "#sign-in") || strings.Contains(all, "#nested-step") || strings.Contains(all, "#only-in-b is not a heading or anchor of content/en-us/guide.md in b") {
		t.Errorf("a bookmark to an included heading is reported missing:\n%s", all)
	}
	if !strings.Contains(all, "#only-in-b is not a heading or anchor of content/en-us/guide.md in a") {
		t.Errorf("a bookmark to a heading that shows only in b is not reported in a:\n%s", all)
	}
	ita := func(cloud string) string {
		data, _ := s.Lookup("en-us/" + cloud + "/guide.html")
		page := string(data)
		i := strings.Index(page, `class="in-this-article"`)
		if i < 0 {
			t.Fatalf("%s: no In this article:\n%s", cloud, page)
		}
		return page[i:]
	}
	a, b := ita("a"), ita("b")
	order := []string{"#before", "#sign-in", "#nested-step", "#after"}
	last := -1
	for _, id := range order {
		j := strings.Index(a, `href="`+id+`"`)
		if j < 0 || j < last {
			t.Errorf("In this article (a) lacks %s or has it out of order:\n%s", id, a)
		}
		last = j
	}
	if strings.Contains(a, "#only-in-b") || !strings.Contains(b, `href="#only-in-b"`) {
		t.Errorf("the heading of a cloud-b include is listed in the wrong clouds:\na: %s\nb: %s", a, b)
	}
	writeSite(t, site, map[string]string{"content/en-us/includes/steps.md": "## Log on\n\nText.\n"})
	if res, _ := s.Update([]string{site + "/content/en-us/includes/steps.md"}); res.Failed(false) {
		t.Fatalf("update failed: %s", warnings(res))
	}
	if a := ita("a"); !strings.Contains(a, `href="#log-on"`) || strings.Contains(a, "#sign-in") {
		t.Errorf("In this article not updated after the include changed:\n%s", a)
	}
}
