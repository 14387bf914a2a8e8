package build

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"path"
	"strings"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/docfx"
	"github.com/docloom/docloom/internal/docset"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/moniker"
	"github.com/docloom/docloom/internal/nav"
	"github.com/docloom/docloom/internal/render"
)

// localeSet is one locale's pages after parsing.
type localeSet struct {
	Locale config.Locale
	Docset *docset.Docset
	// own holds the locale's parsed pages by Rel; Pages and the lookups
	// below are derived from it (plus fallbacks) by index.
	own   map[string]*Page
	Pages []*Page
	byRel map[string]*Page // includes fallbacks from the default locale
	// navTitles are the pages' titles as reindex saw them, by Rel.
	navTitles map[string]string
	lower     map[string]string
	// uids maps a uid to the pages that declare it: one per moniker at
	// most (a versioned reference docset declares each cmdlet's uid once
	// per version), in page order.
	uids map[string][]*Page
	nav  *nav.Set
	// byURL holds the pages by their URL key (see urlKey); several pages
	// share one URL in different monikers.
	byURL map[string][]*Page
	// moved maps the URL key of a redirected file to its redirection.
	moved map[string]*docfx.Redirection
	// refTOCs are each moniker's reference TOC (see referenceTOC).
	refTOCs map[int]refTOC
	// supportDir is the URL of the locale's support directory JSON, "" when
	// the docset has no country pages.
	supportDir string
	// pivots are the zone pivot groups of the locale's docset.
	pivots map[string]render.PivotGroup
}

// Page is one source page in one locale.
type Page struct {
	Rel      string
	File     *docset.File
	Doc      *dialect.Doc
	Meta     map[string]any
	Monikers moniker.Set
	Title    string
	// titleGuessed: Title is titleGuess's until the page is parsed (it
	// has no title in its front matter).
	titleGuessed bool
	Landing      bool
	// Fallback is set for a default-locale page served in a locale that
	// has no translation of it.
	Fallback bool
	// anchors are ids of raw HTML elements (<a name>, id="...") in the
	// page, which bookmarks may target in every cloud.
	anchors map[string]bool
	// hoursLines maps the file lines of a country page's support hours to
	// their parsed schedule, zone and (when the line was read from the
	// default locale's page) original text, for the live status.
	hoursLines map[int][3]string
	// pivots are the page's zone pivot groups, found when it is rendered.
	pivots []render.PivotGroup
	// pending is the front matter and body readPage split off, until
	// parseBody parses it.
	pending *meta.Doc
	// body is the page's source when its front matter came from the page
	// cache: parseBody splits it when the page is parsed after all. unread:
	// the source was not read (its file is as the cache's build saw it);
	// parseBody reads it then.
	body   []byte
	unread bool
	// front is the page's front entry for the next build's page cache.
	front *frontEntry
	// mayZone: see readPage.
	mayZone bool
	// ownHeadings are the headings written in the page itself; Doc.Headings
	// adds those of its includes (includeHeadings).
	ownHeadings []dialect.Heading
	// keepAST marks a page whose syntax tree is still needed after parsing
	// (the source of a fallback page): a streamed build renders it with the
	// rest, after parsing.
	keepAST bool
	// rendered is set when a streamed build wrote the page while parsing.
	rendered bool
	// srcSum is the SHA-256 of the page's file; exports that of what other
	// pages read of it (exportSum); rec collects its page cache entry while
	// it is rendered, and cached is the entry it was restored from.
	srcSum  [32]byte
	exports [32]byte
	rec     *pageRecord
	cached  *cachedPage
}

// URLPath is the page's path below /<locale>/<moniker>/: lower-cased,
// without .md, as Learn publishes it ("admin/get-help" for
// admin/get-help.md), and an index page as its folder ("admin/" for
// admin/index.md). A page is published as "admin/get-help.html", which
// Netlify and docloom serve serve at the extensionless URL; a folder of
// its own per page would cost a directory per page and cloud, which on
// large docsets was a third of the build's kernel time.
func URLPath(rel string) string {
	p := strings.ToLower(rel)
	p = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(p, ".md"), ".yml"), ".yaml")
	if p == "index" {
		return ""
	}
	if q, ok := strings.CutSuffix(p, "/index"); ok {
		return q + "/"
	}
	return p
}

// OutputFile is the file that serves a page URL path: "admin/" is
// "admin/index.html", "admin/get-help" is "admin/get-help.html".
func OutputFile(urlPath string) string {
	if urlPath == "" || strings.HasSuffix(urlPath, "/") {
		return urlPath + "index.html"
	}
	return urlPath + ".html"
}

