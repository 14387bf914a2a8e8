package nav

import (
	"sort"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// Breadcrumbs is a parsed breadcrumb/toc.yml: a TOC-shaped tree whose
// items carry a URL prefix (tocHref) and the page to link (topicHref).
type Breadcrumbs struct {
	File  string
	Items []*Crumb
}

// Crumb is one breadcrumb entry. Href is topicHref as written (breadcrumb
// files use site-root URLs such as "/microsoft-365/index").
type Crumb struct {
	Name    string
	Href    string
	TocHref string // URL prefix, e.g. "/microsoft-365/security/mtp"
	Items   []*Crumb
	Pos     diag.Pos
}

// ParseBreadcrumb reads a breadcrumb TOC. Items without a root-relative
// tocHref can never match a page and are reported as invalid-toc-href.
func ParseBreadcrumb(file string, src []byte) (*Breadcrumbs, []diag.Diagnostic) {
	raw, diags := parseYAMLTOC(file, src)
	b := &Breadcrumbs{File: file}
	var conv func([]*rawItem) []*Crumb
	conv = func(rs []*rawItem) []*Crumb {
		var out []*Crumb
		for _, r := range rs {
			c := &Crumb{Name: r.name, Href: r.topicHref, TocHref: r.tocHref, Pos: r.pos}
			if c.Href == "" {
				c.Href = r.href
			}
			if !strings.HasPrefix(c.TocHref, "/") {
				pos := r.tocPos
				if c.TocHref == "" {
					pos = r.pos
				}
				diags = append(diags, diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: "invalid-toc-href", Message: "a breadcrumb item needs a tocHref that starts with /"})
			}
			c.Items = conv(r.items)
			out = append(out, c)
		}
		return out
	}
	b.Items = conv(raw.items)
	return b, diags
}

// For returns the breadcrumb trail of a page URL path: the deepest chain
// of items, from the root, in which every item's tocHref is a prefix of
// urlPath on a path-segment boundary ("/a/b" matches "/a/b/c", not
// "/a/bc"). Among siblings the longest matching prefix wins.
func (b *Breadcrumbs) For(urlPath string) []*Crumb {
	if b == nil {
		return nil
	}
	var chain []*Crumb
	items := b.Items
	for len(chain) < maxCrumbDepth {
		var best *Crumb
		for _, c := range items {
			if prefixMatch(c.TocHref, urlPath) && (best == nil || len(c.TocHref) > len(best.TocHref)) {
				best = c
			}
		}
		if best == nil {
			return chain
		}
		chain = append(chain, best)
		items = best.Items
	}
	return chain
}

func prefixMatch(prefix, p string) bool {
	if !strings.HasPrefix(prefix, "/") {
		return false
	}
	prefix = strings.TrimSuffix(prefix, "/")
	if prefix == "" {
		return true
	}
	prefix, p = strings.ToLower(prefix), strings.ToLower(p)
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}

// maxCrumbDepth bounds a breadcrumb chain; parsed files are at most
// maxDepth deep, so it only guards hand-built trees.
const maxCrumbDepth = 2 * maxDepth

// MatchBreadcrumbPath finds the file a breadcrumb_path value names among
// files (docset-relative paths). The value is a URL of the published
// breadcrumb TOC ("/microsoft-365/breadcrumb/toc.json",
// "/powershell/scripting/bread/toc.json") or a docset path ("~/bread/toc.yml"):
// its extension is ignored, and the file whose path, without extension,
// is the longest whole-segment suffix of it wins (ties: the first path in
// alphabetical order); a file at the docset root never matches (it is the
// docset's TOC). "" when none matches.
func MatchBreadcrumbPath(value string, files []string) string {
	want := strings.ToLower(strings.TrimSpace(value))
	if i := strings.IndexAny(want, "?#"); i >= 0 {
		want = want[:i]
	}
	want = strings.TrimPrefix(want, "~")
	want = "/" + strings.TrimLeft(stripTOCExt(want), "/")
	best := ""
	for _, f := range files {
		if !IsTOCFile(f) || dir(f) == "" {
			continue // the root TOC is the docset's TOC, never its breadcrumb
		}
		fl := "/" + strings.ToLower(stripTOCExt(f))
		if !strings.HasSuffix(want, fl) {
			continue
		}
		if best == "" || len(f) > len(best) || len(f) == len(best) && f < best {
			best = f
		}
	}
	return best
}

func stripTOCExt(p string) string {
	for _, ext := range []string{".json", ".yml", ".yaml", ".md"} {
		if len(p) > len(ext) && strings.EqualFold(p[len(p)-len(ext):], ext) {
			return p[:len(p)-len(ext)]
		}
	}
	return p
}

// Crumbs picks a page's breadcrumb trail. named is the page's
// breadcrumb_path metadata ("" when it has none) and urlPath the page's
// URL path as the breadcrumb files' tocHrefs see it. A named file is used
// when the set has it; otherwise, of all breadcrumb files, the one whose
// chain ends in the most specific item (longest tocHref, then deepest
// chain) wins, ties going to the first file in path order, so the choice
// never depends on map order. It returns the file used and the chain
// (both nil when no file gives a trail).
func (s *Set) Crumbs(urlPath, named string) (*Breadcrumbs, []*Crumb) {
	if s == nil || len(s.Breadcrumbs) == 0 {
		return nil, nil
	}
	files := make([]string, 0, len(s.Breadcrumbs))
	for f := range s.Breadcrumbs {
		files = append(files, f)
	}
	sort.Strings(files)
	if named != "" {
		if f := MatchBreadcrumbPath(named, files); f != "" {
			b := s.Breadcrumbs[f]
			if chain := b.For(urlPath); len(chain) > 0 {
				return b, chain
			}
		}
	}
	var best *Breadcrumbs
	var bestChain []*Crumb
	for _, f := range files {
		b := s.Breadcrumbs[f]
		chain := b.For(urlPath)
		if len(chain) == 0 {
			continue
		}
		if best == nil || moreSpecific(chain, bestChain) {
			best, bestChain = b, chain
		}
	}
	return best, bestChain
}

func moreSpecific(a, b []*Crumb) bool {
	la, lb := len(strings.TrimSuffix(a[len(a)-1].TocHref, "/")), len(strings.TrimSuffix(b[len(b)-1].TocHref, "/"))
	if la != lb {
		return la > lb
	}
	return len(a) > len(b)
}
