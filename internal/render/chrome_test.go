package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"testing"

	docloom "github.com/docloom/docloom"
	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/moniker"
)

// TestChromeThemeHash: writeChrome is written for the theme's layouts as
// they are. When this fails, a file of layouts/ changed: make writeChrome
// (chrome.go, chromemain.go) write what the changed templates write, run
// TestChromeMatchesTheTemplates, and set chromeThemeHash to the new sum.
// Until then builds lay pages out with html/template.
func TestChromeThemeHash(t *testing.T) {
	if got := themeHash(); got != chromeThemeHash {
		t.Fatalf("the theme's layouts are not those writeChrome was written for: bring writeChrome in step with them, then set chromeThemeHash = %q", got)
	}
	l, diags := Load(t.TempDir())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if !l.chromePage || !l.chromeLanding {
		t.Error("the theme's own layouts are executed by html/template")
	}
}

// TestChromeOnlyForTheTheme: a site with any layout file of its own in a
// set has that set executed by html/template, even a file that does not
// change the page layout's templates. A byte-for-byte copy of a theme
// file is the theme's.
func TestChromeOnlyForTheTheme(t *testing.T) {
	for _, c := range []struct {
		file                 string
		body                 string
		wantPage, wantLandin bool
	}{
		{"layouts/partials/footer.html", `{{define "footer"}}<footer>{{.Title}}</footer>{{end}}`, false, false},
		{"layouts/baseof.html", `{{.Title}}`, false, false},
		{"layouts/page.html", `{{define "main"}}{{.Body}}{{end}}`, false, false},
		{"layouts/partials/extra.html", `{{define "extra"}}x{{end}}`, false, false},
		{"layouts/landing.html", `{{define "main"}}landing{{.Body}}{{end}}`, true, false},
		{"layouts/partials/footer.html", themeFile(t, "layouts/partials/footer.html"), true, true},
		{"layouts/partials/footer.html", themeFile(t, "layouts/partials/footer.html") + " ", false, false},
	} {
		site := t.TempDir()
		os.MkdirAll(filepath.Join(site, filepath.Dir(c.file)), 0o755)
		os.WriteFile(filepath.Join(site, c.file), []byte(c.body), 0o644)
		l, diags := Load(site)
		if len(diags) > 0 {
			t.Fatal(diags)
		}
		if l.chromePage != c.wantPage || l.chromeLanding != c.wantLandin {
			t.Errorf("with the site's %s: page by writeChrome %v, landing %v; want %v, %v", c.file, l.chromePage, l.chromeLanding, c.wantPage, c.wantLandin)
		}
	}
}