func lowerPath(rel string) string { return strings.ToLower(rel) }

// parseAll reads, splits and parses every page of every locale in parallel.
func (b *builder) parseAll() {
	type job struct {
		l *localeSet
		f *docset.File
	}
	var jobs []job
	for _, l := range b.locales {
		for _, f := range l.Docset.Pages {
			jobs = append(jobs, job{l, f})
		}
	}
	pages := make([]*Page, len(jobs))
	b.parallel(len(jobs), func(_, i int) {
		pages[i] = b.parsePage(jobs[i].l, jobs[i].f)
	})
	for i, p := range pages {
		if p != nil {
			jobs[i].l.own[p.Rel] = p
		}
	}
}

// index derives the page list and lookups from the parsed pages.
func (l *localeSet) index(b *builder) {
	l.Pages = l.Pages[:0]
	l.byRel = map[string]*Page{}
	l.lower = map[string]string{}
	l.uids = map[string][]*Page{}
	for _, f := range l.Docset.Pages { // sorted by Rel: stable order
		p, ok := l.own[f.Rel]
		if !ok {
			continue
		}
		l.Pages = append(l.Pages, p)
		l.byRel[p.Rel] = p
		l.lower[strings.ToLower(p.Rel)] = p.Rel
		if uid := meta.String(p.Meta, "uid"); uid != "" {
			if other := sharing(l.uids[uid], p.Monikers); other != nil {
				b.led.addf(ownerStage("index:"+l.Locale.Code), diag.Pos{File: l.Docset.Display(p.Rel), Line: 1}, diag.Warning, "duplicate-uid",
					"uid %q is also declared by %s in the same monikers; xref links go to the first", uid, l.Docset.Display(other.Rel))
				continue
			}
			l.uids[uid] = append(l.uids[uid], p)
		}
	}
}

// sharing returns the first page of ps whose monikers overlap set.
func sharing(ps []*Page, set moniker.Set) *Page {
	for _, p := range ps {
		if !(p.Monikers & set).Empty() || (p.Monikers.Empty() && set.Empty()) {
			return p
		}
	}
	return nil
}

// htmlAnchors returns the ids that raw HTML in src declares (<a name="x">,
// id="x"), which bookmarks may target. A plain scan: a regular expression
// over every page was a visible share of build time.
func htmlAnchors(src []byte) map[string]bool {
	out := map[string]bool{}
	for _, key := range [][]byte{[]byte(` name="`), []byte(` id="`), []byte(` name = "`), []byte(` id = "`)} {
		for i := 0; ; {
			j := bytes.Index(src[i:], key)
			if j < 0 {
				break
			}
			start := i + j + len(key)
			end := bytes.IndexByte(src[start:], '"')
			if end < 0 {
				break
			}
			if end > 0 && end < 200 {
				out[string(src[start:start+end])] = true
			}
			i = start + end
		}
	}
	return out
}

func (b *builder) parsePage(l *localeSet, f *docset.File) *Page {
	p := b.readPage(l, f)
	if p != nil {
		b.parseBody(l, p)
	}
	return p
}

// readPage reads a page and its front matter: what other pages' links need
// of it (its clouds, uid, front-matter title) before its Markdown is
// parsed. The body waits in p.pending (or p.body) for parseBody.
func (b *builder) readPage(l *localeSet, f *docset.File) *Page {
	if fe := b.unchangedFront(l, f); fe != nil {
		b.led.reset(ownerParse(l.Locale.Code, f.Rel))
		p := &Page{Rel: f.Rel, File: f, srcSum: fe.Src}
		b.restoreFront(l, p, fe, nil)
		return p
	}
	display := l.Docset.Display(f.Rel)
	src, err := docset.ReadFile(f.Abs)
	b.pagesRead.Add(1)
	if err != nil {
		b.led.addf(ownerParse(l.Locale.Code, f.Rel), diag.Pos{File: display}, diag.Error, "file-unreadable", "%v", err)
		return nil
	}
	b.led.reset(ownerParse(l.Locale.Code, f.Rel))
	p := &Page{Rel: f.Rel, File: f, Landing: f.Kind == docset.Landing, srcSum: sha256.Sum256(src)}
	if p.Landing {
		return b.parseLanding(l, p, src)
	}
	if b.frontRestore(l, p, src) {
		return p
	}
	owner := ownerParse(l.Locale.Code, f.Rel)
	split, ds := splitFront(display, f, src)
	b.led.add(owner, ds...)
	var layers []map[string]any
	cfg, inner := l.Docset.DocfxMatch(f)
	if cfg != nil {
		layers = append(layers, cfg.MetadataFor(inner))
	}
	layers = append(layers, split.Meta)
	p.Meta = meta.Merge(layers...)
	p.Title = strings.TrimSpace(meta.String(split.Meta, "title"))
	if p.Title == "" {
		p.Title, p.titleGuessed = titleGuess(split.Body, p.Rel), true
	}
	p.Monikers = b.pageMonikers(l, p, split, src)
	// Whether the page may have headings inside moniker blocks (its own or
	// an include's), for links into it that are resolved before it is
	// parsed: a yes only costs rendering the linking body once per cloud.
	p.mayZone = bytes.Contains(src, []byte("moniker")) || mentionsInclude(src)
	p.pending = &split
	b.frontRecord(l, p)
	return p
}

