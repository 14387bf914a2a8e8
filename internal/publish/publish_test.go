package publish

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

var site = Site{
	Base:           "/",
	Locales:        []string{"en-us", "nl-nl"},
	DefaultLocale:  "en-us",
	Monikers:       []string{"o365-worldwide", "o365-21vianet", "o365-germany"},
	DefaultMoniker: "o365-worldwide",
}

// rulesFile is what a build writes, read back through the parser, so the
// tests exercise the text Netlify gets.
func rulesFile(t *testing.T, s Site, rs []Redirect) []Rule {
	t.Helper()
	data := FormatRedirects([]Section{
		{Comment: "language", Rules: LanguageRules(s)},
		{Comment: "moved pages", Rules: RedirectRules(s, rs)},
		{Comment: "views", Rules: ViewRules(s)},
		{Comment: "not found", Rules: NotFoundRules(s)},
	})
	rules, err := ParseRedirects(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	return rules
}

func req(raw string, langs ...string) Request {
	u, _ := url.Parse(raw)
	return Request{Path: u.Path, Query: u.Query(), Languages: langs, Exists: func(p string) bool {
		// Every page URL of the test site exists except the moved one.
		return !strings.Contains(p, "old-page") && !strings.Contains(p, "nope")
	}}
}

func TestEvaluateSiteRules(t *testing.T) {
	rules := rulesFile(t, site, []Redirect{
		{Locale: "nl-nl", Source: "admin/old-page.md", To: "/admin/contact-support"},
		{Locale: "en-us", Source: "admin/old-page.md", To: "https://learn.example.com/x", Monikers: []string{"o365-germany"}},
	})
	tests := []struct {
		name, url string
		langs     []string
		to        string
		status    int
	}{
		{"view 21Vianet on a worldwide page", "/en-us/o365-worldwide/admin/contact-support?view=o365-21vianet", nil,
			"/en-us/o365-21vianet/admin/contact-support", 301},
		{"view on a Dutch Germany page", "/nl-nl/o365-germany/admin/?view=o365-worldwide", nil, "/nl-nl/o365-worldwide/admin/", 301},
		{"view on a home page", "/nl-nl/o365-germany/?view=o365-21vianet", nil, "/nl-nl/o365-21vianet/", 301},
		{"root for a Dutch reader", "/", []string{"nl-NL", "en"}, "/nl-nl/o365-worldwide/", 302},
		{"root for a German reader", "/", []string{"de-DE"}, "/en-us/o365-worldwide/", 302},
		{"root without a language", "/", nil, "/en-us/o365-worldwide/", 302},
		{"locale root", "/nl-nl/", nil, "/nl-nl/o365-worldwide/", 302},
		{"moved page, root-relative target", "/nl-nl/o365-21vianet/admin/old-page", nil, "/nl-nl/o365-21vianet/admin/contact-support", 301},
		{"moved page, absolute target, one cloud", "/en-us/o365-germany/admin/old-page", nil, "https://learn.example.com/x", 301},
		{"moved only in Germany", "/en-us/o365-worldwide/admin/old-page", nil, "/en-us/404.html", 404},
		{"missing page in Dutch", "/nl-nl/o365-worldwide/nope/", nil, "/nl-nl/404.html", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, ok := Evaluate(rules, req(tt.url, tt.langs...))
			if !ok {
				t.Fatalf("no rule matched %s", tt.url)
			}
			if res.To != tt.to || res.Status != tt.status {
				t.Errorf("%s -> %s %d (rule %s), want %s %d", tt.url, res.To, res.Status, rules[res.Rule], tt.to, tt.status)
			}
		})
	}
	for _, u := range []string{
		"/en-us/o365-worldwide/admin/contact-support",                   // a page is served as it is
		"/en-us/o365-21vianet/admin/contact-support?view=o365-21vianet", // its own cloud
		"/_docloom/main-ABC.css?view=o365-21vianet",                     // not a page
	} {
		if res, ok := Evaluate(rules, req(u)); ok {
			t.Errorf("%s matched rule %s -> %s", u, rules[res.Rule], res.To)
		}
	}
}

