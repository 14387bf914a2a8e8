package build

import (
	"net/url"
	"path"
	"strings"

	"github.com/docloom/docloom/internal/docfx"
	"github.com/docloom/docloom/internal/publish"
	"github.com/docloom/docloom/internal/urlpath"
)

// This file is where Learn URLs are resolved: root-relative links
// (/powershell/scripting/overview?view=powershell-7.4), redirection-file
// entries and redirect_url front matter, for page bodies, TOCs, breadcrumbs
// and _redirects alike. A Learn URL names a page by its published path
// (docset.File.Pub) and a moniker by ?view=; one that names no page of the
// docset leaves it (the site's rootLinks), and a moved page is followed to
// where it went, in the same locale and moniker, for a bounded number of
// hops.

// maxRedirectHops bounds a chain of redirections (a -> b -> c); a longer
// chain, or a cycle, stops at the last page reached.
const maxRedirectHops = 16

// urlKey is how a published path is looked up: lower-case, without
// extension, an index page as its folder with a slash.
func urlKey(pub string) string { return URLPath(pub) }

// indexURLPages fills l.byURL: every page of the locale by its URL key.
func (l *localeSet) indexURLPages(b *builder) {
	l.byURL = map[string][]*Page{}
	for _, p := range l.Pages {
		k := urlKey(b.pubOf(p.Rel))
		l.byURL[k] = append(l.byURL[k], p)
	}
	l.moved = map[string]*docfx.Redirection{}
	for i := range l.Docset.Redirections {
		r := &l.Docset.Redirections[i]
		k := urlKey(l.Docset.PubPath(r.SourcePath))
		if _, ok := l.moved[k]; !ok {
			l.moved[k] = r
		}
	}
}

// learnPath turns a link into the path part Learn would read: a
// root-relative path as it is; an absolute URL on Learn's own hosts
// (learn.microsoft.com, docs.microsoft.com) without its host and locale.
// ok is false for anything else.
func learnPath(u string) (p, query, frag string, ok bool) {
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		pu, err := url.Parse(u)
		if err != nil || !(pu.Host == "learn.microsoft.com" || pu.Host == "docs.microsoft.com") {
			return "", "", "", false
		}
		u = pu.EscapedPath()
		if pu.RawQuery != "" {
			u += "?" + pu.RawQuery
		}
		if pu.Fragment != "" {
			u += "#" + pu.Fragment
		}
	}
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return "", "", "", false
	}
	p, frag, _ = strings.Cut(u, "#")
	p, query, _ = strings.Cut(p, "?")
	if dp, err := url.PathUnescape(p); err == nil {
		p = dp
	}
	// Learn URLs may carry a locale: /en-us/powershell/...
	if seg, rest, found := strings.Cut(strings.TrimPrefix(p, "/"), "/"); found && looksLikeLocale(seg) {
		p = "/" + rest
	}
	return p, query, frag, true
}

func looksLikeLocale(s string) bool {
	s = strings.ToLower(s)
	return len(s) == 5 && s[2] == '-' && isLower(s[:2]) && isLower(s[3:])
}

