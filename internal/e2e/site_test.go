package e2e

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// resolve maps a root-relative URL to the file the static host would serve
// for it, or "" when there is none.
func resolve(out, u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	if !strings.HasPrefix(u, "/") {
		return ""
	}
	p := filepath.Join(out, filepath.FromSlash(u))
	if strings.HasSuffix(u, "/") {
		p = filepath.Join(p, "index.html")
	}
	if st, err := os.Stat(p); err == nil && !st.IsDir() {
		return p
	}
	if st, err := os.Stat(filepath.Join(p, "index.html")); err == nil && !st.IsDir() {
		return filepath.Join(p, "index.html")
	}
	// Pages are x.html, served at /x as Netlify does.
	if st, err := os.Stat(p + ".html"); err == nil && !st.IsDir() && !strings.HasSuffix(u, "/") {
		return p + ".html"
	}
	return ""
}

var hrefRE = regexp.MustCompile(`\shref="([^"]*)"`)

// hrefs are the link targets in an HTML fragment, entities decoded.
func hrefs(fragment string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(fragment, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// section is the HTML from the first match of start up to the next end.
func section(doc, start, end string) string {
	i := strings.Index(doc, start)
	if i < 0 {
		return ""
	}
	j := strings.Index(doc[i:], end)
	if j < 0 {
		return doc[i:]
	}
	return doc[i : i+j]
}

// text is the visible text of HTML: tags dropped, entities decoded, spaces
// collapsed.
func text(s string) string {
	s = regexp.MustCompile(`(?s)<script.*?</script>|<[^>]+>`).ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

// variant is the page's locale, cloud and path below them, from the URL
// the file is published at.
func variant(out, file string) (locale, cloud, rest string) {
	rel, _ := filepath.Rel(out, file)
	parts := strings.SplitN(filepath.ToSlash(rel), "/", 3)
	if len(parts) < 3 {
		return "", "", ""
	}
	return parts[0], parts[1], strings.TrimSuffix(strings.TrimSuffix(parts[2], "index.html"), ".html")
}
