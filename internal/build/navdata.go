package build

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/docloom/docloom/internal/nav"
	"github.com/docloom/docloom/internal/render"
	"github.com/docloom/docloom/internal/urlpath"
)

// loadNav reads each locale's TOC and breadcrumb files once per build, and
// parses the monikerRange of every TOC item once.
func (b *builder) loadNav() {
	b.itemRanges = map[*nav.Item]moniker.Set{}
	for _, l := range b.locales {
		var files []string
		for _, f := range l.Docset.TOCs {
			files = append(files, f.Rel)
		}
		generated := b.referenceTOCs(l)
		for _, rel := range sortedKeys(generated) {
			files = append(files, rel)
		}
		l := l
		load := func(rel string) ([]byte, bool) {
			if data, ok := generated[rel]; ok {
				return data, true
			}
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
		named, firstUse := b.breadcrumbPaths(l)
		set, ds := nav.LoadAllNamed(files, named, load, exists)
		ds = append(ds, b.parseItemRanges(set)...)
		for _, n := range named {
			if nav.MatchBreadcrumbPath(n, set.BreadcrumbFiles()) == "" {
				ds = append(ds, diag.Diagnostic{Pos: diag.Pos{File: firstUse[n], Line: 1}, Severity: diag.Warning, Code: "breadcrumb-path-not-found",
					Message: "breadcrumb_path " + n + " names no TOC file of the docset; pages that give it get their breadcrumb from the other breadcrumb files or their TOC"})
			}
		}
		for i := range ds {
			if ds[i].Pos.File != "" && !filepath.IsAbs(ds[i].Pos.File) {
				ds[i].Pos.File = l.Docset.Display(ds[i].Pos.File)
			}
		}
		b.led.reset(ownerStage("nav:" + l.Locale.Code))
		b.led.add(ownerStage("nav:"+l.Locale.Code), diag.SortUnique(ds)...)
		l.nav = set
		b.indexReferenceTOCs(l)
	}
	b.indexHomes()
}

// breadcrumbPaths lists, sorted, the distinct breadcrumb_path values of a
// locale's pages (from their front matter or docfx.json metadata), and the
// first page in path order that gives each.
func (b *builder) breadcrumbPaths(l *localeSet) ([]string, map[string]string) {
	first := map[string]string{}
	var out []string
	for _, f := range l.Docset.Pages { // sorted by Rel
		p := l.own[f.Rel]
		if p == nil {
			continue
		}
		if v := b.crumbPath(l, meta.String(p.Meta, "breadcrumb_path")); v != "" {
			if _, seen := first[v]; !seen {
				first[v] = p.Rel
				out = append(out, v)
			}
		}
	}
	sort.Strings(out)
	return out, first
}

// parseItemRanges parses the monikerRange of every item of every TOC of
// set into b.itemRanges; a range that does not parse is reported at the
// item and hides the item in no cloud.
func (b *builder) parseItemRanges(set *nav.Set) []diag.Diagnostic {
	var ds []diag.Diagnostic
	parsed := map[string]moniker.Set{}
	for _, f := range set.Files() {
		nav.Walk(set.TOCs[f].Items, func(it *nav.Item, _ []*nav.Item) bool {
			expr := strings.TrimSpace(it.MonikerRange)
			if expr == "" {
				return true
			}
			s, ok := parsed[expr]
			if !ok {
				var err error
				s, err = b.site.Monikers.Parse(expr)
				if err != nil {
					msg := err.Error()
					if re, ok := err.(*moniker.RangeError); ok {
						msg = re.Msg
					}
					ds = append(ds, diag.Diagnostic{Pos: it.Pos, Severity: diag.Error, Code: "moniker-range-invalid",
						Message: "TOC item monikerRange " + expr + ": " + msg})
					s = b.site.Monikers.All()
				}
				parsed[expr] = s
			}
			b.itemRanges[it] = s
			return true
		})
	}
	return ds
}

// cloudNav is one TOC as the readers of one locale and cloud see it: the
// view previous/next and the trail walk, and the sidebar rendered from it.
type cloudNav struct {
	view    *nav.TOC
	sidebar *render.Sidebar
	// url is the shared file that holds the whole TOC, when it is too large
	// to repeat in every page (see sharedTOCMin); "" otherwise.
	url string
}

// sharedTOCMin is the size from which a TOC is written once per locale,
// cloud and TOC file, as /_docloom/toc/<locale>/<cloud>/<toc>.html, and
// loaded by the page's script; each page then carries only its own branch
// (render.Sidebar.Branch), which keeps it usable without JavaScript. On
// the PowerShell docset the whole TOC was 82% of every page's bytes.
var sharedTOCMin = 16 << 10

// tocFile is the output path of the shared TOC file of toc in a locale and
// cloud.
func tocFile(locale, moniker string, toc *nav.TOC) string {
	name := lowerPath(toc.File)
	if ext := path.Ext(name); ext != "" {
		name = strings.TrimSuffix(name, ext)
	}
	return "_docloom/toc/" + locale + "/" + moniker + "/" + name + ".html"
}

type sidebarKey struct {
	l   *localeSet
	m   int
	toc *nav.TOC
}

// navFor returns the TOC toc in locale l and cloud m, built once per build.
// Items whose monikerRange leaves m out are dropped with their children;
// items whose page is not published in m keep their children as headings
// (nav.TOC.View).
func (b *builder) navFor(l *localeSet, m int, toc *nav.TOC) *cloudNav {
	if toc == nil {
		return nil
	}
	key := sidebarKey{l, m, toc}
	b.mu.Lock()
	cn, ok := b.sidebars[key]
	b.mu.Unlock()
	if ok {
		return cn
	}
	rootIn := true
	if strings.TrimSpace(toc.MonikerRange) != "" {
		if s, err := b.site.Monikers.Parse(toc.MonikerRange); err == nil {
			rootIn = s.Has(m)
		}
	}
	inRange := func(it *nav.Item) bool {
		if !rootIn {
			return false
		}
		s, ok := b.itemRanges[it]
		return !ok || s.Has(m)
	}
	published := func(page string) bool {
		tp, ok := l.byRel[page]
		return ok && tp.Monikers.Has(m)
	}
	view := toc.View(inRange, published)
	var build func(items []*nav.Item) []*render.NavItem
	build = func(items []*nav.Item) []*render.NavItem {
		var out []*render.NavItem
		for _, it := range items {
			n := &render.NavItem{Page: it.Page, Name: b.navName(l, it), URL: b.navURL(l, m, it), External: it.External, Open: it.Expanded}
			n.Items = build(it.Items)
			for _, c := range n.Items {
				n.Open = n.Open || c.Open // an expanded entry shows its parents too
			}
			out = append(out, n)
		}
		return out
	}
	cn = &cloudNav{view: view, sidebar: render.NewSidebar(build(view.Items))}
	var rel string
	if cn.sidebar.Len() >= sharedTOCMin {
		rel = tocFile(l.Locale.Code, b.site.Monikers.Moniker(m).Name, toc)
		cn.url = b.basePath() + urlpath.Escape(rel)
	}
	b.mu.Lock()
	if b.sidebars == nil {
		b.sidebars = map[sidebarKey]*cloudNav{}
	}
	if first, ok := b.sidebars[key]; ok {
		b.mu.Unlock()
		return first // another worker made it meanwhile
	}
	b.sidebars[key] = cn
	b.mu.Unlock()
	if rel != "" {
		b.write(rel, []byte(cn.sidebar.HTML()))
	}
	return cn
}

// navURL is where an item of a TOC view links in locale l and cloud m: its
// page there, an external URL as written, a root-relative URL onto a page
// of the site or else through rootLinks (another Learn docset), or ""
// for a heading.
func (b *builder) navURL(l *localeSet, m int, it *nav.Item) string {
	switch {
	case it.Page != "":
		u := b.pageURL(l.Locale.Code, m, it.Page)
		if tp := l.byRel[it.Page]; tp != nil {
			u = b.pageURL(l.Locale.Code, m, tp.Rel)
		}
		if it.Fragment != "" {
			u += "#" + it.Fragment
		}
		return u
	case it.Href == "" || it.External:
		return it.Href
	case strings.HasPrefix(it.Href, "/"):
		return b.rootURL(l, m, it.Href)
	}
	return it.Href
}

// rootURL resolves a root-relative URL written in navigation (a TOC or
// breadcrumb href): a page of the site when it names one, else the
// site's rootLinks like any root-relative link of a page.
func (b *builder) rootURL(l *localeSet, m int, href string) string {
	e := &env{b: b, l: l, m: m}
	p, rest := href, ""
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		p, rest = href[:i], href[i:]
	}
	if u, ok := e.rootLink(p); ok {
		return u + fragmentOnly(rest)
	}
	return e.outsideLink(href)
}

