package e2e

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/publish"
)

// TestCrawl builds the fixture slice and every corpus with the real build
// and follows every link a reader could follow: each href and src of each
// HTML document, resolved as a browser resolves it against the document's
// extensionless URL (x.html is served at /x, a folder's index.html at the
// folder), and each _redirects target, through the _redirects rules as
// Netlify applies them. A link docloom made (the page chrome: head,
// header, pickers, sidebar, breadcrumbs, notices, previous/next, "In this
// article", footer, the redirect stubs and _redirects) that leads nowhere
// fails the test. Broken links of the docset's own content (the article
// body) are counted and logged, to compare with what `docloom check`
// reports.
func TestCrawl(t *testing.T) {
	t.Run("example", func(t *testing.T) {
		crawlSite(t, "example", exampleSite(t), exampleDiags(), "https://docloom-example.netlify.app/")
	})
	t.Run("fixtures", func(t *testing.T) {
		out := fixtureSite(t)
		crawlSite(t, "fixtures", out, fixtureDiags(), "https://fixtures.example/")
	})
	t.Run("corpora", func(t *testing.T) {
		for _, name := range corpora(t) {
			t.Run(name, func(t *testing.T) {
				cb := corpusSite(t, name)
				crawlSite(t, name, cb.Out, cb.Res.Diags, cb.Res.Site.BaseURL)
			})
		}
	})
}

// link is one href or src found in a document.
type link struct {
	region string // "body" for the docset's content, else the chrome part
	raw    string
}

// site is a built site as a static host serves it.
type site struct {
	out     string
	files   map[string]bool // slash paths below out
	rules   []publish.Rule
	host    string // the base URL's host: absolute links to it are the site's
	base    string // the base URL's path, "/" or "/docs/"
	ids     map[string]map[string]bool
	servedC map[string]string
}

func loadSite(t *testing.T, out, baseURL string) *site {
	s := &site{out: out, files: treeFiles(t, out), base: "/", ids: map[string]map[string]bool{}, servedC: map[string]string{}}
	if u, err := url.Parse(baseURL); err == nil {
		s.host = u.Host
		if u.Path != "" {
			s.base = strings.TrimSuffix(u.Path, "/") + "/"
		}
	}
	if s.files["_redirects"] {
		rules, err := publish.ParseRedirects([]byte(read(t, filepath.Join(out, "_redirects"))))
		if err != nil {
			t.Fatalf("_redirects: %v", err)
		}
		s.rules = rules
	}
	return s
}

// file is the published file a static host answers path with, "" for none.
func (s *site) file(p string) string {
	rel := strings.TrimPrefix(p, s.base)
	if !strings.HasPrefix(p, s.base) && p+"/" != s.base {
		return ""
	}
	rel = strings.TrimPrefix(rel, "/")
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		if s.files[rel+"index.html"] {
			return rel + "index.html"
		}
	case s.files[rel]:
		return rel
	case s.files[rel+".html"]:
		return rel + ".html"
	case s.files[rel+"/index.html"]:
		return rel + "/index.html"
	}
	return ""
}

// serve follows a site path (and query) through the host's files and
// _redirects rules, as Netlify does, and returns the file it ends at, or
// an external URL it leaves the site for, or "" when it leads nowhere.
func (s *site) serve(p string, q url.Values) string {
	key := p + "?" + q.Encode()
	if v, ok := s.servedC[key]; ok {
		return v
	}
	res := ""
	for hops := 0; hops < 10; hops++ {
		if f := s.file(p); f != "" && !hasForcedRule(s.rules, p, q) {
			res = f
			break
		}
		r, ok := publish.Evaluate(s.rules, publish.Request{Path: p, Query: q, Languages: []string{"en-US"},
			Exists: func(x string) bool { return s.file(x) != "" }})
		if !ok || r.Status == 404 {
			break
		}
		u, err := url.Parse(r.To)
		if err != nil {
			break
		}
		if u.Host != "" && u.Host != s.host {
			res = r.To
			break
		}
		if r.Status == 200 { // a rewrite: the host serves the target's file
			if f := s.file(u.Path); f != "" {
				res = f
			}
			break
		}
		p, q = u.Path, u.Query()
	}
	s.servedC[key] = res
	return res
}

// hasForcedRule reports whether a forced rule (status with !) other than
// a 404 applies to p even though a file exists there (the ?view= rules).
func hasForcedRule(rules []publish.Rule, p string, q url.Values) bool {
	if len(q) == 0 {
		return false
	}
	r, ok := publish.Evaluate(rules, publish.Request{Path: p, Query: q, Languages: []string{"en-US"}, Exists: func(string) bool { return true }})
	return ok && r.Status != 404
}

