// Package nav reads a docset's navigation files (TOC.yml, TOC.md,
// breadcrumb/toc.yml) and YamlMime landing pages into a model the layouts
// can render once per locale and per cloud.
//
// In the pipeline it sits in the resolve stage, after docset discovery: the
// caller hands it file contents (load) and a way to ask whether a
// docset-relative path exists (exists), so nav never touches the file system
// or another stage's data. Everything it returns is plain data: a tree of
// Items per TOC file with hrefs already resolved to docset-relative page
// paths, a Set that picks the TOC of a page, breadcrumb chains, and landing
// page cards. Problems are diag.Diagnostic values with file:line:col.
package nav

import (
	"net/url"
	"path"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// Item is one entry of a TOC, with every href already resolved.
type Item struct {
	Name string
	// Href is what the entry links to: the docset-relative path of a file
	// ("admin/a.md") when it points into the docset, otherwise an external
	// or root-relative URL exactly as written ("/microsoft-365/x",
	// "https://…"). Empty for a group heading without a link.
	Href string
	// Page is the docset-relative path of the page the entry opens, or ""
	// when it opens none (group heading, external or root-relative URL).
	Page string
	// External is set for URLs with a scheme or a "//" host, which layouts
	// usually mark and open in a new tab.
	External bool
	// Missing is set when Page does not exist (a file-not-found warning was
	// reported); the caller may still serve it from the default locale.
	Missing bool
	// Query and Fragment are the "?toc=…&bc=…" and "#anchor" parts of an
	// href into the docset, without their leading ? and #.
	Query    string
	Fragment string
	// TocHref is the docset-relative TOC file this entry stands for (from
	// an href or tocHref to a TOC file or folder), or a root-relative URL.
	TocHref      string
	UID          string // xref target; layouts use the target's title when Name is empty
	DisplayName  string // extra search text
	Expanded     bool
	MonikerRange string
	Items        []*Item
	// Pos is where the item was written; for inlined TOCs that is the
	// included file, which is also how Set tells direct references apart.
	Pos diag.Pos

	// direct is set when Page comes from this item's own href or topicHref
	// (not from the first entry of a folder's TOC).
	direct bool
}

// Walk calls fn for every item of items depth-first in reading order, with
// the chain of its ancestors; it stops descending where fn returns false.
// The parsers build trees at most maxDepth deep; Walk never goes deeper
// than twice that, so a hand-built tree cannot make it run away.
func Walk(items []*Item, fn func(it *Item, parents []*Item) bool) {
	var rec func([]*Item, []*Item)
	rec = func(items, parents []*Item) {
		if len(parents) > 2*maxDepth {
			return
		}
		for _, it := range items {
			if fn(it, parents) {
				rec(it.Items, append(parents[:len(parents):len(parents)], it))
			}
		}
	}
	rec(items, nil)
}

// targetKind says what an href points at.
type targetKind int

const (
	kindNone     targetKind = iota // empty, or only a #fragment
	kindFile                       // a file of the docset (page or resource)
	kindTOC                        // another TOC file: inclusion
	kindFolder                     // a folder: its TOC's first page
	kindExternal                   // scheme://…, //host, mailto:
	kindRoot                       // /root-relative, outside this docset
	kindXref                       // xref:uid
	kindOutside                    // ../ past the docset root
)

// target is an href split and resolved against the folder of the file
// that holds it.
type target struct {
	kind     targetKind
	path     string // docset-relative for kindFile/kindTOC/kindFolder
	raw      string // the href as written (trimmed)
	query    string
	fragment string
}

// resolveHref classifies href written in file (a docset-relative path)
// and resolves a relative one against file's folder. "~/" means the docset
// root. Backslashes count as slashes and %-escapes are decoded, as Learn
// does on Windows-authored docsets.
func resolveHref(file, href string) target {
	href = strings.TrimSpace(href)
	t := target{raw: href}
	if href == "" {
		return t
	}
	low := strings.ToLower(href)
	switch {
	case strings.HasPrefix(low, "xref:"):
		t.kind = kindXref
		t.path = href[len("xref:"):]
		return t
	case strings.HasPrefix(href, "//") || hasScheme(href):
		t.kind = kindExternal
		return t
	}
	p := href
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, t.fragment = p[:i], p[i+1:]
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p, t.query = p[:i], p[i+1:]
	}
	p = strings.ReplaceAll(p, `\`, "/")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	folder := strings.HasSuffix(p, "/")
	switch {
	case p == "":
		return t
	case strings.HasPrefix(p, "~/"):
		p = path.Clean(p[2:])
	case strings.HasPrefix(p, "/"):
		t.kind = kindRoot
		return t
	default:
		p = path.Join(path.Dir(file), p)
	}
	if p == ".." || strings.HasPrefix(p, "../") {
		t.kind = kindOutside
		return t
	}
	if p == "." {
		p, folder = "", true
	}
	t.path = p
	switch {
	case folder:
		t.kind = kindFolder
	case isTOCName(path.Base(p)):
		t.kind = kindTOC
	default:
		t.kind = kindFile
	}
	return t
}

// hasScheme reports whether s starts with a URL scheme ("https:",
// "mailto:"). A one-letter scheme is a Windows drive, not a URL.
func hasScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':':
			return i > 1
		default:
			return false
		}
	}
	return false
}

// tocNames are the TOC file names in the order Learn prefers them when a
// folder is referenced.
var tocNames = []string{"TOC.yml", "toc.yml", "TOC.md", "toc.md", "TOC.json", "toc.json", "toc.yaml"}

func isTOCName(base string) bool {
	switch strings.ToLower(base) {
	case "toc.yml", "toc.yaml", "toc.md", "toc.json":
		return true
	}
	return false
}

// IsTOCFile reports whether a docset-relative path names a TOC file
// (toc.yml, toc.md, toc.json in any letter case), so the docset walker can
// collect the files to hand to LoadAll.
func IsTOCFile(rel string) bool { return isTOCName(path.Base(rel)) }

// IsBreadcrumbFile reports whether a TOC file is a breadcrumb TOC (inside
// a folder named "breadcrumb"); LoadAll parses those with ParseBreadcrumb.
func IsBreadcrumbFile(rel string) bool {
	return IsTOCFile(rel) && strings.EqualFold(path.Base(path.Dir(rel)), "breadcrumb")
}

// dir returns the folder of a docset-relative path, "" for the root.
func dir(rel string) string {
	d := path.Dir(rel)
	if d == "." || d == "/" {
		return ""
	}
	return d
}