// mentionsInclude reports whether src has "[!INCLUDE" in any letter case.
func mentionsInclude(src []byte) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("[!"))
		if j < 0 {
			return false
		}
		k := i + j + 2
		if k+7 <= len(src) && bytes.EqualFold(src[k:k+7], []byte("include")) {
			return true
		}
		i = k
	}
}

// parseBody parses the Markdown that readPage set aside.
func (b *builder) parseBody(l *localeSet, p *Page) {
	split := p.pending
	if split == nil && p.unread {
		src, err := docset.ReadFile(p.File.Abs)
		b.pagesRead.Add(1)
		p.unread = false
		if err != nil {
			b.led.addf(ownerParse(l.Locale.Code, p.Rel), diag.Pos{File: l.Docset.Display(p.Rel)}, diag.Error, "file-unreadable", "%v", err)
			return
		}
		p.body = src
	}
	if split == nil && p.body != nil {
		// Its front matter came from the page cache (frontRestore), whose
		// diagnostics are already in place.
		s, _ := splitFront(l.Docset.Display(p.Rel), p.File, p.body)
		split = &s
	}
	if split == nil {
		return
	}
	p.pending, p.body = nil, nil
	display := l.Docset.Display(p.Rel)
	owner := ownerParse(l.Locale.Code, p.Rel)
	p.Doc = b.dialect.Parse(p.Rel, display, split.Body, split.BodyLine)
	b.led.add(owner, p.Doc.Diags...)
	if p.Title == "" || p.titleGuessed {
		p.Title, p.titleGuessed = "", false
		for _, h := range p.Doc.Headings {
			if h.Level <= 3 {
				p.Title = h.Text
				break
			}
		}
	}
	if p.Title == "" {
		p.Title = path.Base(strings.TrimSuffix(p.Rel, ".md"))
	}
	if p.File != nil && p.File.PlatyPS {
		b.reshapePlatyPS(l, p)
	}
	p.anchors = htmlAnchors(p.Doc.Source)
	b.checkZones(l, p)
	p.ownHeadings = p.Doc.Headings
	b.includeHeadings(l, p)
}