func themeFile(t *testing.T, name string) string {
	data, err := fs.ReadFile(docloom.Theme, name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// oddStrings need each kind of escaping in each context of the layout.
var oddStrings = []string{
	"", "plain", "C++ & <b>\"q\"</b> 'a'", "nul\x00byte", "\xff\xfeinvalid", "Ünïcødé 中文 עברית", "a\tb\nc  d",
	"javascript:alert(1)", "/a b/ü/c?x=1&y=2#frag", "/p+q/%41/%zz/%4", "HTTPS://example.com/x'y\"z", "mailto:a@b.c",
	"data:text/html,x", "/rel/path:with:colons", "x/y:z", "#frag", "?q=1", "%", "httpſ://x", "&amp;", "{{.}}",
}

// variedPages are pages that between them set and leave out every field
// the layout reads, with strings that need escaping.
func variedPages() []*Page {
	var pages []*Page
	base := benchPage()
	pages = append(pages, base, &Page{Site: &config.Site{}}, &Page{Site: &config.Site{Title: "T"}, TitleSuffix: "T"})
	full := benchPage()
	full.TitleSuffix = "Suffix"
	full.Robots = "noindex"
	full.Fallback, full.MachineTranslated, full.SourceURL = true, true, "/en-us/x"
	full.FeedbackProduct, full.FeedbackPage = "https://feedback/p", "https://github.com/x/y/issues/new?title=a&body=b"
	full.PivotGroups = []PivotGroup{{ID: "os", Title: "OS", Prompt: "Choose", Pivots: []Pivot{{ID: "win", Title: "Windows"}, {ID: "a b&c", Title: "<Linux>"}}},
		{ID: "lang", Title: "Language"}}
	full.Alternates = []Link{{Lang: "en-us", URL: "/en-us/x"}, {Lang: "de-de", URL: "/de-de/x"}}
	full.SupportDirectory = "/en-us/support/"
	full.SearchBox = ""
	full.SearchIndex, full.SearchFiles, full.SearchRoot = "/en-us/powershell-7.4/search.json", "/en-us/powershell-7.4/search/", "/en-us/powershell-7.4/"
	full.TOC = []*NavItem{{Name: "A", URL: "/a", Items: []*NavItem{{Name: "B", URL: "/b", Current: true}}, Open: true}}
	for _, k := range []string{"fallback", "machine", "readEnglish", "feedbackPage", "feedbackProduct", "search", "searchPlaceholder", "searchKeys",
		"searchCount", "searchOne", "searchNone", "searchLoading", "searchError", "searchAll", "searchMore", "searchFor", "searchEmpty"} {
		full.T[k] = "Text for " + k + " <&>"
	}
	pages = append(pages, full)
	noSidebar := *full
	noSidebar.Sidebar = ""
	pages = append(pages, &noSidebar)
	none := *full
	none.Sidebar, none.TOC, none.SidebarURL, none.Date, none.Prev, none.Next = "", nil, "", nil, nil, nil
	none.Breadcrumbs, none.InThisArticle, none.PivotGroups, none.Alternates = nil, nil, nil, nil
	none.EditURL, none.SearchIndex = "", ""
	pages = append(pages, &none)
	rtl := *full
	rtl.Locale = config.Locale{Code: "he-il", Name: "עברית", Dir: "rtl"}
	rtl.MachineTranslated, rtl.SourceURL = true, ""
	rtl.Prev, rtl.EditURL, rtl.FeedbackPage = nil, "", ""
	pages = append(pages, &rtl)
	onlyNext := *base
	onlyNext.Prev, onlyNext.Date, onlyNext.EditURL = nil, nil, ""
	onlyNext.TOC = []*NavItem{}
	pages = append(pages, &onlyNext)
	onlyFeedback := *base
	onlyFeedback.Date, onlyFeedback.EditURL, onlyFeedback.FeedbackProduct = nil, "", "https://p"
	pages = append(pages, &onlyFeedback)

	// Random pages: every field set or not, from oddStrings.
	r := rand.New(rand.NewSource(13))
	s := func() string { return oddStrings[r.Intn(len(oddStrings))] }
	maybe := func() bool { return r.Intn(2) == 0 }
	for i := 0; i < 300; i++ {
		p := &Page{Site: &config.Site{Title: s(), DefaultLocale: s()}, Locale: config.Locale{Code: s(), Name: s(), Dir: s()},
			Moniker: moniker.Moniker{Name: s(), Display: s()}, Title: s(), Description: s(), Robots: s(), Canonical: s(), Home: s(),
			Body: template.HTML(s()), Fallback: maybe(), MachineTranslated: maybe(), SourceURL: s(), EditURL: s(),
			FeedbackProduct: s(), FeedbackPage: s(), SupportDirectory: s(), SidebarURL: s(), SearchIndex: s(), SearchFiles: s(), SearchRoot: s()}
		if maybe() {
			p.TitleSuffix = p.Site.Title
		} else {
			p.TitleSuffix = s()
		}
		if maybe() {
			p.Date = &Date{ISO: s(), Text: s()}
		}
		if maybe() {
			p.Prev = &Link{Name: s(), URL: s()}
		}
		if maybe() {
			p.Next = &Link{Name: s(), URL: s()}
		}
		if maybe() {
			p.Sidebar = template.HTML(s())
		}
		if maybe() {
			p.SearchBox = template.HTML(s())
		}
		p.Assets.Icon = s()
		for n := r.Intn(3); n > 0; n-- {
			p.Assets.CSS = append(p.Assets.CSS, s())
			p.Assets.JS = append(p.Assets.JS, s())
			p.Assets.HeadJS = append(p.Assets.HeadJS, s())
			p.Alternates = append(p.Alternates, Link{Lang: s(), URL: s()})
			p.Languages = append(p.Languages, Link{Code: s(), Name: s(), URL: s(), Current: maybe()})
			p.Clouds = append(p.Clouds, Link{Code: s(), Display: s(), URL: s(), Current: maybe()})
			p.Breadcrumbs = append(p.Breadcrumbs, Link{Name: s(), Display: s(), Code: s(), URL: s(), Current: maybe()})
			p.InThisArticle = append(p.InThisArticle, Heading{ID: s(), Text: s(), Level: 2 + r.Intn(2)})
			p.TOC = append(p.TOC, &NavItem{Name: s(), URL: s(), Current: maybe(), External: maybe()})
			g := PivotGroup{ID: s(), Title: s(), Prompt: s()}
			for k := r.Intn(3); k > 0; k-- {
				g.Pivots = append(g.Pivots, Pivot{ID: s(), Title: s()})
			}
			p.PivotGroups = append(p.PivotGroups, g)
		}
		if maybe() {
			p.T = map[string]string{}
			for _, k := range []string{"skip", "breadcrumb", "fallback", "machine", "readEnglish", "variant", "updated", "editPage",
				"feedbackPage", "feedbackProduct", "prevnext", "previous", "next", "inThisArticle", "pickers", "language", "cloud",
				"unavailable", "theme", "themeAuto", "themeLight", "themeDark", "themeContrast", "toc", "filterToc", "filterNone",
				"filterSome", "search", "searchPlaceholder", "searchKeys", "searchCount", "searchOne", "searchNone", "searchLoading",
				"searchError", "searchAll", "searchMore", "searchFor", "searchEmpty"} {
				if maybe() {
					p.T[k] = s()
				}
			}
		}
		pages = append(pages, p)
	}
	return pages
}

// TestChromeMatchesTheTemplates: writeChrome writes what the theme's
// templates write, byte for byte, for pages that set and leave out every
// field, with the fixed partials made once (as builds do), left out, or
// made for another page (Fixed entries are written as they are).
func TestChromeMatchesTheTemplates(t *testing.T) {
	l, diags := Load(t.TempDir())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for i, p := range variedPages() {
		for _, fixed := range []bool{false, true} {
			if fixed {
				p.Fixed = l.Fixed(FixedData(p), false)
			} else {
				p.Fixed = nil
			}
			for _, landing := range []bool{false, true} {
				var want, got bytes.Buffer
				if err := l.page.ExecuteTemplate(&want, "layouts/baseof.html", p); err != nil {
					t.Fatalf("page %d: %v", i, err)
				}
				if err := l.ExecuteTo(&got, p, landing); err != nil {
					t.Fatalf("page %d: %v", i, err)
				}
				if got.String() != want.String() {
					t.Fatalf("page %d (fixed %v, landing %v) differs from the templates:\n%s", i, fixed, landing, firstDiff(got.String(), want.String()))
				}
			}
		}
	}
}

// firstDiff shows where got and want part.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return fmt.Sprintf("at byte %d:\n got …%q\nwant …%q", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}
