// Package render is the stage that turns a rendered Markdown body into a
// whole HTML document with the site's html/template layouts. Layouts are
// parsed once per build (never per page); a site's own layouts/ folder
// overrides the default theme file by file.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	docloom "github.com/docloom/docloom"
	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/moniker"
)

// Layouts is the parsed template set.
type Layouts struct {
	page    *template.Template
	landing *template.Template
	// The FixedPartials each set may execute once per locale and cloud.
	fixedPage, fixedLanding []string
	// Whether each set is the theme's page layout, which writeChrome
	// writes without html/template (see chrome.go).
	chromePage, chromeLanding bool
}

// Load parses the theme's layouts with the site's layouts/ files laid over
// them. A template error is a diagnostic at the layout file.
func Load(siteRoot string) (*Layouts, []diag.Diagnostic) {
	files := map[string][]byte{}
	sources := map[string]string{}
	_ = fs.WalkDir(docloom.Theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			data, _ := fs.ReadFile(docloom.Theme, p)
			files[p] = data
			sources[p] = themeSource(p)
		}
		return nil
	})
	siteLayouts := filepath.Join(siteRoot, "layouts")
	_ = filepath.WalkDir(siteLayouts, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(siteRoot, p)
			data, rerr := os.ReadFile(p)
			if rerr == nil {
				files[filepath.ToSlash(rel)] = data
				sources[filepath.ToSlash(rel)] = filepath.ToSlash(rel)
			}
		}
		return nil
	})
	base := template.New("").Funcs(funcs)
	var diags []diag.Diagnostic
	var mains []string
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names) // a template defined twice is the same one every build
	for _, name := range names {
		data := files[name]
		if name == "layouts/page.html" || name == "layouts/landing.html" {
			mains = append(mains, name)
			continue
		}
		if _, err := base.New(name).Parse(string(data)); err != nil {
			diags = append(diags, templateDiag(sources[name], err))
		}
	}
	l := &Layouts{}
	for _, name := range mains {
		clone, err := base.Clone()
		if err == nil {
			_, err = clone.New(name).Parse(string(files[name]))
		}
		if err != nil {
			diags = append(diags, templateDiag(sources[name], err))
			continue
		}
		if name == "layouts/page.html" {
			l.page = clone
		} else {
			l.landing = clone
		}
	}
	if l.page == nil && len(diags) == 0 {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: "layouts/page.html"}, Severity: diag.Error,
			Code: "layout-missing", Message: "no page layout; add layouts/page.html"})
	}
	if l.landing == nil {
		l.landing = l.page
	}
	if l.page != nil {
		l.fixedPage = fixedSet(l.page, sources)
		l.fixedLanding = fixedSet(l.landing, sources)
		l.chromePage = len(diags) == 0 && themeOnly(files, sources) && themeHash() == chromeThemeHash
		l.chromeLanding = l.chromePage && l.landing == l.page
	}
	return l, diags
}

// themeOnly reports whether every file of the page layout's set is the
// theme's: no site file, or only copies of the theme's files byte for byte
// (the repository's example site has the theme's own layouts/). A site's
// layouts/landing.html is only in the landing set.
func themeOnly(files map[string][]byte, sources map[string]string) bool {
	for file, src := range sources {
		if file == "layouts/landing.html" || src == themeSource(file) {
			continue
		}
		theme, err := fs.ReadFile(docloom.Theme, file)
		if err != nil || !bytes.Equal(theme, files[file]) {
			return false
		}
	}
	return true
}

func templateDiag(file string, err error) diag.Diagnostic {
	msg := err.Error()
	line := 0
	// html/template errors read "template: NAME:LINE: message".
	if i := strings.Index(msg, ".html:"); i >= 0 {
		fmt.Sscanf(msg[i+len(".html:"):], "%d", &line)
		if j := strings.Index(msg[i+len(".html:"):], ": "); j >= 0 {
			msg = msg[i+len(".html:")+j+2:]
		}
	}
	return diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Code: "layout-error", Message: msg}
}

var funcs = template.FuncMap{
	"lower":    strings.ToLower,
	"join":     path.Join,
	"navtree":  NavTree,
	"headings": HeadingList,
	"links":    LinkList,
	// The header's pickers: each entry of Languages and Clouds, as
	// layouts/partials/header.html wrote them with range loops.
	"languagepicker": LanguagePicker,
	"cloudpicker":    CloudPicker,
}

// Assets are the bundled files a page links to.
type Assets struct {
	CSS []string
	JS  []string
	// HeadJS runs before the page is painted (the remembered theme, so
	// the page never flashes in the other one).
	HeadJS []string
	// Icon is the site's icon (favicon and header logo); "" for none.
	Icon string
}

