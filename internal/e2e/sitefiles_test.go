package e2e

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/publish"
)

// netlifyRules reads a built site's _redirects the way the CDN would.
func netlifyRules(t *testing.T, out string) []publish.Rule {
	t.Helper()
	rules, err := publish.ParseRedirects([]byte(read(t, filepath.Join(out, "_redirects"))))
	if err != nil {
		t.Fatalf("_redirects: %v", err)
	}
	return rules
}

// visit evaluates a request against the rules with the built files as the
// files that exist, as Netlify does.
func visit(rules []publish.Rule, out, raw string, langs ...string) (publish.Result, bool) {
	u, _ := url.Parse(raw)
	return publish.Evaluate(rules, publish.Request{Path: u.Path, Query: u.Query(), Languages: langs,
		Exists: func(p string) bool { return resolve(out, p) != "" }})
}

func TestNetlifyRulesOnExampleSite(t *testing.T) {
	out := exampleSite(t)
	rules := netlifyRules(t, out)
	tests := []struct {
		url    string
		langs  []string
		to     string
		status int
	}{
		{"/en-us/o365-worldwide/admin/contact-support?view=o365-21vianet", nil, "/en-us/o365-21vianet/admin/contact-support", 301},
		{"/nl-nl/o365-germany/admin/?view=o365-worldwide", nil, "/nl-nl/o365-worldwide/admin/", 301},
		{"/", []string{"nl-NL", "nl", "en"}, "/nl-nl/o365-worldwide/", 302},
		{"/", []string{"fr-FR"}, "/en-us/o365-worldwide/", 302},
		{"/nl-nl/", nil, "/nl-nl/o365-worldwide/", 302},
		{"/nl-nl/o365-worldwide/no-such-page", nil, "/nl-nl/404.html", 404},
	}
	for _, tt := range tests {
		res, ok := visit(rules, out, tt.url, tt.langs...)
		if !ok || res.To != tt.to || res.Status != tt.status {
			t.Errorf("%s (%v) -> %q %d, want %q %d", tt.url, tt.langs, res.To, res.Status, tt.to, tt.status)
			continue
		}
		if resolve(out, res.To) == "" {
			t.Errorf("%s redirects to %s, which is not published", tt.url, res.To)
		}
	}
	if res, ok := visit(rules, out, "/en-us/o365-21vianet/admin/contact-support"); ok {
		t.Errorf("a published page is redirected to %s", res.To)
	}
}

func TestNetlifyRulesOnFixtures(t *testing.T) {
	out := fixtureSite(t)
	rules := netlifyRules(t, out)
	// An entry of nl-nl/.openpublishing.redirection.json, in every cloud.
	for _, cloud := range []string{"o365-worldwide", "o365-21vianet", "o365-germany"} {
		res, ok := visit(rules, out, "/nl-nl/"+cloud+"/microsoft-365/admin/dns/create-dns-records-at-bluehost")
		want := "https://docs.microsoft.com/microsoft-365/admin/get-help-with-domains/create-dns-records-at-any-dns-hosting-provider"
		if !ok || res.To != want {
			t.Errorf("%s: moved page -> %q %v, want %q", cloud, res.To, ok, want)
		}
	}
	seed := "/nl-nl/o365-worldwide/microsoft-365/admin/contact-support-for-business-products?view=o365-21vianet"
	res, ok := visit(rules, out, seed)
	if !ok || resolve(out, res.To) == "" || !strings.Contains(res.To, "/o365-21vianet/") {
		t.Errorf("%s -> %q %v, want the published 21Vianet page", seed, res.To, ok)
	}
	t.Logf("%d rules in _redirects", len(rules))
}

type sitemapDoc struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Lang string `xml:"hreflang,attr"`
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

