package build

import (
	"crypto/sha256"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/docloom/docloom/internal/urlpath"
)

// env resolves links and includes for one page in one locale and cloud.
type env struct {
	b     *builder
	l     *localeSet
	m     int
	page  *Page
	owner string // ledger owner of this page's render diagnostics
	// cloudSpecific is set when a link's resolution depended on the cloud
	// (its target is not in the same clouds as the page, or its bookmark
	// target has cloud-specific headings): the body must be rendered per
	// cloud.
	cloudSpecific bool
	deps          map[string]bool // files and pages this page's output depends on
}

var schemeRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.\-]*:`)

func (e *env) Report(d diag.Diagnostic) { e.b.led.add(e.owner, d) }

func (e *env) warn(pos diag.Pos, code, msg string) {
	e.b.led.add(e.owner, diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: code, Message: msg})
}

// pageURL is the URL of page rel in locale and cloud m, percent-encoded
// (urlpath.Escape): every URL of a page the site writes comes from here.
func (b *builder) pageURL(locale string, m int, rel string) string {
	return b.basePath() + urlpath.Escape(locale+"/"+b.site.Monikers.Moniker(m).Name+"/") + b.urlPathOf(rel)
}

// basePath is the path of the site's base URL ("/" or "/docs/"), parsed
// once per build: it is asked for on every link.
func (b *builder) basePath() string {
	b.baseOnce.Do(func() {
		b.base = "/"
		if u, err := url.Parse(b.site.BaseURL); err == nil && u.Path != "" {
			b.base = urlpath.Escape(strings.TrimSuffix(u.Path, "/") + "/")
		}
	})
	return b.base
}

// Link implements dialect.Env. Links into the site are written relative to
// the page's folder (support/germany), so a page body that has no cloud-specific
// content is byte-identical in every cloud and the site works under any
// base path.
func (e *env) Link(doc *dialect.Doc, dest string, image bool, pos diag.Pos) string {
	return e.relative(e.link(doc, dest, image, pos))
}

// relative rewrites a root-relative URL into one relative to the page.
func (e *env) relative(u string) string {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") || e.page == nil {
		return u
	}
	from := e.b.pageURL(e.l.Locale.Code, e.m, e.page.Rel)
	return relURL(from[:strings.LastIndexByte(from, '/')+1], u)
}

// relURL returns the URL of to relative to the folder URL from (both
// root-relative; from ends with a slash).
func relURL(from, to string) string {
	target, rest := to, ""
	if i := strings.IndexAny(to, "?#"); i >= 0 {
		target, rest = to[:i], to[i:]
	}
	fs := strings.Split(strings.Trim(from, "/"), "/")
	ts := strings.Split(strings.TrimPrefix(target, "/"), "/")
	if from == "/" {
		fs = nil
	}
	i := 0
	for i < len(fs) && i < len(ts)-1 && fs[i] == ts[i] {
		i++
	}
	var b strings.Builder
	for range fs[i:] {
		b.WriteString("../")
	}
	b.WriteString(strings.Join(ts[i:], "/"))
	out := b.String()
	if out == "" {
		out = "./"
	}
	return out + rest
}

func (e *env) link(doc *dialect.Doc, dest string, image bool, pos diag.Pos) string {
	dest = strings.TrimSpace(dest)
	if dest == "" {
		return ""
	}
	if len(dest) > 2 && dest[1] == ':' && (dest[2] == '/' || dest[2] == '\\') {
		e.warn(pos, "local-file-path", "link to a local file "+dest+" works only on the author's machine; link to a page of the docset")
		return dest
	}
	if strings.HasPrefix(dest, "xref:") {
		return e.xref(strings.TrimPrefix(dest, "xref:"), pos)
	}
	if schemeRE.MatchString(dest) {
		return dest
	}
	p, frag, hasFrag := strings.Cut(dest, "#")
	p, query, _ := strings.Cut(p, "?")
	suffix := ""
	if query != "" {
		suffix += "?" + query
	}
	if hasFrag {
		suffix += "#" + frag
	}
	if p == "" {
		if hasFrag && !strings.HasPrefix(frag, "tab/") {
			e.checkBookmark(e.page, frag, pos)
			if e.page.zoned() {
				e.cloudSpecific = true
			}
		}
		return dest
	}
	if dp, err := url.PathUnescape(p); err == nil {
		p = dp
	}
	if strings.Contains(p, `\`) {
		e.warn(pos, "link-backslash", "write / instead of \\ in link paths: "+dest)
		p = strings.ReplaceAll(p, `\`, "/")
	}
	var target string
	switch {
	case strings.HasPrefix(p, "~/"):
		target = path.Join(e.fileBase(doc), p[2:])
	case strings.HasPrefix(p, "/"):
		if u, tp, ok := e.rootPage(dest); ok {
			if hasFrag {
				e.linkedBookmark(tp, frag, pos)
			}
			return u
		}
		return e.outsideLink(dest)
	default:
		target = path.Join(path.Dir(doc.Rel), p)
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		e.warn(pos, "link-out-of-scope", "link "+dest+" leaves the docset folder; use a root-relative /path or a full URL")
		return dest
	}
	if target == doc.Rel && doc == e.page.Doc {
		if hasFrag {
			e.checkBookmark(e.page, frag, pos)
		}
		return "#" + frag
	}
	if u, ok := e.pageLink(target, frag, hasFrag, pos, dest); ok {
		return u + suffix
	}
	if u, ok := e.resourceLink(target, pos, dest); ok {
		return u + suffix
	}
	if u, ok := e.redirect(target, frag, pos); ok {
		return u
	}
	// Whatever its form (a file, a path without extension, a folder), a
	// relative link inside the docset that names nothing is a 404.
	e.warn(pos, "file-not-found", "link target "+dest+" does not exist ("+e.l.Docset.Display(target)+")")
	return dest
}

func (e *env) fileBase(doc *dialect.Doc) string {
	if f, ok := e.l.Docset.Files[doc.Rel]; ok && f.Base != "" {
		return f.Base
	}
	return ""
}

// pageLink resolves a link to a page of the locale (translated or served
// from the default locale), in this cloud or, when the target page does
// not exist in it, the default cloud.
func (e *env) pageLink(target, frag string, hasFrag bool, pos diag.Pos, dest string) (string, bool) {
	l := e.l
	tp, ok := l.byRel[target]
	if !ok && path.Ext(target) == "" {
		// get-help and admin/ name the pages served there, as on the site.
		for _, c := range []string{target + ".md", target + "/index.md"} {
			if tp, ok = l.byRel[c]; ok {
				break
			}
		}
	}
	if !ok {
		if r, ok2 := l.lower[strings.ToLower(target)]; ok2 {
			tp = l.byRel[r]
			e.warn(pos, "path-case-mismatch", "link "+dest+" differs in letter case from the file "+r+"; docloom and Learn accept it, but GitHub and case-sensitive file systems do not")
		}
	}
	if tp == nil {
		return "", false
	}
	if e.deps != nil {
		e.deps[depPage(l.Locale.Code, tp.Rel)] = true
	}
	if tp.Monikers != e.page.Monikers || (hasFrag && e.zoned(tp)) {
		e.cloudSpecific = true
	}
	m := e.m
	if !tp.Monikers.Has(m) {
		def, _ := e.b.site.Monikers.Index(e.b.site.DefaultMoniker)
		switch {
		case tp.Monikers.Has(def):
			m = def
		case !tp.Monikers.Empty():
			m = tp.Monikers.Indices()[0]
		default:
			return "", false
		}
		e.warn(pos, "link-cloud-fallback", "link "+dest+" points to a page that does not exist in "+
			e.b.site.Monikers.Moniker(e.m).Name+"; it goes to the "+e.b.site.Monikers.Moniker(m).Name+" version")
	}
	if hasFrag && m == e.m {
		// A fallback page shows the default locale's page: its headings.
		if bm := e.b.bookmarks; bm != nil && tp != e.page {
			bm.add(bookmarkCheck{l: e.l, m: e.m, owner: e.owner, page: tp, frag: frag, pos: pos})
		} else if tp.Doc != nil {
			e.checkBookmark(tp, frag, pos)
		}
	}
	return e.b.pageURL(l.Locale.Code, m, tp.Rel), true
}

func (e *env) resourceLink(target string, pos diag.Pos, dest string) (string, bool) {
	for _, l := range []*localeSet{e.l, e.b.defaultLocale()} {
		if l == nil {
			continue
		}
		f, exact := l.Docset.Lookup(target)
		if f == nil || f.Kind != docset.Resource {
			continue
		}
		if !exact {
			e.warn(pos, "path-case-mismatch", "link "+dest+" differs in letter case from the file "+f.Rel+"; docloom and Learn accept it, but GitHub and case-sensitive file systems do not")
		}
		return e.b.basePath() + urlpath.Escape(l.Locale.Code+"/"+lowerPath(f.Pub)), true
	}
	return "", false
}

// rootLink maps a root-relative Learn link (/powershell/scripting/x,
// with ?view= naming a moniker) onto this docset's pages, following
// redirections (see resolve.go); ok is false when it names none.
func (e *env) rootLink(dest string) (string, bool) {
	u, _, ok := e.rootPage(dest)
	return u, ok
}

// rootPage is rootLink with the page linked (nil for a URL outside).
func (e *env) rootPage(dest string) (string, *Page, bool) {
	u, tp, ok := e.b.learnTarget(e.l, e.m, dest)
	if ok {
		e.target(tp)
	}
	return u, tp, ok
}

// linkedBookmark checks #frag of a page reached by a root-relative Learn
// URL or through a redirection, in this cloud: with versioned reference
// pages (one file per moniker at one URL) the heading may exist in one
// version and not another. Streamed builds check it once all pages are
// parsed.
func (e *env) linkedBookmark(tp *Page, frag string, pos diag.Pos) {
	if tp == nil || frag == "" || strings.HasPrefix(frag, "tab/") || !tp.Monikers.Has(e.m) || tp == e.page {
		return
	}
	if e.zoned(tp) {
		e.cloudSpecific = true
	}
	if bm := e.b.bookmarks; bm != nil {
		bm.add(bookmarkCheck{l: e.l, m: e.m, owner: e.owner, page: tp, frag: frag, pos: pos})
	} else if tp.Doc != nil {
		e.checkBookmark(tp, frag, pos)
	}
}

// target notes that the output depends on page tp (nil for none).
func (e *env) target(tp *Page) {
	if tp == nil {
		return
	}
	if e.page != nil && tp.Monikers != e.page.Monikers {
		e.cloudSpecific = true
	}
	if e.deps != nil {
		e.deps[depPage(e.l.Locale.Code, tp.Rel)] = true
	}
}

// outsideLink is where a root-relative link that names no page of this
// docset goes (see rootLinkURL).
func (e *env) outsideLink(dest string) string { return e.b.rootLinkURL(e.l, dest) }

// redirect resolves a link to a file the redirection files say has moved.
func (e *env) redirect(target, frag string, pos diag.Pos) (string, bool) {
	for i := range e.l.Docset.Redirections {
		r := &e.l.Docset.Redirections[i]
		if strings.EqualFold(r.SourcePath, target) {
			u, tp, ok := e.b.redirectTarget(e.l, e.m, r)
			if ok {
				e.target(tp)
				if tp != nil || len(r.Monikers) > 0 {
					e.cloudSpecific = true
				}
				if frag != "" && !strings.Contains(u, "#") {
					u += "#" + frag
					e.linkedBookmark(tp, frag, pos)
				}
			}
			return u, ok
		}
	}
	return "", false
}

// Xref implements dialect.XrefResolver for @uid and <xref:uid>: the
// target page's href (relative, as Link's) and title.
func (e *env) Xref(doc *dialect.Doc, uid string, quiet bool, pos diag.Pos) (href, title string, ok bool) {
	u, tp := e.resolveXref(uid, quiet, pos)
	switch {
	case tp != nil:
		// The front matter's title: known before any page is parsed, so the
		// link text never depends on which worker parsed the target first
		// (p.Title may still be filled from its first heading meanwhile).
		title := strings.TrimSpace(meta.String(tp.Meta, "title"))
		if title == "" {
			title = uid
		}
		return e.relative(u), title, true
	case !strings.HasPrefix(u, "xref:"):
		// A .NET API on Learn: shown by its name, as Learn shows it.
		return u, apiName(uid), true
	}
	return "", "", false
}

// apiName is the display text of an API uid: its last name
// (System.String.Format* -> Format), or the whole uid with
// ?displayProperty=fullName.
func apiName(uid string) string {
	uid, query, _ := strings.Cut(uid, "?")
	uid, _, _ = strings.Cut(uid, "#")
	if strings.Contains(query, "displayProperty=fullName") {
		return strings.TrimSuffix(uid, "*")
	}
	name := strings.TrimSuffix(uid, "*")
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && i+1 < len(name) {
		name = name[i+1:]
	}
	return name
}

func (e *env) xref(uid string, pos diag.Pos) string {
	u, _ := e.resolveXref(uid, false, pos)
	return u
}

func (e *env) resolveXref(uid string, quiet bool, pos diag.Pos) (string, *Page) {
	uid, frag, _ := strings.Cut(uid, "#")
	uid, _, _ = strings.Cut(uid, "?")
	if dec, err := url.PathUnescape(uid); err == nil {
		uid = dec
	}
	tp, ok := e.uidPage(e.l, uid)
	if !ok {
		if def := e.b.defaultLocale(); def != nil {
			tp, ok = e.uidPage(def, uid)
		}
	}
	if !ok {
		if u, ok := e.b.externalXref(e.l, uid, frag); ok {
			return u, nil
		}
		if !quiet {
			e.warn(pos, "xref-not-found", "no page declares uid "+uid+"; add uid: "+uid+" to the target page's front matter")
		}
		return "xref:" + uid, nil
	}
	m := e.m
	if !tp.Monikers.Has(m) && !tp.Monikers.Empty() {
		m = tp.Monikers.Indices()[0]
	}
	if tp.Monikers != e.page.Monikers {
		e.cloudSpecific = true
	}
	u := e.b.pageURL(e.l.Locale.Code, m, tp.Rel)
	if frag != "" {
		u += "#" + frag
	}
	return u, tp
}

// uidPage is the page of locale l that declares uid, in this cloud when
// one does (xrefs to a versioned cmdlet stay in the reader's version).
func (e *env) uidPage(l *localeSet, uid string) (*Page, bool) {
	ps := l.uids[uid]
	if len(ps) == 0 {
		return nil, false
	}
	for _, p := range ps {
		if p.Monikers.Has(e.m) {
			if len(ps) > 1 {
				e.cloudSpecific = true
			}
			return p, true
		}
	}
	return ps[0], true
}

// zoned reports whether bookmarks into tp may differ between clouds. While
// pages are parsed and rendered in one pass, another page may not be parsed
// yet: readPage's guess stands in for its headings.
func (e *env) zoned(tp *Page) bool {
	if e.b.bookmarks != nil && tp != e.page {
		return tp.mayZone
	}
	return tp.zoned()
}

// checkBookmark warns when #frag names no heading or anchor of page in
// this cloud.
func (e *env) checkBookmark(p *Page, frag string, pos diag.Pos) {
	if p == nil || p.Doc == nil || frag == "" || p.anchors[frag] {
		return
	}
	for _, h := range p.Doc.Headings {
		if h.ID == frag && (h.Zone.Empty() || h.Zone.Has(e.m)) {
			return
		}
	}
	l := e.l
	if l.own[p.Rel] != p { // a fallback: the default locale's file
		if def := e.b.defaultLocale(); def != nil {
			l = def
		}
	}
	e.warn(pos, "bookmark-not-found", "#"+frag+" is not a heading or anchor of "+l.Docset.Display(p.Rel)+
		" in "+e.b.site.Monikers.Moniker(e.m).Name)
}

func (b *builder) defaultLocale() *localeSet {
	for _, l := range b.locales {
		if l.Locale.Code == b.site.DefaultLocale {
			return l
		}
	}
	return nil
}

// includeCache parses each include file once per build.
type includeCache struct {
	m sync.Map // absolute path -> *incEntry
}

type incEntry struct {
	once sync.Once
	doc  *dialect.Doc
	// diags are the include's own problems (front matter, Markdown, a read
	// error), reported once per build "included from" the first place that
	// includes it in path order (via), whichever worker got there first.
	diags []diag.Diagnostic
	sum   [32]byte // SHA-256 of the bytes parsed
	mu    sync.Mutex
	via   diag.Pos
	seen  bool
	// parsed is set once the file was read; until then a page restored
	// from the page cache may have given its diagnostics as the cache
	// recorded them (cached).
	parsed    bool
	cached    []diag.Diagnostic
	cachedSum [32]byte
	hasCached bool
}

// note records pos as a place that includes the file.
func (ent *incEntry) note(pos diag.Pos) {
	ent.mu.Lock()
	if !ent.seen || posLess(pos, ent.via) {
		ent.via, ent.seen = pos, true
	}
	ent.mu.Unlock()
}

func posLess(a, b diag.Pos) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// reportIncludes puts every include's problems in the ledger, each with the
// first place that includes it (so that the diagnostics never depend on
// which worker parsed it first).
func (b *builder) reportIncludes() {
	b.incs.m.Range(func(k, v any) bool {
		ent := v.(*incEntry)
		abs := k.(string)
		b.led.reset(ownerInclude(abs))
		ent.mu.Lock()
		via, seen := ent.via, ent.seen
		ds := ent.diags
		if !ent.parsed {
			ds = ent.cached
		}
		ent.mu.Unlock()
		if !seen {
			return true
		}
		for _, d := range ds {
			if d.Pos == (diag.Pos{}) {
				d.Pos = via // the file could not be read: reported where it is included
			} else {
				d.Via = "included from " + via.String()
			}
			b.led.add(ownerInclude(abs), d)
		}
		return true
	})
}

// Include implements dialect.Env: the path is relative to the file that
// wrote it, never leaves the locale folder, and falls back to the default
// locale's copy for an untranslated include.
func (e *env) Include(doc *dialect.Doc, dest string, pos diag.Pos) (*dialect.Doc, bool) {
	target, f, owner, exact := e.b.includeFile(e.l, doc, dest)
	switch {
	case target == "":
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: "include-outside-docset",
			Message: "include " + dest + " points outside the docset folder; includes must live inside it"})
		return nil, false
	case !strings.EqualFold(path.Ext(target), ".md"):
		e.warn(pos, "include-invalid", "include "+dest+" is not a .md file; only Markdown files can be included")
		return nil, false
	case f == nil:
		// A warning, as DocFX gives it (the token is shown as text);
		// docloom check makes it an error.
		e.Report(diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: "include-not-found",
			Message: "include file " + dest + " does not exist (" + e.l.Docset.Display(target) + ")"})
		return nil, false
	case !exact:
		e.warn(pos, "path-case-mismatch", "include "+dest+" differs in letter case from the file "+f.Rel)
	}
	if e.deps != nil {
		e.deps[f.Abs] = true
	}
	d := e.b.includeDoc(owner, f, pos, e.page)
	return d, d != nil
}

// includeFile finds the file an include in doc names, in locale l or else
// the default locale: target is the path it names ("" when it leaves the
// docset), f the file (nil when there is none, or target is not .md).
func (b *builder) includeFile(l *localeSet, doc *dialect.Doc, dest string) (target string, f *docset.File, owner *localeSet, exact bool) {
	p := strings.TrimSpace(dest)
	if strings.HasPrefix(p, "~/") {
		base := ""
		if ff, ok := l.Docset.Files[doc.Rel]; ok {
			base = ff.Base
		}
		target = path.Join(base, p[2:])
	} else {
		target = path.Join(path.Dir(doc.Rel), p)
	}
	if path.IsAbs(p) || target == ".." || strings.HasPrefix(target, "../") {
		return "", nil, nil, false
	}
	if !strings.EqualFold(path.Ext(target), ".md") {
		return target, nil, nil, false
	}
	for _, ll := range []*localeSet{l, b.defaultLocale()} {
		if ll == nil {
			continue
		}
		if ff, ex := ll.Docset.Lookup(target); ff != nil && (ff.Kind == docset.Include || ff.Kind == docset.Page) {
			return target, ff, ll, ex
		}
	}
	return target, nil, nil, false
}

// includeDoc parses an include file once per build; pos is where it is
// included (see reportIncludes).
func (b *builder) includeDoc(owner *localeSet, f *docset.File, pos diag.Pos, from *Page) *dialect.Doc {
	v, _ := b.incs.m.LoadOrStore(f.Abs, &incEntry{})
	ent := v.(*incEntry)
	ent.once.Do(func() {
		display := owner.Docset.Display(f.Rel)
		src, err := docset.ReadFile(f.Abs)
		if err == nil {
			ent.sum = sha256.Sum256(src)
		}
		// The page cache records the bytes parsed, not those the file
		// has when the cache is saved (fileSum).
		if b.sums != nil {
			b.sums.LoadOrStore(f.Abs, ent.sum)
		}
		if err != nil {
			ent.diags = []diag.Diagnostic{{Severity: diag.Error, Code: "include-not-found", Message: err.Error()}} // at via
			return
		}
		split, ds := meta.Split(display, src) // an include's front matter is ignored
		ent.diags = append(ent.diags, ds...)
		ent.doc = b.dialect.Parse(f.Rel, display, split.Body, split.BodyLine)
		ent.diags = append(ent.diags, ent.doc.Diags...)
		ent.mu.Lock()
		ent.parsed = true
		ent.mu.Unlock()
	})
	ent.note(pos)
	if from != nil && from.rec != nil {
		from.rec.include(f.Abs, pos)
	}
	return ent.doc
}

// includeHeadings sets the page's headings to its own (as parsed) and
// those of the files it includes, in document order: a bookmark may point
// at a heading written in an include, and "In this article" lists it, as
// on Learn. A heading's zone is the include's zone within the page and its
// own within the include; one that can show in no cloud is left out.
func (b *builder) includeHeadings(l *localeSet, p *Page) {
	if p.Doc == nil || len(p.Doc.Includes) == 0 {
		return
	}
	type at struct {
		h   dialect.Heading
		off int
	}
	var all []at
	for _, h := range p.ownHeadings {
		all = append(all, at{h, h.Offset})
	}
	seen := map[*dialect.Doc]bool{p.Doc: true}
	var walk func(loc *localeSet, doc *dialect.Doc, zone moniker.Set, off int, depth int)
	walk = func(loc *localeSet, doc *dialect.Doc, zone moniker.Set, off int, depth int) {
		for _, inc := range doc.Includes {
			_, f, owner, _ := b.includeFile(loc, doc, inc.Path)
			if f == nil {
				continue
			}
			z, ok := within(zone, inc.Zone)
			if !ok {
				continue
			}
			o := off
			if depth == 0 {
				o = inc.Offset
			}
			if p.rec != nil {
				if p.rec.files == nil {
					p.rec.files = map[string]bool{}
				}
				p.rec.files[f.Abs] = true
			}
			d := b.includeDoc(owner, f, p.Doc.Pos(o), p)
			if d == nil || seen[d] || depth > 8 {
				continue
			}
			seen[d] = true
			for _, h := range d.Headings {
				if hz, ok := within(z, h.Zone); ok {
					h.Zone, h.Offset = hz, o
					all = append(all, at{h, o})
				}
			}
			walk(owner, d, z, o, depth+1)
			delete(seen, d)
		}
	}
	walk(l, p.Doc, 0, 0, 0)
	sort.SliceStable(all, func(i, j int) bool { return all[i].off < all[j].off })
	hs := make([]dialect.Heading, len(all))
	for i, x := range all {
		hs[i] = x.h
	}
	p.Doc.Headings = hs
}

// within is the zone of something in zone inner placed in zone outer (0 is
// every cloud); ok is false when it is in no cloud.
func within(outer, inner moniker.Set) (moniker.Set, bool) {
	switch {
	case outer.Empty():
		return inner, true
	case inner.Empty():
		return outer, true
	}
	z := outer & inner
	return z, !z.Empty()
}