// docURL is the URL a document is served at: /x for x.html, the folder
// for index.html.
func (s *site) docURL(rel string) string {
	switch {
	case rel == "index.html":
		return s.base
	case strings.HasSuffix(rel, "/index.html"):
		return s.base + strings.TrimSuffix(rel, "index.html")
	}
	return s.base + strings.TrimSuffix(rel, ".html")
}

// outcome of following one link.
type outcome int

const (
	ok outcome = iota
	external
	skipped
	nowhere
	badFragment
)

// follow resolves raw as found in the document served at from.
func (s *site) follow(from *url.URL, fromFile, raw string) (outcome, string) {
	raw = strings.TrimSpace(raw)
	low := strings.ToLower(raw)
	for _, scheme := range []string{"mailto:", "tel:", "javascript:", "data:", "xref:"} {
		if strings.HasPrefix(low, scheme) {
			if scheme == "xref:" {
				return nowhere, raw // an unresolved xref written as the link
			}
			return skipped, raw
		}
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return nowhere, raw
	}
	u := from.ResolveReference(ref)
	if u.Host != from.Host && u.Host != s.host {
		return external, u.String()
	}
	target := fromFile
	if raw != "" && !strings.HasPrefix(raw, "#") {
		target = s.serve(u.Path, u.Query())
		if target == "" {
			return nowhere, u.Path
		}
		if strings.Contains(target, "://") {
			return external, target
		}
	}
	if u.Fragment != "" && strings.HasSuffix(target, ".html") && !strings.HasPrefix(u.Fragment, "tab/") {
		if !s.idsOf(target)[u.Fragment] {
			return badFragment, u.Path + "#" + u.Fragment
		}
	}
	return ok, u.Path
}

// idsOf lists the id and name attributes of a published HTML file.
func (s *site) idsOf(rel string) map[string]bool {
	if ids, ok := s.ids[rel]; ok {
		return ids
	}
	ids := map[string]bool{}
	data, _ := os.ReadFile(filepath.Join(s.out, rel))
	doc := string(data)
	for _, key := range []string{` id="`, ` name="`} {
		for i := 0; ; {
			j := strings.Index(doc[i:], key)
			if j < 0 {
				break
			}
			start := i + j + len(key)
			end := strings.IndexByte(doc[start:], '"')
			if end < 0 {
				break
			}
			ids[html.UnescapeString(doc[start:start+end])] = true
			i = start + end
		}
	}
	s.ids[rel] = ids
	return ids
}

// region is a part of a document between two markers.
type region struct {
	name       string
	start, end string
}

// chromeRegions are the parts of a page docloom writes around the
// docset's content, innermost last; links in <article class="content">
// outside the inner chrome parts are the body's.
var chromeRegions = []region{
	{"head", "<head>", "</head>"},
	{"header", `<header class="site-header"`, "</header>"},
	{"sidebar", `<nav class="sidebar"`, "</nav>"},
	{"breadcrumbs", `<nav class="breadcrumbs"`, "</nav>"},
	{"body", `<article class="content">`, "</article>"},
	{"notice", `<p class="notice`, "</p>"},
	{"pivots", `<nav class="pivot-selector"`, "</nav>"},
	{"prev-next", `<nav class="prev-next"`, "</nav>"},
	{"in-this-article", `<nav class="in-this-article"`, "</nav>"},
	{"footer", `<footer`, "</footer>"},
}

type span struct {
	name       string
	start, end int
}

// spans finds the regions of doc; the body's inner chrome comes after the
// body span so that it wins.
func spans(doc string) []span {
	var out []span
	for _, r := range chromeRegions {
		for i := 0; ; {
			j := strings.Index(doc[i:], r.start)
			if j < 0 {
				break
			}
			start := i + j
			k := strings.Index(doc[start:], r.end)
			end := len(doc)
			if k >= 0 {
				end = start + k
			}
			out = append(out, span{r.name, start, end})
			i = end
			if r.name == "body" || r.name == "head" || r.name == "header" || r.name == "footer" {
				break
			}
		}
	}
	return out
}

func regionAt(sp []span, off int) string {
	name := "page"
	for _, s := range sp {
		if off >= s.start && off < s.end {
			name = s.name // later spans are inner ones
		}
	}
	return name
}

// links lists every href, src and data-support-directory of doc, and the
// target of a meta refresh, with the region each is in.
func links(doc string) []link {
	sp := spans(doc)
	var out []link
	for _, key := range []string{` href="`, ` src="`, ` data-support-directory="`, `; url=`} {
		for i := 0; ; {
			j := strings.Index(doc[i:], key)
			if j < 0 {
				break
			}
			start := i + j + len(key)
			end := strings.IndexByte(doc[start:], '"')
			if end < 0 {
				break
			}
			out = append(out, link{regionAt(sp, start), html.UnescapeString(doc[start : start+end])})
			i = start + end
		}
	}
	return out
}

