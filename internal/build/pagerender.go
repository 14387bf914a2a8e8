package build

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/output"
	"github.com/docloom/docloom/internal/render"
	"github.com/docloom/docloom/internal/urlpath"
)

// shareBodies lets a page body that met no cloud-specific content be
// rendered once and laid out for every cloud. Tests turn it off to check
// that sharing never changes the output.
var shareBodies = true

type renderJob struct {
	l *localeSet
	p *Page
}

// renderAll renders every page in every cloud it applies to, one worker
// per core; each worker keeps its own renderer (goldmark renderers hold
// per-render state).
func (b *builder) renderAll() int {
	var jobs []renderJob
	for _, l := range b.locales {
		for _, p := range l.Pages {
			if !p.rendered {
				jobs = append(jobs, renderJob{l, p})
			}
		}
	}
	if _, serving := b.sink.(*memSink); !serving {
		b.jobsLeft = map[*dialect.Doc]*atomic.Int32{}
		for _, j := range jobs {
			if j.p.Doc == nil {
				continue
			}
			c, ok := b.jobsLeft[j.p.Doc]
			if !ok {
				c = new(atomic.Int32)
				b.jobsLeft[j.p.Doc] = c
			}
			c.Add(1)
		}
	}
	b.writeRedirectPages()
	return b.renderJobs(jobs)
}