func TestEvaluateSemantics(t *testing.T) {
	rules, err := ParseRedirects([]byte(`
# placeholders, splats and query placeholders
/news/:year/:slug /blog/:year-:slug 301
/store id=:id /items/:id 302
/docs/* /v2/:splat 200
/keep /kept
`))
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"/news/2024/hello/": "/blog/2024-hello",
		"/store?id=42":      "/items/42",
		"/docs/a/b":         "/v2/a/b",
		"/docs":             "/v2/",
		"/keep?utm=x":       "/kept?utm=x", // a redirect passes the query on
	} {
		r := req(in)
		r.Exists = nil
		res, ok := Evaluate(rules, r)
		if !ok || res.To != want {
			t.Errorf("%s -> %q %v, want %q", in, res.To, ok, want)
		}
	}
	if _, ok := Evaluate(rules, Request{Path: "/store"}); ok {
		t.Error("a rule with a query parameter matched a request without it")
	}
}

func TestParseRedirectsErrors(t *testing.T) {
	for _, bad := range []string{"nope /x", "/a", "/a /b 99", "/a /b 301 Language", "/a x /b"} {
		if _, err := ParseRedirects([]byte(bad)); err == nil {
			t.Errorf("%q parsed without error", bad)
		}
	}
}

func TestRuleRoundTrip(t *testing.T) {
	in := Rule{From: "/", To: "/nl-nl/o365-worldwide/", Status: 302, Force: true,
		Conditions: []Condition{{Key: "Language", Values: []string{"nl", "nl-be"}}}}
	got, err := ParseRedirects([]byte(in.String()))
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], in) {
		t.Errorf("round trip of %q = %+v, %v", in, got, err)
	}
}

func TestTarget(t *testing.T) {
	for _, tt := range []struct{ dir, to, want string }{
		{"admin", "/microsoft-365/admin/get-help", "/docs/nl-nl/o365-germany/microsoft-365/admin/get-help"},
		{"admin", "/microsoft-365/admin/", "/docs/nl-nl/o365-germany/microsoft-365/admin/"},
		{"admin", "new-page.md#top", "/docs/nl-nl/o365-germany/admin/new-page#top"},
		{"admin/sub", "../index.md", "/docs/nl-nl/o365-germany/admin/"},
		{"admin", "/media/guide.PDF", "/docs/nl-nl/o365-germany/media/guide.pdf"},
		{"admin", "https://example.com/a?b=c", "https://example.com/a?b=c"},
		{"admin", "/", "/docs/nl-nl/o365-germany/"},
	} {
		s := site
		s.Base = "/docs"
		if got := s.Target("nl-nl", "o365-germany", tt.dir, tt.to); got != tt.want {
			t.Errorf("Target(%q, %q) = %q, want %q", tt.dir, tt.to, got, tt.want)
		}
	}
}

