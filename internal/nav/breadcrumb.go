package nav

import (
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
	for {
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