func isLower(s string) bool {
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// viewMoniker reads Learn's ?view=<moniker> from a query: the moniker's
// index when the site has it, and the query without view and
// preserve-view (the moniker is in the path of docloom's URLs).
func (b *builder) viewMoniker(query string) (int, string, bool) {
	if query == "" || !strings.Contains(query, "view=") {
		return 0, query, false
	}
	vals, err := url.ParseQuery(query)
	if err != nil {
		return 0, query, false
	}
	m, ok := b.site.Monikers.Index(strings.ToLower(vals.Get("view")))
	if !ok {
		return 0, query, false
	}
	vals.Del("view")
	vals.Del("preserve-view")
	return m, vals.Encode(), true
}

// pageAt finds the page of locale l published at Learn path p ("/powershell/
// scripting/overview", "/microsoft-365/admin/"), preferring one in moniker
// m. The docset's own paths from the locale root are tried too
// (/admin/get-help for a docloom.yaml site).
func (b *builder) pageAt(l *localeSet, p string, m int) *Page {
	rel := strings.Trim(p, "/")
	keys := []string{urlKey(rel), urlKey(rel) + "/"}
	if strings.HasSuffix(p, "/") || rel == "" {
		keys = []string{urlKey(rel + "/index.md")}
	}
	for _, k := range keys {
		if pg := pick(l.byURL[k], m, b.defaultMonikerIndex()); pg != nil {
			return pg
		}
	}
	for _, cand := range []string{rel + ".md", rel + "/index.md", rel + ".yml", rel + "/index.yml", rel} {
		if pg, ok := l.byRel[cand]; ok {
			return pg
		}
	}
	return nil
}

// pick chooses among pages at one URL (one per moniker): the one in m,
// else the one in the default moniker, else the first.
func pick(ps []*Page, m, def int) *Page {
	if len(ps) == 0 {
		return nil
	}
	for _, p := range ps {
		if p.Monikers.Has(m) {
			return p
		}
	}
	for _, p := range ps {
		if p.Monikers.Has(def) {
			return p
		}
	}
	return ps[0]
}

func (b *builder) defaultMonikerIndex() int {
	i, _ := b.site.Monikers.Index(b.site.DefaultMoniker)
	return i
}

// monikerFor is the moniker a link from moniker m to page tp opens: m when
// tp has it, else the default moniker, else tp's first.
func (b *builder) monikerFor(tp *Page, m int) int {
	switch def := b.defaultMonikerIndex(); {
	case tp.Monikers.Has(m) || tp.Monikers.Empty():
		return m
	case tp.Monikers.Has(def):
		return def
	default:
		return tp.Monikers.Indices()[0]
	}
}

// learnTarget resolves a Learn URL (root-relative, or absolute on Learn's
// hosts) from locale l and moniker m: the page's URL on this site when the
// docset has the page (or had it: redirections are followed), else "" and
// false. A ?view= in the URL picks the moniker.
func (b *builder) learnTarget(l *localeSet, m int, u string) (string, *Page, bool) {
	return b.learnTargetHops(l, m, u, 0)
}

func (b *builder) learnTargetHops(l *localeSet, m int, u string, hops int) (string, *Page, bool) {
	p, query, frag, ok := learnPath(u)
	if !ok {
		return "", nil, false
	}
	if vm, rest, ok := b.viewMoniker(query); ok {
		m, query = vm, rest
	}
	suffix := ""
	if query != "" {
		suffix += "?" + query
	}
	if frag != "" {
		suffix += "#" + frag
	}
	if tp := b.pageAt(l, p, m); tp != nil {
		return b.pageURL(l.Locale.Code, b.monikerFor(tp, m), tp.Rel) + suffix, tp, true
	}
	if r := l.moved[urlKey(strings.Trim(p, "/"))]; r != nil && hops < maxRedirectHops {
		to, tp, ok := b.redirectTargetHops(l, m, r, hops+1)
		if ok && frag != "" && !strings.Contains(to, "#") {
			to += "#" + frag
		}
		return to, tp, ok
	}
	return "", nil, false
}

// redirectTarget is where a redirection-file entry sends a reader of
// locale l in moniker m: the final page on this site, or an absolute URL
// (rootLinks for Learn pages outside the docset). ok is false when the
// entry leads nowhere (a relative target that is no page, a cycle).
func (b *builder) redirectTarget(l *localeSet, m int, r *docfx.Redirection) (string, *Page, bool) {
	return b.redirectTargetHops(l, m, r, 0)
}

func (b *builder) redirectTargetHops(l *localeSet, m int, r *docfx.Redirection, hops int) (string, *Page, bool) {
	return b.movedTo(l, m, path.Dir(r.SourcePath), r.RedirectURL, hops)
}

// movedTo resolves a redirect destination written for a file in folder dir.
func (b *builder) movedTo(l *localeSet, m int, dir, to string, hops int) (string, *Page, bool) {
	to = strings.TrimSpace(to)
	if to == "" || hops > maxRedirectHops {
		return "", nil, false
	}
	if u, tp, ok := b.learnTargetHops(l, m, to, hops); ok {
		return u, tp, true
	}
	if _, _, _, isLearn := learnPath(to); isLearn {
		// A Learn page outside this docset.
		if strings.HasPrefix(to, "/") {
			return b.rootLinkURL(l, to), nil, true
		}
		return to, nil, true
	}
	if strings.HasPrefix(to, "//") || schemeRE.MatchString(to) {
		return to, nil, true
	}
	// Relative: a file path from the source's folder.
	p, frag, _ := strings.Cut(to, "#")
	p, query, _ := strings.Cut(p, "?")
	target := path.Join(dir, p)
	if vm, _, ok := b.viewMoniker(query); ok {
		m = vm
	}
	suffix := ""
	if frag != "" {
		suffix = "#" + frag
	}
	for _, cand := range []string{target, target + ".md", target + "/index.md"} {
		if tp, ok := l.byRel[cand]; ok {
			return b.pageURL(l.Locale.Code, b.monikerFor(tp, m), tp.Rel) + suffix, tp, true
		}
	}
	for i := range l.Docset.Redirections {
		if r := &l.Docset.Redirections[i]; strings.EqualFold(r.SourcePath, target) {
			return b.redirectTargetHops(l, m, r, hops+1)
		}
	}
	return "", nil, false
}

// rootLinkURL is where a root-relative link that names no page of this
// docset goes: Learn docsets link to other Learn docsets that way
// (/azure/..., /powershell/...), which on this site's host would be 404s.
// The site's rootLinks prefix (Learn, by default) is put in front; with an
// empty one the link stays root-relative on this host.
func (b *builder) rootLinkURL(l *localeSet, dest string) string {
	base := b.site.RootLinks
	if base == "" {
		return dest
	}
	base = strings.ReplaceAll(base, "{locale}", l.Locale.Code)
	return strings.TrimSuffix(base, "/") + dest
}

// redirectRules are the _redirects rules of the redirection files: for
// each moved file, in each moniker, from the URL it had to where it went
// now, resolved to the final page. Entries that lead nowhere are left out
// (and reported by checkRedirections).
func (b *builder) redirectRules(ps publish.Site) []publish.Rule {
	var rules []publish.Rule
	for _, l := range b.locales {
		for i := range l.Docset.Redirections {
			r := &l.Docset.Redirections[i]
			for _, m := range b.redirectMonikers(r) {
				to, _, ok := b.redirectTarget(l, m, r)
				if !ok {
					continue
				}
				from := b.basePath() + urlpath.Escape(l.Locale.Code+"/"+b.site.Monikers.Moniker(m).Name+"/"+URLPath(l.Docset.PubPath(r.SourcePath)))
				if strings.TrimSuffix(to, "/") == strings.TrimSuffix(from, "/") {
					continue
				}
				rules = append(rules, publish.Rule{From: from, To: to, Status: 301})
			}
		}
	}
	return rules
}

// redirectMonikers are the monikers a redirection applies in: its own
// monikers list, else every moniker of the site.
func (b *builder) redirectMonikers(r *docfx.Redirection) []int {
	if len(r.Monikers) == 0 {
		return b.site.Monikers.All().Indices()
	}
	var out []int
	for _, name := range r.Monikers {
		if i, ok := b.site.Monikers.Index(strings.ToLower(name)); ok {
			out = append(out, i)
		}
	}
	return out
}

// externalXref resolves a uid the docset does not declare but Learn's xref
// service does: a .NET API uid (System.*, Microsoft.*) when the publish
// config queries the /dotnet reference set. Learn publishes those at
// /dotnet/api/<uid in lower case>, an overload group (a trailing *) at
// its member's page and a generic type's `N as -N; the link goes there
// through rootLinks. ok is false when the site sends no links to Learn.
func (b *builder) externalXref(l *localeSet, uid, frag string) (string, bool) {
	if b.site.Repo == nil || b.site.RootLinks == "" || !isDotnetUID(uid) {
		return "", false
	}
	queried := false
	for _, t := range b.site.Repo.XrefTags {
		queried = queried || strings.EqualFold(strings.Trim(t, "/"), "dotnet")
	}
	if !queried {
		return "", false
	}
	p := strings.TrimSuffix(uid, "*")
	if i := strings.IndexByte(p, '('); i >= 0 {
		p = p[:i]
	}
	p = strings.ToLower(strings.ReplaceAll(strings.TrimSuffix(p, "."), "`", "-"))
	u := b.rootLinkURL(l, "/dotnet/api/"+p)
	if frag != "" {
		u += "#" + frag
	}
	return u, true
}

// isDotnetUID reports whether uid has the shape of a .NET API uid: a dotted
// name under System or Microsoft with no '-' (PowerShell cmdlet uids,
// Module.Verb-Noun, have one).
func isDotnetUID(uid string) bool {
	if !(strings.HasPrefix(uid, "System.") || strings.HasPrefix(uid, "Microsoft.")) || strings.Contains(uid, "-") {
		return false
	}
	for _, c := range uid {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.ContainsRune("._`*#(),@{}[] ", c):
		default:
			return false
		}
	}
	return true
}