// renderJobs renders the given pages in parallel.
func (b *builder) renderJobs(jobs []renderJob) int {
	w := b.workers()
	states := make([]*dialect.State, w)
	renderers := make([]*dialect.Renderer, w)
	for i := range states {
		states[i] = &dialect.State{}
		renderers[i] = b.dialect.NewRenderer(states[i])
	}
	counts := make([]int, w)
	b.parallel(len(jobs), func(worker, i int) {
		counts[worker] += b.renderPage(states[worker], renderers[worker], jobs[i])
	})
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

func (b *builder) renderPage(st *dialect.State, r *dialect.Renderer, j renderJob) int {
	if redirectURL(j.p) != "" {
		return 0 // published as a redirect by writeSiteFiles
	}
	owner := ownerRender(j.l.Locale.Code, j.p.Rel)
	b.led.reset(owner)
	j.p.pivots = b.pagePivots(j.l, j.p) // once per page, not per cloud
	deps := map[string]bool{}
	bodies := b.renderBodies(st, r, j, owner, deps)
	b.mu.Lock()
	b.deps[depPage(j.l.Locale.Code, j.p.Rel)] = deps
	b.mu.Unlock()
	n := 0
	e := &env{b: b, l: j.l, page: j.p, owner: owner}
	b.searchForget(j.l.Locale.Code, j.p.Rel)
	var analysed searchAnalysis
	for i, m := range j.p.Monikers.Indices() {
		if i < len(bodies) && bodies[i].ok {
			e.m = m
			if data := b.writePage(j, m, bodies[i].html, e); data != nil {
				entry := b.searchIndex(j, m, bodies[i].html, data, &analysed)
				b.keepBody(j, m, bodies[i].html, entry)
			}
			n++
		}
	}
	b.release(j.p.Doc)
	return n
}

// cloudBody is a page body rendered for one cloud; ok is false when the
// render failed (and was reported).
type cloudBody struct {
	html string
	ok   bool
}

// renderBodies renders the page's body for each of its clouds, in the
// order of Monikers.Indices().
func (b *builder) renderBodies(st *dialect.State, r *dialect.Renderer, j renderJob, owner string, deps map[string]bool) []cloudBody {
	idx := j.p.Monikers.Indices()
	out := make([]cloudBody, len(idx))
	var shared string // the body, when it is the same in every cloud
	for i, m := range idx {
		if shared != "" {
			out[i] = cloudBody{shared, true}
			continue
		}
		e := &env{b: b, l: j.l, m: m, page: j.p, owner: owner, deps: deps}
		st.Moniker, st.Locale, st.Env = m, j.l.Locale.Code, e
		st.LineAttrs = nil
		if hl := j.p.hoursLines; hl != nil {
			st.LineAttrs = func(doc *dialect.Doc, line int) [][2]string {
				if doc != j.p.Doc {
					return nil
				}
				if v, ok := hl[line]; ok {
					attrs := [][2]string{{"class", "hours-line"}, {"data-schedule", v[0]}, {"data-zone", v[1]}}
					if v[2] != "" {
						attrs = append(attrs, [2]string{"data-original", v[2]})
					}
					return attrs
				}
				return nil
			}
		}
		body, err := r.RenderString(j.p.Doc)
		if err != nil {
			b.led.addf(owner, diag.Pos{File: j.l.Docset.Display(j.p.Rel)}, diag.Error, "render-failed", "%v", err)
			continue
		}
		if shareBodies && !st.SawZone && !e.cloudSpecific && st.LineAttrs == nil {
			shared = body
		}
		out[i] = cloudBody{body, true}
	}
	return out
}

// release drops a parsed page once its last render job is done, in one-shot
// builds: the syntax tree is most of the build's memory, and freeing it as
// rendering goes keeps the garbage collector's work small on large docsets.
// Headings stay for other pages' bookmark checks.
func (b *builder) release(doc *dialect.Doc) {
	if b.jobsLeft == nil || doc == nil {
		return
	}
	if c, ok := b.jobsLeft[doc]; ok && c.Add(-1) == 0 {
		doc.Release()
	}
}

// writePage lays the body out for one cloud and writes it. It returns
// what the layout was given, nil when the layout failed.
func (b *builder) writePage(j renderJob, m int, body string, e *env) *render.Page {
	data := b.pageData(j.l, j.p, m, body)
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if err := b.layouts.ExecuteTo(buf, data, j.p.Landing); err != nil {
		bufPool.Put(buf)
		b.led.addf(e.owner, diag.Pos{File: "layouts"}, diag.Error, "layout-error", "%s: %v", j.p.Rel, err)
		return nil
	}
	rel := b.pageOutput(j.l.Locale.Code, b.site.Monikers.Moniker(m).Name, j.p.Rel)
	if r := j.p.rec; r != nil {
		h := output.Sum(buf.Bytes())
		r.docs = append(r.docs, cachedDoc{Rel: rel, M: m, Hash: h, Size: int64(buf.Len())})
		if q, ok := b.sink.(summedQueuer); ok {
			b.emit(rel, func(sink) error {
				q.QueueSummed(rel, buf.Bytes(), h, func() { bufPool.Put(buf) })
				return nil
			})
			return data
		}
	}
	if q, ok := b.sink.(queuer); ok {
		b.emit(rel, func(sink) error {
			q.Queue(rel, buf.Bytes(), func() { bufPool.Put(buf) })
			return nil
		})
		return data
	}
	b.write(rel, buf.Bytes())
	bufPool.Put(buf)
	return data
}

// queuer is a sink that writes in the background (output.Dir).
type queuer interface {
	Queue(rel string, data []byte, done func())
	Wait() error
}

// summedQueuer is a queuer that takes the Sum of the bytes with them, so
// they are not hashed twice.
type summedQueuer interface {
	QueueSummed(rel string, data []byte, hash [16]byte, done func())
}

// bufPool recycles page buffers: sinks copy or write out what they are
// given and keep nothing.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pageOutput is the output path of a page in a locale and cloud.
func (b *builder) pageOutput(locale, moniker, rel string) string {
	return locale + "/" + moniker + "/" + OutputFile(URLPath(b.pubOf(rel)))
}

// pubOf is the published path of page rel (docset.File.Pub): where
// docfx.json's dest puts it. Every locale publishes a page at the same
// path, so one map serves all; a path no locale has (a redirected page's
// old file) is worked out from the default locale's docfx.json.
func (b *builder) pubOf(rel string) string {
	if p, ok := b.pubs[rel]; ok {
		return p.pub
	}
	if def := b.defaultLocale(); def != nil {
		return def.Docset.PubPath(rel)
	}
	return rel
}

// urlPathOf is the escaped URL path of page rel inside its locale and
// cloud (urlpath.Escape(URLPath(b.pubOf(rel)))): made once per page, as
// every page's pickers and links ask for other pages' URLs.
func (b *builder) urlPathOf(rel string) string {
	if p, ok := b.pubs[rel]; ok {
		return p.url
	}
	return urlpath.Escape(URLPath(b.pubOf(rel)))
}

// published is a page's published path and its escaped URL path.
type published struct{ pub, url string }

// indexPubs fills the map pubOf reads, default locale first.
func (b *builder) indexPubs() {
	b.pubs = map[string]published{}
	ls := append([]*localeSet{b.defaultLocale()}, b.locales...)
	for _, l := range ls {
		if l == nil {
			continue
		}
		for _, f := range l.Docset.Pages {
			if _, ok := b.pubs[f.Rel]; !ok {
				b.pubs[f.Rel] = published{f.Pub, urlpath.Escape(URLPath(f.Pub))}
			}
		}
	}
}

// depPage names a page in the dependency graph.
func depPage(locale, rel string) string { return "page:" + locale + "/" + rel }

// absURL is a page URL with the site's scheme and host, for canonical and
// hreflang links.
func (b *builder) absURL(p string) string {
	base := strings.TrimSuffix(b.site.BaseURL, "/")
	bp := strings.TrimSuffix(b.basePath(), "/")
	return strings.TrimSuffix(base, bp) + p
}

func (b *builder) pageData(l *localeSet, p *Page, m int, body string) *render.Page {
	cat := b.site.Monikers
	d := &render.Page{
		Site:              b.site,
		Locale:            l.Locale,
		Moniker:           cat.Moniker(m),
		Title:             p.Title,
		TitleSuffix:       meta.String(p.Meta, "titleSuffix"),
		Description:       meta.String(p.Meta, "description"),
		Robots:            firstNonEmpty(meta.String(p.Meta, "ROBOTS"), meta.String(p.Meta, "robots")),
		Body:              template.HTML(body),
		Fallback:          p.Fallback,
		MachineTranslated: strings.EqualFold(meta.String(p.Meta, "ms.translationtype"), "MT") && !p.Fallback,
		Meta:              p.Meta,
		T:                 phrasesOf(l.Locale.Code, cat.Versioned()),
		Home:              b.homeURL(l.Locale.Code, m),
	}
	self := b.pageURL(l.Locale.Code, m, p.Rel)
	d.Canonical = b.absURL(self)
	if p.Fallback {
		// The page's text is the default locale's: tell search engines so.
		d.Canonical = b.absURL(b.pageURL(b.site.DefaultLocale, m, p.Rel))
	}
	if d.MachineTranslated {
		d.SourceURL, d.MachineTranslated = b.englishURL(l, p, m)
	}
	for _, other := range b.locales {
		op, ok := other.byRel[p.Rel]
		if !ok || !op.Monikers.Has(m) {
			continue
		}
		u := b.pageURL(other.Locale.Code, m, p.Rel)
		d.Languages = append(d.Languages, render.Link{Code: other.Locale.Code, Name: other.Locale.Name, URL: u, Current: other == l})
		if !op.Fallback {
			d.Alternates = append(d.Alternates, render.Link{Lang: other.Locale.Code, URL: b.absURL(u)})
		}
	}
	sameURL := l.byURL[urlKey(b.pubOf(p.Rel))] // p and the pages published at its URL
	for _, i := range cat.All().Indices() {
		link := render.Link{Code: cat.Moniker(i).Name, Display: cat.Moniker(i).Display, Current: i == m}
		if p.Monikers.Has(i) {
			link.URL = b.pageURL(l.Locale.Code, i, p.Rel)
		} else if twin := twinIn(sameURL, p, i); twin != nil {
			// Versioned reference docs keep one file per version
			// (reference/7.4/.../Get-ChildItem.md, reference/5.1/...) that
			// publish at one URL: the picker leads to the twin, as Learn's
			// ?view= does.
			link.URL = b.pageURL(l.Locale.Code, i, twin.Rel)
		}
		d.Clouds = append(d.Clouds, link)
	}
	if raw := meta.String(p.Meta, "ms.date"); raw != "" {
		if t, ok := dateOf(raw); ok {
			d.Date = &render.Date{ISO: t.Format("2006-01-02"), Text: formatDate(t, l.Locale.Code)}
		} else if !p.Fallback {
			b.led.addf(ownerRender(l.Locale.Code, p.Rel), diag.Pos{File: l.Docset.Display(p.Rel)}, diag.Warning, "date-format-invalid",
				"ms.date %q is not a date in M/D/YYYY form; it is not shown", raw)
		}
	}
	b.pageChrome(l, p, d)
	d.SupportDirectory = l.supportDir
	b.searchBox(d, l.Locale.Code, cat.Moniker(m).Name)
	d.PivotGroups = p.pivots
	b.navData(l, p, m, d)
	d.Assets = b.pageAssets
	d.Fixed = b.fixedPartials(d, p.Landing)
	return d
}

// fixedPartials are the layouts' partials that depend on the locale and
// cloud alone (render.FixedPartials), executed for the first page of each
// and shared by the rest.
func (b *builder) fixedPartials(d *render.Page, landing bool) map[string]template.HTML {
	if b.fixed == nil || b.layouts.Missing() {
		return nil
	}
	key := fixedKey{d.Locale.Code, d.Moniker.Name, landing}
	if f, ok := b.fixed.Load(key); ok {
		return f.(map[string]template.HTML)
	}
	f, _ := b.fixed.LoadOrStore(key, b.layouts.Fixed(render.FixedData(d), landing))
	return f.(map[string]template.HTML)
}

type fixedKey struct {
	locale, moniker string
	landing         bool
}

// assetLinks is what every page links to of the bundle, under the base
// path: made once per build, pages share it (layouts only read it).
func (b *builder) assetLinks() render.Assets {
	var a render.Assets
	if b.bundle == nil {
		return a
	}
	base := strings.TrimSuffix(b.basePath(), "/")
	for _, u := range b.bundle.CSS {
		a.CSS = append(a.CSS, base+u)
	}
	for _, u := range b.bundle.JS {
		a.JS = append(a.JS, base+u)
	}
	for _, u := range b.bundle.HeadJS {
		a.HeadJS = append(a.HeadJS, base+u)
	}
	if b.bundle.Icon != "" {
		a.Icon = base + b.bundle.Icon
	}
	return a
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// writeRedirectPages writes the site root and each locale root, which send
// readers to the default cloud's home page (the CDN's rules do better where
// they can; these work on any static host).
func (b *builder) writeRedirectPages() {
	def := b.site.DefaultMoniker
	target := func(locale string) string {
		// The default cloud's home (one hop, not through its folder's
		// redirect), or the first cloud that has pages in the locale.
		d, _ := b.site.Monikers.Index(def)
		if h := b.home(locale, d); h != "" {
			return h
		}
		for _, m := range b.site.Monikers.All().Indices() {
			if h := b.home(locale, m); h != "" {
				return h
			}
		}
		return b.cloudRoot(locale, d)
	}
	page := func(to string) []byte {
		return []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0; url=` +
			template.HTMLEscapeString(to) + `"><link rel="canonical" href="` + template.HTMLEscapeString(to) +
			`"><title>Redirecting</title></head><body><a href="` + template.HTMLEscapeString(to) + `">` +
			template.HTMLEscapeString(to) + `</a></body></html>`)
	}
	b.write("index.html", page(target(b.site.DefaultLocale)))
	for _, l := range b.locales {
		b.write(l.Locale.Code+"/index.html", page(target(l.Locale.Code)))
	}
	// Where the home is below the moniker folder (/en-us/<moniker>/powershell/),
	// or the docset has no page there, the folder sends readers to it.
	b.writeCloudRoots(page)
}

// homeURL is the docset's home page in a locale and moniker (see
// indexHomes); "" when no page of the locale is in that cloud.
func (b *builder) homeURL(locale string, m int) string { return b.home(locale, m) }

// findHome sets homePath: the URL path of the docset's home page below
// the moniker folder. A page at the docset root (index.md) is the home;
// else a docset's page at its Learn base (/powershell/: its index.yml
// hub); else the moniker folder.
func (b *builder) findHome() {
	b.homePath = ""
	def := b.defaultLocale()
	if def == nil || len(def.byURL[""]) > 0 {
		return
	}
	var bases []string
	for _, x := range def.Docset.Docfx {
		if x.URLBase != "" {
			bases = append(bases, x.URLBase+"/")
		}
	}
	sort.Strings(bases)
	for _, base := range bases {
		if len(def.byURL[base]) > 0 {
			b.homePath = base
			return
		}
	}
}

// englishURL is where a machine-translated page's "read the English
// version" link goes: the page in the site's English locale (in the same
// cloud), else on Learn through rootLinks when the site has no English
// copy of it. A page of an English locale is not shown as translated.
func (b *builder) englishURL(l *localeSet, p *Page, m int) (string, bool) {
	if isEnglish(l.Locale.Code) {
		return "", false
	}
	var en *localeSet
	for _, other := range b.locales {
		if other != l && isEnglish(other.Locale.Code) && (en == nil || other.Locale.Code == "en-us") {
			en = other
		}
	}
	if en != nil {
		if ep, ok := en.byRel[p.Rel]; ok && ep.Monikers.Has(m) {
			return b.pageURL(en.Locale.Code, m, ep.Rel), true
		}
	}
	if base := b.site.RootLinks; base != "" {
		base = strings.ReplaceAll(base, "{locale}", "en-us")
		return strings.TrimSuffix(base, "/") + "/" + urlpath.Escape(URLPath(p.Rel)), true
	}
	return "", true
}

func isEnglish(code string) bool {
	lang, _, _ := strings.Cut(strings.ToLower(code), "-")
	return lang == "en"
}

// twinIn is the page of moniker m among sameURL (the pages published at
// p's URL) when p itself is not in m: another source file for another
// version, or nil.
func twinIn(sameURL []*Page, p *Page, m int) *Page {
	for _, o := range sameURL {
		if o != p && o.Monikers.Has(m) {
			return o
		}
	}
	return nil
}