// Link is an alternate version of the page (another locale or cloud).
type Link struct {
	Code, Name, Display, Lang string
	URL                       string
	Current                   bool
}

// Date is a page date for display and for <time datetime>.
type Date struct{ ISO, Text string }

// Page is everything a layout can show.
type Page struct {
	Site              *config.Site
	Locale            config.Locale
	Moniker           moniker.Moniker
	Title             string
	TitleSuffix       string
	Description       string
	Robots            string
	Canonical         string
	Home              string
	Alternates        []Link // hreflang alternates
	Languages         []Link // language picker
	Clouds            []Link // cloud picker
	Body              template.HTML
	Fallback          bool // served from the default locale
	MachineTranslated bool
	SourceURL         string
	Date              *Date
	// EditURL is the page's source in its public repository.
	EditURL string
	// FeedbackProduct and FeedbackPage are the docset's feedback links
	// (feedback_product_url; an OpenSource docset's issue form).
	FeedbackProduct, FeedbackPage string
	Assets                        Assets
	SupportDirectory              string
	Meta                          map[string]any
	T                             map[string]string
	// Navigation (empty when the docset has no TOC for the page).
	TOC []*NavItem
	// Sidebar is the TOC as HTML with this page marked, when the build
	// renders it (it does, once per locale, cloud and TOC).
	Sidebar template.HTML
	// SidebarURL, when set, is the shared file with the whole TOC: Sidebar
	// is then only the page's branch, and the script loads the rest.
	SidebarURL    string
	Breadcrumbs   []Link
	InThisArticle []Heading
	Prev, Next    *Link
	// PivotGroups are the page's zone pivot groups (its picker).
	PivotGroups []PivotGroup
	// SearchIndex is the URL of the site search manifest for the page's
	// locale and cloud, SearchFiles the folder of its index files; both ""
	// when the build writes no index. SearchPage marks the results page.
	SearchIndex, SearchFiles string
	SearchPage               bool
	// SearchRoot is the locale and cloud's root URL (/<locale>/<moniker>/),
	// which the results page and result URLs are relative to.
	SearchRoot string
	// SearchBox is the "search" partial as executed once for the locale
	// and cloud (it is the same on each of their pages); the header writes
	// it, or runs the partial itself when it is empty.
	SearchBox template.HTML
	// Fixed holds the FixedPartials as executed once for the locale and
	// cloud, by name; a layout runs a partial itself when it is missing.
	Fixed map[string]template.HTML
}

// PivotGroup is a set of zone pivots a reader chooses among.
type PivotGroup struct {
	ID, Title, Prompt string
	Pivots            []Pivot
}

// Pivot is one choice of a PivotGroup.
type Pivot struct{ ID, Title string }

// NavItem is one sidebar entry, already filtered to the page's cloud.
type NavItem struct {
	Page     string // the docset page the entry opens, if any
	Name     string
	URL      string
	External bool
	Current  bool // the page being shown
	Open     bool // holds the current page, or is expanded by the TOC
	Items    []*NavItem
}

// Heading is an entry of "In this article".
type Heading struct {
	ID, Text string
	Level    int
}

// Execute writes the whole document for p.
func (l *Layouts) Execute(p *Page, landing bool) ([]byte, error) {
	var buf bytes.Buffer
	if err := l.ExecuteTo(&buf, p, landing); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ExecuteTo writes the document into buf (reused by callers across pages
// to spare an allocation per page).
func (l *Layouts) ExecuteTo(buf *bytes.Buffer, p *Page, landing bool) error {
	t, chrome := l.page, l.chromePage
	if landing && l.landing != nil {
		t, chrome = l.landing, l.chromeLanding
	}
	buf.Grow(len(p.Body) + len(p.Sidebar) + 16384)
	if chrome && p.Site != nil {
		start := buf.Len()
		writeChrome(buf, p)
		if chromeCheck != nil {
			chromeCheck(t, p, buf.Bytes()[start:])
		}
		return nil
	}
	// The Page itself is the data: text/template finds fields of a plain
	// struct pointer much faster than fields promoted through an embedding.
	return t.ExecuteTemplate(buf, "layouts/baseof.html", p)
}

// ExecutePartial runs one named template of the page layout (a partial,
// such as "search") on p.
func (l *Layouts) ExecutePartial(name string, p *Page) (template.HTML, error) {
	var buf bytes.Buffer
	if err := l.page.ExecuteTemplate(&buf, name, p); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// Missing reports whether the layouts could not be loaded.
func (l *Layouts) Missing() bool { return l == nil || l.page == nil }
