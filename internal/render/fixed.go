package render

import (
	"bytes"
	"html/template"
)

// FixedPartials are the theme's partials whose output depends on a page's
// locale and cloud alone: a build executes each once per locale and cloud
// (Layouts.Fixed) and every page of them writes the result, instead of
// every page running the partial again. Most of a page's layout actions are
// in these fragments, and each action costs html/template a reflective
// call or two. A layout writes one as
//
//	{{with index .Fixed "footer"}}{{.}}{{else}}{{template "footer" .}}{{end}}
//
// so a page without them (Fixed nil) runs the partial itself, with the
// same bytes.
var FixedPartials = []string{"head-assets", "site-title", "theme-switch", "toc-filter", "page-variant", "footer"}

// fixedSet is which of FixedPartials a template set may execute once per
// locale and cloud: those the theme defines and the site does not
// override (a site's own partial may read any field of the page).
func fixedSet(t *template.Template, sources map[string]string) []string {
	var names []string
	for _, name := range FixedPartials {
		def := t.Lookup(name)
		if def == nil || def.Tree == nil {
			continue
		}
		file := def.Tree.ParseName
		if sources[file] == themeSource(file) {
			names = append(names, name)
		}
	}
	return names
}

func themeSource(file string) string { return "(theme)/" + file }

// FixedData is the page data the fixed partials are executed with: only
// what is the same on every page of a locale and cloud.
func FixedData(p *Page) *Page {
	return &Page{Site: p.Site, Locale: p.Locale, Moniker: p.Moniker, T: p.T, Assets: p.Assets, Home: p.Home,
		SupportDirectory: p.SupportDirectory}
}

// Fixed executes the fixed partials on d (FixedData of a page of the
// locale and cloud) with the template set a page (or a landing page) is
// laid out with; nil when there are none.
func (l *Layouts) Fixed(d *Page, landing bool) map[string]template.HTML {
	t, names := l.page, l.fixedPage
	if landing && l.landing != nil {
		t, names = l.landing, l.fixedLanding
	}
	if t == nil || len(names) == 0 {
		return nil
	}
	out := make(map[string]template.HTML, len(names))
	var buf bytes.Buffer
	for _, name := range names {
		buf.Reset()
		if err := t.ExecuteTemplate(&buf, name, d); err != nil {
			continue // the page's own execution of the partial reports it
		}
		out[name] = template.HTML(buf.String())
	}
	return out
}
