package build

import (
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Files named with #, ?, %20 and spaces get URLs that lead to them: every
// href in bodies, the sidebar and sitemap <loc> is percent-encoded, and
// decodes to the file that was written. Links without an extension and
// links to folders are checked like the rest.
func TestURLsOfOddFileNamesArePercentEncoded(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"docloom.yaml": "baseURL: https://x.example/docs/\nlocales:\n  - code: en-us\n",
		"content/en-us/index.md": "# Home\n\n[1](c%23.md) [2](what%3F.md) [3](<a b.md>) [4](a%20b.md) [5](100%2520.md)\n" +
			"[6](a%20b) [7](sub/) [8](missing-page) [9](nofolder/) ![10](media/my%20logo.png)\n",
		"content/en-us/c#.md":             "# C sharp\n",
		"content/en-us/what?.md":          "# What\n",
		"content/en-us/a b.md":            "# A b\n",
		"content/en-us/100%20.md":         "# Percent\n",
		"content/en-us/sub/index.md":      "# Sub\n",
		"content/en-us/media/my logo.png": "png",
		"content/en-us/toc.yml":           "- name: C sharp\n  href: c%23.md\n- name: Space\n  href: a b.md\n- name: Percent\n  href: 100%2520.md\n",
	})
	out := filepath.Join(dir, "public")
	res := Run(Options{Site: dir, Out: out})
	var notFound []string
	for _, d := range res.Diags {
		if d.Code == "file-not-found" {
			notFound = append(notFound, d.Message)
		}
	}
	if len(notFound) != 2 || !strings.Contains(notFound[0]+notFound[1], "missing-page") || !strings.Contains(notFound[0]+notFound[1], "nofolder/") {
		t.Errorf("file-not-found: %q, want missing-page and nofolder/ (all: %v)", notFound, res.Diags)
	}
	home := readFile(t, filepath.Join(out, "en-us/default/index.html"))
	hrefs := regexp.MustCompile(`(?:href|src)="([^"]+)"`).FindAllStringSubmatch(home, -1)
	want := map[string]bool{"c%23": false, "what%3F": false, "a%20b": false, "100%2520": false, "sub/": false, "../media/my%20logo.png": false}
	for _, m := range hrefs {
		h := strings.ReplaceAll(m[1], "&amp;", "&")
		if _, ok := want[h]; ok {
			want[h] = true
		}
		if strings.HasPrefix(h, "http") || strings.HasPrefix(h, "#") || strings.Contains(h, "missing-page") || strings.Contains(h, "nofolder") {
			continue
		}
		// Every relative href resolves, as a browser would, to a file written.
		u, err := url.Parse(h)
		if err != nil {
			t.Errorf("href %q: %v", h, err)
			continue
		}
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Join("/docs/en-us/default/", p)
		}
		if strings.HasSuffix(u.Path, "/") {
			p += "/index"
		}
		rel := strings.TrimPrefix(p, "/docs/")
		found := false
		for _, f := range []string{rel, rel + ".html"} {
			if st, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err == nil && !st.IsDir() {
				found = true
			}
		}
		if !found {
			t.Errorf("href %q leads to /%s, which was not written", h, rel)
		}
	}
	for h, seen := range want {
		if !seen {
			t.Errorf("no href %q in the home page", h)
		}
	}
	sitemap := readFile(t, filepath.Join(out, "en-us/sitemap.xml"))
	for _, loc := range []string{"https://x.example/docs/en-us/default/c%23", "https://x.example/docs/en-us/default/a%20b", "https://x.example/docs/en-us/default/100%2520"} {
		if !strings.Contains(sitemap, "<loc>"+loc+"</loc>") {
			t.Errorf("sitemap has no <loc>%s</loc>:\n%s", loc, sitemap)
		}
	}
	if strings.Contains(sitemap, " b<") || strings.Contains(sitemap, "c#") {
		t.Errorf("sitemap carries unencoded paths:\n%s", sitemap)
	}
}

func readFile(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