func readSitemap(t *testing.T, file string) sitemapDoc {
	t.Helper()
	var doc sitemapDoc
	if err := xml.Unmarshal([]byte(read(t, file)), &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return doc
}

func TestSitemapsRobotsAnd404(t *testing.T) {
	out := exampleSite(t)
	const host = "https://docloom-example.netlify.app"
	index := readSitemap(t, filepath.Join(out, "sitemap.xml"))
	if len(index.Sitemaps) != 2 {
		t.Fatalf("sitemap index lists %d sitemaps, want one per locale", len(index.Sitemaps))
	}
	for _, sm := range index.Sitemaps {
		file := resolve(out, strings.TrimPrefix(sm.Loc, host))
		if file == "" {
			t.Fatalf("sitemap %s is not published", sm.Loc)
		}
		doc := readSitemap(t, file)
		if len(doc.URLs) == 0 {
			t.Errorf("%s lists no pages", sm.Loc)
		}
		for _, u := range doc.URLs {
			page := resolve(out, strings.TrimPrefix(u.Loc, host))
			if page == "" {
				t.Errorf("%s lists %s, which is not published", sm.Loc, u.Loc)
				continue
			}
			if strings.Contains(read(t, page), "notice-fallback") {
				t.Errorf("%s lists the fallback page %s", sm.Loc, u.Loc)
			}
			for _, l := range u.Links {
				if resolve(out, strings.TrimPrefix(l.Href, host)) == "" {
					t.Errorf("%s: alternate %s %s is not published", u.Loc, l.Lang, l.Href)
				}
			}
		}
	}
	nl := read(t, filepath.Join(out, "nl-nl/sitemap.xml"))
	if strings.Contains(nl, "only-in-english") {
		t.Error("the Dutch sitemap lists a page Dutch has no translation of")
	}
	if !strings.Contains(nl, `hreflang="nl-nl" href="`+host+`/nl-nl/o365-germany/admin/contact-support"`) {
		t.Error("the Dutch sitemap lacks hreflang alternates")
	}
	if r := read(t, filepath.Join(out, "robots.txt")); !strings.Contains(r, "Sitemap: "+host+"/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", r)
	}
	for loc, want := range map[string]string{"en-us": "Page not found", "nl-nl": "Pagina niet gevonden"} {
		doc := read(t, filepath.Join(out, loc, "404.html"))
		if !strings.Contains(text(doc), want) || !strings.Contains(doc, `href="/`+loc+`/o365-21vianet/"`) || !strings.Contains(doc, `content="noindex"`) {
			t.Errorf("%s/404.html lacks its title, home links or noindex:\n%s", loc, text(doc))
		}
	}
	if _, err := os.Stat(filepath.Join(out, "404.html")); err != nil {
		t.Error("no root 404.html")
	}
}

// TestRedirectURLFrontMatter: a page with redirect_url is published as a
// redirect (a rule and a stub), not as a page.
func TestRedirectURLFrontMatter(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"docloom.yaml":               "title: T\nbaseURL: https://t.example/\nlocales:\n  - code: en-us\nmonikers:\n  - name: o365-worldwide\n  - name: o365-germany\n",
		"content/en-us/index.md":     "---\ntitle: Home\n---\n# Home\n\n[old](old.md)\n",
		"content/en-us/new.md":       "---\ntitle: New\n---\n# New\n",
		"content/en-us/old.md":       "---\ntitle: Old\nredirect_url: new.md\n---\n# Old\n",
		"content/en-us/elsewhere.md": "---\ntitle: Gone\nredirect_url: https://elsewhere.example/x\n---\n# Gone\n",
	}
	for name, body := range files {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := runBuild(site, filepath.Join(site, "public"))
	if b.Err != nil {
		t.Fatal(b.Err)
	}
	rules := netlifyRules(t, b.Out)
	for from, to := range map[string]string{
		"/en-us/o365-germany/old":         "/en-us/o365-germany/new",
		"/en-us/o365-worldwide/elsewhere": "https://elsewhere.example/x",
	} {
		if res, ok := visit(rules, b.Out, from); !ok || res.To != to {
			t.Errorf("%s -> %q %v, want %q", from, res.To, ok, to)
		}
	}
	stub := read(t, filepath.Join(b.Out, "en-us/o365-germany/old.html"))
	if strings.Contains(stub, "site-header") || !strings.Contains(stub, `url=/en-us/o365-germany/new`) {
		t.Errorf("the redirected page was rendered instead of a redirect stub:\n%s", stub)
	}
	if strings.Contains(read(t, filepath.Join(b.Out, "en-us/sitemap.xml")), "/old<") {
		t.Error("the sitemap lists a redirected page")
	}
}