func fragmentOnly(rest string) string {
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		return rest[i:]
	}
	return ""
}

// navData fills the sidebar, breadcrumbs, "In this article" and
// previous/next links of one page in one cloud.
func (b *builder) navData(l *localeSet, p *Page, m int, d *render.Page) {
	for _, h := range headingsIn(p.Doc, m) {
		d.InThisArticle = append(d.InThisArticle, h)
	}
	toc := l.nav.TOCFor(p.Rel)
	if toc == nil {
		toc = b.referenceTOC(l, p, m)
	}
	cn := b.navFor(l, m, toc)
	b.breadcrumbs(l, p, m, d, cn)
	if cn == nil {
		return
	}
	if cn.url != "" {
		d.Sidebar, d.SidebarURL = cn.sidebar.Branch(p.Rel), cn.url
	} else {
		d.Sidebar = cn.sidebar.For(p.Rel)
	}
	// On the view every item with a page is a published page of this
	// cloud other than p: no walk, no loop.
	prev, next := cn.view.PrevNext(p.Rel)
	if prev != nil {
		d.Prev = &render.Link{Name: b.navName(l, prev), URL: b.navURL(l, m, prev)}
	}
	if next != nil {
		d.Next = &render.Link{Name: b.navName(l, next), URL: b.navURL(l, m, next)}
	}
}