// pageMonikers is the page's file-level moniker set: its monikerRange front
// matter, the docfx.json group or version range, and the site's range, all
// intersected.
func (b *builder) pageMonikers(l *localeSet, p *Page, split meta.Doc, src []byte) moniker.Set {
	cat := b.site.Monikers
	set := cat.All()
	display := l.Docset.Display(p.Rel)
	narrow := func(expr string, pos diag.Pos, what string) {
		if strings.TrimSpace(expr) == "" {
			return
		}
		s, err := cat.Parse(expr)
		if err != nil && cat.Derived() {
			var undefined []string
			if s, undefined, err = cat.ParseLenient(expr); err == nil {
				b.led.addf(ownerParse(l.Locale.Code, p.Rel), pos, diag.Warning, "moniker-not-defined",
					"%s %q names %s, which no moniker range of the docset defines (and there is no moniker definition file); those names match no cloud", what, expr, strings.Join(undefined, ", "))
			}
		}
		if err != nil {
			msg := err.Error()
			if re, ok := err.(*moniker.RangeError); ok {
				msg = re.Msg
			}
			b.led.addf(ownerParse(l.Locale.Code, p.Rel), pos, diag.Error, "moniker-range-invalid", "%s %q: %s", what, expr, msg)
			return
		}
		set &= s
	}
	if b.site.MonikerRange != "" {
		narrow(b.site.MonikerRange, diag.Pos{File: "docfx"}, "the docset range")
	}
	if cfg, inner := l.Docset.DocfxMatch(p.File); cfg != nil {
		narrow(cfg.MonikerRangeFor(inner), diag.Pos{File: display}, "the docfx.json range")
	}
	owner := ownerParse(l.Locale.Code, p.Rel)
	scope := set
	// Learn's order: replace_monikers (a list, used as it is), else
	// monikerRange, else monikers (a list); then exclude_monikers.
	switch {
	case split.Meta["replace_monikers"] != nil:
		set = b.monikerList(l, p, src, split.Meta, "replace_monikers")
	case meta.String(split.Meta, "monikerRange") != "":
		if split.Meta["monikers"] != nil {
			b.led.addf(owner, diag.Pos{File: display, Line: keyLine(src, "monikers")}, diag.Warning, "duplicate-moniker-config",
				"both monikerRange and monikers are set; monikers is ignored")
		}
		narrow(meta.String(split.Meta, "monikerRange"), diag.Pos{File: display, Line: keyLine(src, "monikerRange")}, "monikerRange")
	case split.Meta["monikers"] != nil:
		set &= b.monikerList(l, p, src, split.Meta, "monikers")
	}
	if split.Meta["exclude_monikers"] != nil {
		set &^= b.monikerList(l, p, src, split.Meta, "exclude_monikers")
	}
	if set.Empty() && !scope.Empty() {
		b.led.addf(owner, diag.Pos{File: display, Line: keyLine(src, "monikerRange")}, diag.Error, "moniker-range-out-of-scope",
			"the page's front matter leaves no cloud this docset publishes (%s); the page is not built", strings.Join(scope.Names(cat), ", "))
	}
	return set
}

// monikerList reads a front-matter list of moniker names (a YAML list or a
// comma-separated string); unknown names are errors at the key's line.
func (b *builder) monikerList(l *localeSet, p *Page, src []byte, m map[string]any, key string) moniker.Set {
	var names []string
	switch v := m[key].(type) {
	case []any:
		for _, x := range v {
			names = append(names, strings.TrimSpace(fmt.Sprint(x)))
		}
	case string:
		for _, x := range strings.Split(v, ",") {
			names = append(names, strings.TrimSpace(x))
		}
	}
	var set moniker.Set
	for _, n := range names {
		if n == "" {
			continue
		}
		if _, ok := b.site.Monikers.Index(n); !ok {
			b.led.addf(ownerParse(l.Locale.Code, p.Rel), diag.Pos{File: l.Docset.Display(p.Rel), Line: keyLine(src, key)}, diag.Error,
				"moniker-range-invalid", "%s: moniker %q is not defined; known: %s", key, n, strings.Join(b.site.Monikers.All().Names(b.site.Monikers), ", "))
			continue
		}
		set |= b.site.Monikers.Set(n)
	}
	return set
}

// checkZones warns about zones that can never show on this page.
func (b *builder) checkZones(l *localeSet, p *Page) {
	for n := p.Doc.AST.FirstChild(); n != nil; n = n.NextSibling() {
		z, ok := n.(*dialect.MonikerZone)
		if !ok || z.Set.Empty() {
			continue
		}
		if (z.Set & p.Monikers).Empty() && !p.Monikers.Empty() {
			b.led.add(ownerParse(l.Locale.Code, p.Rel), diag.Diagnostic{Pos: p.Doc.Pos(z.Offset), Severity: diag.Warning, Code: "moniker-zone-empty",
				Message: fmt.Sprintf("range %q shares no cloud with the page (%s); the block never shows",
					z.Range, strings.Join(p.Monikers.Names(b.site.Monikers), ", "))})
		}
	}
}

// keyLine finds the line of a front matter key, for diagnostics about its
// value.
func keyLine(src []byte, key string) int {
	for i, line := range strings.Split(string(meta.Normalize(src)), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), key+":") {
			return i + 1
		}
		if i > 200 {
			break
		}
	}
	return 1
}

// addFallbacks serves default-locale pages that a locale has not
// translated, marked as fallbacks (the layout says so).
func (b *builder) addFallbacks() {
	var def *localeSet
	for _, l := range b.locales {
		if l.Locale.Code == b.site.DefaultLocale {
			def = l
		}
	}
	if def == nil {
		return
	}
	for _, l := range b.locales {
		if l == def {
			continue
		}
		for _, p := range def.Pages {
			if _, ok := l.byRel[p.Rel]; ok {
				continue
			}
			if _, ok := l.lower[strings.ToLower(p.Rel)]; ok {
				continue
			}
			fp := *p
			fp.Fallback = true
			l.Pages = append(l.Pages, &fp)
			l.byRel[fp.Rel] = &fp
			l.lower[strings.ToLower(fp.Rel)] = fp.Rel
		}
	}
}