// tally counts broken links by region and target, for the report.
type tally struct {
	n     int
	where map[string]int // "region target" -> count
	first map[string]string
}

func (ty *tally) add(region, target, from string) {
	if ty.where == nil {
		ty.where, ty.first = map[string]int{}, map[string]string{}
	}
	ty.n++
	k := region + " " + target
	if ty.where[k] == 0 {
		ty.first[k] = from
	}
	ty.where[k]++
}

func (ty *tally) top(n int) []string {
	keys := make([]string, 0, len(ty.where))
	for k := range ty.where {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ty.where[keys[i]] != ty.where[keys[j]] {
			return ty.where[keys[i]] > ty.where[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%6d× %s (e.g. in %s)", ty.where[k], k, ty.first[k])
	}
	return out
}

func crawlSite(t *testing.T, name, out string, diags []diag.Diagnostic, baseURL string) {
	s := loadSite(t, out, baseURL)
	var chrome, chromeFrag, body, bodyFrag tally
	total, externals := 0, 0
	perRegion := map[string]int{}
	var docs []string
	for rel := range s.files {
		if strings.HasSuffix(rel, ".html") {
			docs = append(docs, rel)
		}
	}
	sort.Strings(docs)
	for _, rel := range docs {
		data, err := os.ReadFile(filepath.Join(out, rel))
		if err != nil {
			t.Fatal(err)
		}
		from, _ := url.Parse("https://" + hostOr(s.host) + s.docURL(rel))
		if strings.HasSuffix(rel, "404.html") {
			from, _ = url.Parse("https://" + hostOr(s.host) + s.base + "no/such/page")
		}
		for _, l := range links(string(data)) {
			total++
			perRegion[l.region]++
			res, target := s.follow(from, rel, l.raw)
			switch res {
			case external:
				externals++
			case nowhere:
				if l.region == "body" {
					body.add(l.region, target, rel)
				} else {
					chrome.add(l.region, target, rel)
				}
			case badFragment:
				if l.region == "body" {
					bodyFrag.add(l.region, target, rel)
				} else {
					chromeFrag.add(l.region, target, rel)
				}
			}
		}
	}
	// Every _redirects target leads somewhere too (rules with
	// placeholders are checked through the pages that use them).
	for _, r := range s.rules {
		if r.Status == 404 || strings.Contains(r.To, ":") && !strings.Contains(r.To, "://") {
			continue
		}
		total++
		perRegion["_redirects"]++
		u, err := url.Parse(r.To)
		if err != nil {
			chrome.add("_redirects", r.To, r.String())
			continue
		}
		if u.Host != "" && u.Host != s.host {
			externals++
			continue
		}
		if s.serve(u.Path, u.Query()) == "" {
			chrome.add("_redirects", u.Path, r.From)
		}
	}
	checkReports, bookmarkReports := 0, 0
	for _, d := range diags {
		switch d.Code {
		case "file-not-found", "xref-not-found":
			checkReports++
		case "bookmark-not-found":
			bookmarkReports++
		}
	}
	t.Logf("%s: %d HTML documents (%s), %d links and _redirects targets, %d external (not followed)", name, len(docs), formatCounts(documentCounts(t, out)), total, externals)
	t.Logf("%s: links checked per region: %s", name, formatCounts(perRegion))
	t.Logf("%s: the docset's own content: %d links lead nowhere, %d bookmarks missing (docloom check reports %d file-not-found/xref-not-found and %d bookmark-not-found diagnostics)",
		name, body.n, bodyFrag.n, checkReports, bookmarkReports)
	for _, l := range body.top(15) {
		t.Logf("  body: %s", l)
	}
	for _, l := range bodyFrag.top(15) {
		t.Logf("  body bookmark: %s", l)
	}
	if chromeFrag.n > 0 {
		t.Errorf("%s: %d bookmarks in links docloom made are missing:", name, chromeFrag.n)
		for _, l := range chromeFrag.top(20) {
			t.Errorf("  %s", l)
		}
	}
	if chrome.n > 0 {
		t.Errorf("%s: %d links docloom made lead nowhere:", name, chrome.n)
		for _, l := range chrome.top(30) {
			t.Errorf("  %s", l)
		}
	} else {
		t.Logf("%s: every link docloom made leads somewhere", name)
	}
}

func hostOr(h string) string {
	if h == "" {
		return "site.invalid"
	}
	return h
}
