package build

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/nav"
	"github.com/docloom/docloom/internal/render"
)

// loadNav reads each locale's TOC and breadcrumb files once per build.
func (b *builder) loadNav() {
	for _, l := range b.locales {
		var files []string
		for _, f := range l.Docset.TOCs {
			files = append(files, f.Rel)
		}
		l := l
		load := func(rel string) ([]byte, bool) {
			f, _ := l.Docset.Lookup(rel)
			if f == nil {
				return nil, false
			}
			data, err := os.ReadFile(f.Abs)
			return data, err == nil
		}
		exists := func(rel string) (string, bool) {
			if p, ok := l.byRel[rel]; ok {
				return p.Rel, true
			}
			if r, ok := l.lower[strings.ToLower(rel)]; ok {
				return r, true
			}
			if f, _ := l.Docset.Lookup(rel); f != nil {
				return f.Rel, true
			}
			if f, _ := l.Docset.Lookup(strings.TrimSuffix(rel, "/") + "/TOC.yml"); f != nil && f.Kind == docset.TOC {
				return rel, true
			}
			return "", false
		}
		set, ds := nav.LoadAll(files, load, exists)
		for i := range ds {
			if ds[i].Pos.File != "" && !filepath.IsAbs(ds[i].Pos.File) {
				ds[i].Pos.File = l.Docset.Display(ds[i].Pos.File)
			}
		}
		b.led.reset(ownerStage("nav:" + l.Locale.Code))
		b.led.add(ownerStage("nav:"+l.Locale.Code), ds...)
		l.nav = set
	}
}

// navData fills the sidebar, breadcrumbs, "In this article" and
// previous/next links of one page in one cloud.
func (b *builder) navData(l *localeSet, p *Page, m int, d *render.Page) {
	for _, h := range headingsIn(p.Doc, m) {
		d.InThisArticle = append(d.InThisArticle, h)
	}
	b.breadcrumbs(l, p, m, d)
	toc := l.nav.TOCFor(p.Rel)
	if toc == nil {
		return
	}
	link := func(it *nav.Item) (string, bool) {
		switch {
		case it.Page != "":
			tp, ok := l.byRel[it.Page]
			if !ok || !tp.Monikers.Has(m) {
				return "", false
			}
			u := b.pageURL(l.Locale.Code, m, tp.Rel)
			if it.Fragment != "" {
				u += "#" + it.Fragment
			}
			return u, true
		case it.Href != "":
			return it.Href, true
		}
		return "", true // a group heading
	}
	d.Sidebar = b.sidebar(l, m, toc, link).For(p.Rel)
	if d.Breadcrumbs == nil {
		// Without a breadcrumb file the trail is the TOC's, behind a link
		// to the home page of the locale and cloud.
		d.Breadcrumbs = append(d.Breadcrumbs, render.Link{Name: b.site.Title, URL: d.Home})
		for _, it := range toc.Trail(p.Rel) {
			if u, ok := link(it); ok {
				d.Breadcrumbs = append(d.Breadcrumbs, render.Link{Name: it.Name, URL: u})
			}
		}
	}
	prev, next := toc.PrevNext(p.Rel)
	for prev != nil {
		if u, ok := link(prev); ok && u != "" {
			d.Prev = &render.Link{Name: prev.Name, URL: u}
			break
		}
		prev, _ = toc.PrevNext(prev.Page)
	}
	for next != nil {
		if u, ok := link(next); ok && u != "" {
			d.Next = &render.Link{Name: next.Name, URL: u}
			break
		}
		_, next = toc.PrevNext(next.Page)
	}
}

// breadcrumbs uses the docset's breadcrumb/toc.yml files: the deepest
// chain whose tocHref (a path from the locale root, like /admin/) is a
// prefix of the page's path. topicHref is a path from the locale root too.
func (b *builder) breadcrumbs(l *localeSet, p *Page, m int, d *render.Page) {
	for _, bc := range l.nav.Breadcrumbs {
		chain := bc.For("/" + URLPath(p.Rel))
		if len(chain) == 0 {
			continue
		}
		for _, c := range chain {
			u := ""
			if c.Href != "" {
				if strings.HasPrefix(c.Href, "/") {
					u, _ = (&env{b: b, l: l, m: m, page: p}).rootLink(c.Href)
				}
				if u == "" {
					u = c.Href
				}
			}
			d.Breadcrumbs = append(d.Breadcrumbs, render.Link{Name: c.Name, URL: u})
		}
		return
	}
}

type sidebarKey struct {
	l   *localeSet
	m   int
	toc *nav.TOC
}

// sidebar renders a TOC for a locale and cloud once per build (pages
// differ only in which entry is current, which Sidebar.For marks).
func (b *builder) sidebar(l *localeSet, m int, toc *nav.TOC, link func(*nav.Item) (string, bool)) *render.Sidebar {
	key := sidebarKey{l, m, toc}
	b.mu.Lock()
	s, ok := b.sidebars[key]
	b.mu.Unlock()
	if ok {
		return s
	}
	var build func(items []*nav.Item) []*render.NavItem
	build = func(items []*nav.Item) []*render.NavItem {
		var out []*render.NavItem
		for _, it := range items {
			u, ok := link(it)
			if !ok {
				continue
			}
			n := &render.NavItem{Page: it.Page, Name: it.Name, URL: u, External: it.External, Open: it.Expanded}
			n.Items = build(it.Items)
			for _, c := range n.Items {
				n.Open = n.Open || c.Open // an expanded entry shows its parents too
			}
			if it.Page != "" || len(n.Items) > 0 || it.External || it.Href != "" {
				out = append(out, n)
			}
		}
		return out
	}
	s = render.NewSidebar(build(toc.Items))
	b.mu.Lock()
	if b.sidebars == nil {
		b.sidebars = map[sidebarKey]*render.Sidebar{}
	}
	b.sidebars[key] = s
	b.mu.Unlock()
	return s
}

// headingsIn lists the h2 and h3 headings a reader sees in cloud m.
func headingsIn(doc *dialect.Doc, m int) []render.Heading {
	if doc == nil {
		return nil
	}
	var out []render.Heading
	for _, h := range doc.Headings {
		if (h.Level == 2 || h.Level == 3) && (h.Zone.Empty() || h.Zone.Has(m)) {
			out = append(out, render.Heading{ID: h.ID, Text: h.Text, Level: h.Level})
		}
	}
	return out
}

var _ = diag.Pos{}