func TestParseAcceptLanguage(t *testing.T) {
	got := ParseAcceptLanguage("en;q=0.5, nl-NL, de;q=0.7")
	if want := []string{"nl-NL", "de", "en"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSitemapIsValidXML(t *testing.T) {
	data := Sitemap([]URL{{Loc: "https://x.test/en-us/o365-worldwide/a/?q=1&r=2", LastMod: "2024-05-14",
		Alternates: []Alternate{{"en-us", "https://x.test/en-us/o365-worldwide/a/"}, {"nl-nl", "https://x.test/nl-nl/o365-worldwide/a/"}}}})
	var doc struct {
		URLs []struct {
			Loc   string `xml:"loc"`
			Links []struct {
				Lang string `xml:"hreflang,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if len(doc.URLs) != 1 || doc.URLs[0].Loc != "https://x.test/en-us/o365-worldwide/a/?q=1&r=2" || len(doc.URLs[0].Links) != 2 {
		t.Errorf("sitemap read back as %+v", doc)
	}
	if err := xml.Unmarshal(SitemapIndex([]string{"https://x.test/en-us/sitemap.xml"}), new(any)); err != nil {
		t.Error(err)
	}
	if r := string(Robots("https://x.test/sitemap.xml", nil)); !strings.Contains(r, "Sitemap: https://x.test/sitemap.xml") {
		t.Errorf("robots.txt lacks the sitemap:\n%s", r)
	}
	if !NoIndex("NOINDEX, NOFOLLOW") || NoIndex("index, follow") {
		t.Error("NoIndex misreads robots values")
	}
}

// FuzzParseRedirects: any input either parses or fails with a line
// number; what parses writes back to rules that parse the same.
func FuzzParseRedirects(f *testing.F) {
	f.Add("/ /nl-nl/ 302! Language=nl\n/a/* view=x /b/:splat 301!\n# c\n")
	f.Add("/store id=:id /items/:id")
	f.Add("https://old.test/* https://new.test/:splat 301")
	f.Fuzz(func(t *testing.T, s string) {
		rules, err := ParseRedirects([]byte(s))
		if err != nil {
			if _, ok := err.(*ParseError); !ok {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		var sec []Section
		sec = append(sec, Section{Rules: rules})
		again, err := ParseRedirects(FormatRedirects(sec))
		if err != nil || len(again) != len(rules) {
			t.Fatalf("formatted rules do not parse back: %v", err)
		}
		_, _ = Evaluate(rules, Request{Path: "/a/b", Query: url.Values{"view": {"x"}}, Languages: []string{"nl"}})
	})
}

// A sitemap over the size limits is split, in order, with every entry in
// exactly one file and every file a whole urlset.
func TestSitemapsSplitAtTheLimits(t *testing.T) {
	var urls []URL
	for i := 0; i < 7; i++ {
		urls = append(urls, URL{Loc: fmt.Sprintf("https://x.example/en-us/a/p%d", i), Alternates: []Alternate{{Lang: "nl-nl", Href: "https://x.example/nl-nl/a/p&q"}}})
	}
	for _, tc := range []struct {
		maxURLs, maxBytes int
		want              []int // URLs per file
	}{
		{50000, 50 << 20, []int{7}},
		{3, 50 << 20, []int{3, 3, 1}},
		{50000, 600, nil}, // bytes decide; checked below
	} {
		files := Sitemaps(urls, tc.maxURLs, tc.maxBytes)
		var counts []int
		var locs []string
		for _, f := range files {
			var doc struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(f, &doc); err != nil {
				t.Fatalf("max %d/%d: a file is not XML: %v\n%s", tc.maxURLs, tc.maxBytes, err, f)
			}
			if len(f) > tc.maxBytes {
				t.Errorf("max %d bytes: a file has %d", tc.maxBytes, len(f))
			}
			counts = append(counts, len(doc.URLs))
			for _, u := range doc.URLs {
				locs = append(locs, u.Loc)
			}
		}
		if tc.want != nil && !reflect.DeepEqual(counts, tc.want) {
			t.Errorf("max %d URLs: files hold %v, want %v", tc.maxURLs, counts, tc.want)
		}
		if tc.want == nil && len(files) < 2 {
			t.Errorf("max %d bytes: %d file(s), want a split", tc.maxBytes, len(files))
		}
		if len(locs) != len(urls) || locs[0] != urls[0].Loc || locs[6] != urls[6].Loc {
			t.Errorf("max %d/%d: URLs %v", tc.maxURLs, tc.maxBytes, locs)
		}
	}
	if !strings.Contains(string(Sitemap(urls)), "p&amp;q") {
		t.Error("an ampersand in a URL is not escaped")
	}
}