// breadcrumbs picks the page's trail: from a breadcrumb file (the one its
// breadcrumb_path names, else the most specific match; nav.Set.Crumbs),
// followed by its TOC trail when extendBreadcrumb is set; without a
// breadcrumb file, the TOC trail behind a link to the locale and cloud's
// home page.
func (b *builder) breadcrumbs(l *localeSet, p *Page, m int, d *render.Page, cn *cloudNav) {
	named := b.crumbPath(l, meta.String(p.Meta, "breadcrumb_path"))
	base := b.crumbBase(l, named)
	// Breadcrumb files match published URLs: where docfx.json moved the
	// page, its published path holds the docset's Learn base already.
	key := base + URLPath(p.Rel)
	if pub := b.pubOf(p.Rel); pub != p.Rel {
		key = "/" + URLPath(pub)
	}
	_, chain := l.nav.Crumbs(key, named)
	tocTrail := func() {
		if cn == nil {
			return
		}
		for _, it := range cn.view.Trail(p.Rel) {
			if u := b.navURL(l, m, it); u != "" {
				d.Breadcrumbs = append(d.Breadcrumbs, render.Link{Name: b.navName(l, it), URL: u})
			}
		}
	}
	if len(chain) == 0 {
		if cn != nil {
			d.Breadcrumbs = append(d.Breadcrumbs, render.Link{Name: b.site.Title, URL: d.Home})
			tocTrail()
		}
		return
	}
	for _, c := range chain {
		d.Breadcrumbs = append(d.Breadcrumbs, render.Link{Name: c.Name, URL: b.crumbURL(l, m, c.Href, base)})
	}
	if truthy(p.Meta["extendBreadcrumb"]) {
		tocTrail()
	}
}

// crumbBase is the URL path the breadcrumb files' tocHrefs give this
// docset's pages: breadcrumb_path is the published URL of a breadcrumb
// file ("/powershell/scripting/bread/toc.json" for bread/toc.yml), so what
// it has in front of the file's own path is where the docset's pages live
// ("/powershell/scripting/"). Without breadcrumb_path, or when it names no
// file, "/": tocHrefs are then paths from the docset root
// ("/microsoft-365/admin" for microsoft-365/admin/...).
func (b *builder) crumbBase(l *localeSet, named string) string {
	if named == "" {
		return "/"
	}
	f := nav.MatchBreadcrumbPath(named, l.nav.BreadcrumbFiles())
	if f == "" {
		return "/"
	}
	want := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(named, ".json"), ".yml"), ".yaml"))
	own := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(f, ".json"), ".yml"), ".yaml"))
	base, ok := strings.CutSuffix(want, own)
	if !ok || !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") {
		return "/"
	}
	return base
}

// crumbURL resolves a breadcrumb topicHref. Breadcrumb files write
// published URLs ("/microsoft-365/Enterprise/index", "/powershell/index"):
// a page of the site when one has that path (tried as written, then
// without each leading part of the docset's base path), else rootLinks.
func (b *builder) crumbURL(l *localeSet, m int, href, base string) string {
	switch {
	case href == "":
		return ""
	case !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//"):
		return href // external (or relative, as written)
	}
	e := &env{b: b, l: l, m: m}
	p, _, _ := strings.Cut(href, "?")
	p, frag, _ := strings.Cut(p, "#")
	if frag != "" {
		frag = "#" + frag
	}
	if u, ok := e.rootLink(p); ok {
		return u + frag
	}
	segs := strings.Split(strings.Trim(base, "/"), "/")
	for i := len(segs); i > 0; i-- {
		prefix := "/" + strings.Join(segs[:i], "/") + "/"
		if rest, ok := strings.CutPrefix(strings.ToLower(p), strings.ToLower(prefix)); ok {
			if u, ok := e.rootLink("/" + rest); ok {
				return u + frag
			}
		}
	}
	return e.outsideLink(href)
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return strings.EqualFold(strings.TrimSpace(x), "true")
	}
	return false
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

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// crumbPath maps a breadcrumb_path value that is the published URL of a
// TOC file docfx.json moves (/powershell/scripting/bread/toc.json for
// reference/bread/toc.yml under dest scripting) to that file's own path,
// which the breadcrumb matching reads; other values stay as they are.
func (b *builder) crumbPath(l *localeSet, v string) string {
	if v == "" {
		return ""
	}
	want := strings.ToLower(strings.TrimSuffix(strings.Trim(strings.TrimSpace(v), "/"), path.Ext(v)))
	for _, f := range l.Docset.TOCs {
		if f.Pub == f.Rel {
			continue
		}
		if strings.ToLower(strings.TrimSuffix(f.Pub, path.Ext(f.Pub))) == want {
			return "/" + f.Rel
		}
	}
	return v
}

// navName is what a TOC entry is called: its name, or, when it has none
// and opens a page, the page's title (as DocFX names such an entry).
func (b *builder) navName(l *localeSet, it *nav.Item) string {
	if it.Name != "" || it.Page == "" {
		return it.Name
	}
	return l.navTitles[it.Page]
}