// indexURLs is a hook for URL conflicts: two sources that publish to one URL
// (a.md and A.md, or index.md and index.yml) are an error.
func (b *builder) indexURLs() {
	for _, l := range b.locales {
		seen := map[string]*Page{}
		for _, p := range l.Pages {
			u := URLPath(b.pubOf(p.Rel))
			if other, ok := seen[u]; ok && !(p.Monikers & other.Monikers).Empty() && !p.Fallback && !other.Fallback {
				b.led.addf(ownerStage("index:"+l.Locale.Code), diag.Pos{File: l.Docset.Display(p.Rel), Line: 1}, diag.Error, "publish-url-conflict",
					"%s and %s publish to the same URL /%s/…/%s; rename or remove one", p.Rel, other.Rel, l.Locale.Code, u)
				continue
			}
			seen[u] = p
		}
		// admin.md is served at /admin from admin.html and admin/index.md at
		// /admin/; static hosts treat those as one URL (Netlify redirects
		// /admin/ to /admin), so the folder's page could not be reached.
		for u, p := range seen {
			if !strings.HasSuffix(u, "/") || p.Fallback {
				continue
			}
			if other, ok := seen[strings.TrimSuffix(u, "/")]; ok && !other.Fallback {
				b.led.addf(ownerStage("index:"+l.Locale.Code), diag.Pos{File: l.Docset.Display(other.Rel), Line: 1}, diag.Warning, "publish-url-shadowed",
					"%s is published at /%s/…/%s and %s at the same URL with a slash; hosts serve one of them for both: rename one",
					other.Rel, l.Locale.Code, strings.TrimSuffix(u, "/"), p.Rel)
			}
		}
	}
}

// zoned reports whether some heading of the page is inside a moniker zone,
// so that its bookmarks differ between clouds.
func (p *Page) zoned() bool {
	if p.Doc == nil {
		return false
	}
	for _, h := range p.Doc.Headings {
		if !h.Zone.Empty() {
			return true
		}
	}
	return false
}

// titleGuess is the title of a page without one in its front matter, as
// far as it can be told before the page is parsed, which gives the page
// its real title (its first heading of level 1 to 3, else its file name).
// Navigation is built, and pages are laid out, while pages are still
// being parsed: a TOC entry that names no title of its own takes the
// page's, and an empty title there was an empty link in every sidebar.
//
// The guess is the text of the body's first line when that line is an ATX
// heading of level 1 to 3 whose text has no Markdown in it (what PlatyPS
// and most conceptual pages start with), and the file name otherwise: the
// same as the parse gives in all but unusual pages, and never empty.
func titleGuess(body []byte, rel string) string {
	fallback := path.Base(strings.TrimSuffix(rel, ".md"))
	rest := body
	for len(rest) > 0 {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		line = bytes.TrimRight(line, " \t\r")
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if t, ok := plainATXHeading(string(line)); ok {
			return t
		}
		return fallback
	}
	return fallback
}

// plainATXHeading reads "# Text" (up to three leading spaces, level 1 to 3,
// an optional closing sequence of #) when Text is plain: no character that
// Markdown or the dialect could turn into something else, and no _ that
// could open or close emphasis.
func plainATXHeading(line string) (string, bool) {
	s := strings.TrimLeft(line, " ")
	if len(line)-len(s) > 3 {
		return "", false
	}
	level := len(s) - len(strings.TrimLeft(s, "#"))
	if level < 1 || level > 3 || len(s) == level || s[level] != ' ' && s[level] != '\t' {
		return "", false
	}
	text := strings.TrimSpace(s[level:])
	if closing := strings.TrimRight(text, "#"); closing != text && (closing == "" || strings.HasSuffix(closing, " ") || strings.HasSuffix(closing, "\t")) {
		text = strings.TrimSpace(closing)
	}
	if text == "" || strings.ContainsAny(text, "\\`*[]<>&!{}|~#$") || strings.Count(text, ":") > 1 {
		return "", false // inline markup, an entity, math, or perhaps an emoji :code:
	}
	for i := 0; i < len(text); i++ {
		if text[i] == '_' && (i == 0 || i == len(text)-1 || !isWordByte(text[i-1]) || !isWordByte(text[i+1])) {
			return "", false
		}
		if text[i] < 0x20 {
			return "", false
		}
	}
	return text, true
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
