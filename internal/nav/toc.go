package nav

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/docloom/docloom/internal/diag"
)

// TOC is one TOC file with its included TOCs inlined and hrefs resolved.
// A TOC is not modified after ParseTOC returns and is safe for concurrent
// use by the renderers of several pages.
type TOC struct {
	File         string // docset-relative path, e.g. "admin/TOC.yml"
	MonikerRange string // root monikerRange of a mapping-shaped TOC.yml
	Items        []*Item

	once  sync.Once
	order []*Item            // items with a Page, depth-first
	first map[string]int     // page -> index of its first item in order
	trail map[string][]*Item // page -> root..item chain of that first item
}

// Exists reports whether a docset-relative slash path names a file of the
// docset and returns its canonical spelling (for case-insensitive matching).
// A nil Exists accepts every path as written.
type Exists func(rel string) (canonical string, ok bool)

// Load returns the contents of a docset-relative file.
type Load func(rel string) ([]byte, bool)

// ParseTOC parses a TOC file (TOC.yml, toc.yml, TOC.md, toc.json) written
// at the docset-relative path file. Hrefs to other TOC files are inlined
// through load; hrefs to pages are checked with exists. Diagnostics are
// positioned in the file where the problem was written, which for an
// inlined TOC is the included file.
func ParseTOC(file string, src []byte, load Load, exists Exists) (*TOC, []diag.Diagnostic) {
	toc, diags := parseTOC(file, src, load, exists, map[string]*rawResult{})
	return toc, diag.SortUnique(diags)
}

// parseTOC is ParseTOC with a cache of parsed files that LoadAll shares
// between the TOCs of a docset, so a TOC included or referenced by folder
// from several others is parsed once and its syntax errors reported once.
func parseTOC(file string, src []byte, load Load, exists Exists, raws map[string]*rawResult) (*TOC, []diag.Diagnostic) {
	e := &expander{load: load, exists: exists, raws: raws}
	rr := raws[file]
	if rr == nil {
		rr = &rawResult{}
		rr.toc, rr.diags = parseRaw(file, src)
		raws[file] = rr
	}
	first := !rr.reported
	if first {
		e.diags = append(e.diags, rr.diags...)
		rr.reported = true
	}
	e.stack = []string{file}
	toc := &TOC{File: file, MonikerRange: rr.toc.monikerRange, Items: e.items(rr.toc.items, file)}
	if first {
		e.diags = append(e.diags, ownProblems(toc, len(rr.toc.items), len(rr.diags) > 0)...)
	}
	return toc, e.diags
}

// ownProblems reports what is wrong with a TOC file as a whole: it lists
// nothing (an empty TOC.yml: its folder's pages get no sidebar), or it lists
// one page twice (readers meet the page twice in previous/next and the
// sidebar marks only the first entry as current). Only items written in the
// file itself count; an included TOC's are reported with that file.
func ownProblems(toc *TOC, written int, broken bool) []diag.Diagnostic {
	var out []diag.Diagnostic
	if written == 0 && !broken {
		out = append(out, diag.Diagnostic{Pos: diag.Pos{File: toc.File, Line: 1, Col: 1}, Severity: diag.Warning, Code: "toc-empty",
			Message: "TOC file lists no items; pages that use it get no sidebar"})
	}
	seen := map[string]diag.Pos{}
	Walk(toc.Items, func(it *Item, _ []*Item) bool {
		if it.Pos.File != toc.File {
			return false
		}
		if it.Page == "" || !it.direct || it.Fragment != "" {
			return true
		}
		if at, dup := seen[it.Page]; dup {
			out = append(out, diag.Diagnostic{Pos: it.Pos, Severity: diag.Warning, Code: "duplicate-toc-entry",
				Message: fmt.Sprintf("%s is already listed at line %d; the sidebar marks only the first entry as current", it.Page, at.Line)})
		} else {
			seen[it.Page] = it.Pos
		}
		return true
	})
	return out
}

func parseRaw(file string, src []byte) (*rawTOC, []diag.Diagnostic) {
	if strings.EqualFold(path.Ext(file), ".md") {
		return parseMDTOC(file, src)
	}
	return parseYAMLTOC(file, src)
}

type rawResult struct {
	toc      *rawTOC
	diags    []diag.Diagnostic
	reported bool
}

// expander resolves raw items, inlining included TOCs. stack holds the TOC
// files being expanded, to detect cycles; quiet > 0 while a folder's TOC is
// read only to find its first page (its own problems are reported when
// that TOC is loaded in its own right).
type expander struct {
	load     Load
	exists   Exists
	raws     map[string]*rawResult
	stack    []string
	quiet    int
	count    int
	includes int
	full     bool
	diags    []diag.Diagnostic
}

func (e *expander) report(pos diag.Pos, sev diag.Severity, code, format string, args ...any) {
	if e.quiet > 0 {
		return
	}
	e.diags = append(e.diags, diag.Diagnostic{Pos: pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (e *expander) items(raws []*rawItem, file string) []*Item {
	var out []*Item
	for _, r := range raws {
		if e.count++; e.count > maxItems {
			if !e.full {
				e.full = true
				e.report(r.pos, diag.Error, "invalid-toc-syntax", "TOC has more than %d items after inlining included TOCs", maxItems)
			}
			return out
		}
		out = append(out, e.item(r, file))
	}
	return out
}

func (e *expander) item(r *rawItem, file string) *Item {
	it := &Item{Name: r.name, UID: r.uid, DisplayName: r.displayName, Expanded: r.expanded, MonikerRange: r.monikerRange, Pos: r.pos}
	var included []*Item
	if r.href != "" {
		included = e.href(it, r, file)
	}
	if r.tocHref != "" {
		e.tocHref(it, r, file)
	}
	// An entry that opens a page may leave out its name: DocFX shows the
	// page's title (its title metadata, else its first heading).
	if r.name == "" && r.uid == "" && it.Page == "" {
		e.report(r.pos, diag.Warning, "toc-name-missing", "TOC item has no name")
	}
	it.Items = append(included, e.items(r.items, file)...)
	return it
}

// href resolves an item's href. A TOC file is inlined (its items are
// returned as the item's children); a folder opens its TOC's first page;
// anything else is a link.
func (e *expander) href(it *Item, r *rawItem, file string) []*Item {
	t := resolveHref(file, r.href)
	switch t.kind {
	case kindTOC:
		tocFile, ok := e.check(t.path, r.hrefPos)
		if !ok {
			return nil
		}
		it.TocHref = tocFile
		e.topic(it, r, file)
		return e.include(tocFile, r.hrefPos)
	case kindFolder:
		tocFile, ok := e.folderTOC(t.path, r.href, r.hrefPos)
		if !ok {
			return nil
		}
		it.TocHref = tocFile
		if r.topicHref != "" {
			e.topic(it, r, file)
			return nil
		}
		if e.onStack(tocFile, r.hrefPos) {
			return nil
		}
		e.quiet++
		items := e.include(tocFile, r.hrefPos)
		e.quiet--
		if first := firstLink(items); first != nil {
			it.Href, it.Page, it.External, it.Missing = first.Href, first.Page, first.External, first.Missing
			it.Query, it.Fragment = first.Query, first.Fragment
		}
		return nil
	case kindFile:
		e.link(it, t, r.hrefPos)
		it.direct = true
	case kindXref:
		if it.UID == "" {
			it.UID = t.path
		}
	case kindOutside:
		e.report(r.hrefPos, diag.Warning, "link-out-of-scope", "href %q points outside the docset", r.href)
		it.Href = t.raw
	default:
		it.Href = t.raw
		it.External = t.kind == kindExternal
	}
	if r.topicHref != "" {
		e.report(r.topicPos, diag.Warning, "invalid-topic-href", "topicHref is only used when href points to a TOC file or folder")
	}
	return nil
}

// topic applies topicHref, the page an item opens when its href is a TOC
// file or folder; it must name a page, not another TOC or folder.
func (e *expander) topic(it *Item, r *rawItem, file string) {
	if r.topicHref == "" {
		return
	}
	t := resolveHref(file, r.topicHref)
	switch t.kind {
	case kindTOC, kindFolder:
		e.report(r.topicPos, diag.Error, "invalid-topic-href", "topicHref %q must point to a page, not a TOC or folder", r.topicHref)
	case kindFile:
		e.link(it, t, r.topicPos)
		it.direct = true
	case kindOutside:
		e.report(r.topicPos, diag.Warning, "link-out-of-scope", "topicHref %q points outside the docset", r.topicHref)
	default:
		it.Href = t.raw
		it.External = t.kind == kindExternal
	}
}

// tocHref records the TOC an item stands for in breadcrumbs. A relative
// one must name a TOC file or folder; a root-relative URL is kept.
func (e *expander) tocHref(it *Item, r *rawItem, file string) {
	t := resolveHref(file, r.tocHref)
	switch t.kind {
	case kindTOC:
		if p, ok := e.check(t.path, r.tocPos); ok {
			it.TocHref = p
		}
	case kindFolder:
		if p, ok := e.folderTOC(t.path, r.tocHref, r.tocPos); ok {
			it.TocHref = p
		}
	case kindRoot, kindExternal:
		it.TocHref = t.raw
	default:
		e.report(r.tocPos, diag.Error, "invalid-toc-href", "tocHref %q must point to a TOC file or folder", r.tocHref)
	}
}

// link points it at a docset file.
func (e *expander) link(it *Item, t target, pos diag.Pos) {
	p, ok := e.check(t.path, pos)
	it.Href, it.Page, it.Missing = p, p, !ok
	it.Query, it.Fragment = t.query, t.fragment
}

// check asks exists about a docset file, warning when it is missing or
// spelled with different letter case. It returns the canonical path (the
// path as written when missing).
func (e *expander) check(rel string, pos diag.Pos) (string, bool) {
	if e.exists == nil {
		return rel, true
	}
	c, ok := e.exists(rel)
	switch {
	case !ok:
		e.report(pos, diag.Warning, "file-not-found", "%s does not exist", rel)
		return rel, false
	case c != rel:
		e.report(pos, diag.Warning, "path-case-mismatch", "%s is spelled %s on disk", rel, c)
	}
	return c, true
}

// folderTOC finds the TOC file of a folder, trying Learn's names in order.
func (e *expander) folderTOC(folder, href string, pos diag.Pos) (string, bool) {
	for _, name := range tocNames {
		rel := path.Join(folder, name)
		if e.exists == nil {
			if _, ok := e.read(rel); ok {
				return rel, true
			}
			continue
		}
		if c, ok := e.exists(rel); ok {
			return c, true
		}
	}
	e.report(pos, diag.Warning, "file-not-found", "folder %q has no TOC file", href)
	return "", false
}

func (e *expander) read(rel string) ([]byte, bool) {
	if e.load == nil {
		return nil, false
	}
	return e.load(rel)
}

// maxIncludes bounds the TOC files expanded for one TOC (each inclusion
// and folder reference counts); real docsets use a few dozen.
const maxIncludes = 2000

// include expands the TOC file tocFile, reporting a cycle when it is
// already being expanded.
func (e *expander) include(tocFile string, pos diag.Pos) []*Item {
	if e.onStack(tocFile, pos) {
		return nil
	}
	if e.includes++; e.includes > maxIncludes {
		if e.includes == maxIncludes+1 {
			e.report(pos, diag.Error, "circular-reference", "more than %d TOC inclusions; is a TOC including itself through different paths?", maxIncludes)
		}
		return nil
	}
	if len(e.stack) >= maxDepth {
		e.report(pos, diag.Error, "circular-reference", "TOC inclusion is nested more than %d levels deep", maxDepth)
		return nil
	}
	rr := e.raws[tocFile]
	if rr == nil {
		src, ok := e.read(tocFile)
		if !ok {
			e.report(pos, diag.Warning, "file-not-found", "%s could not be read", tocFile)
			return nil
		}
		rr = &rawResult{}
		rr.toc, rr.diags = parseRaw(tocFile, src)
		e.raws[tocFile] = rr
	}
	if e.quiet == 0 && !rr.reported {
		e.diags = append(e.diags, rr.diags...)
		rr.reported = true
	}
	e.stack = append(e.stack, tocFile)
	items := e.items(rr.toc.items, tocFile)
	e.stack = e.stack[:len(e.stack)-1]
	return items
}

// onStack reports a circular-reference when tocFile is being expanded.
func (e *expander) onStack(tocFile string, pos diag.Pos) bool {
	for i, f := range e.stack {
		if f == tocFile {
			chain := append(append([]string(nil), e.stack[i:]...), tocFile)
			e.report(pos, diag.Error, "circular-reference", "TOC inclusion cycle: %s", strings.Join(chain, " -> "))
			return true
		}
	}
	return false
}

// firstLink returns the first item, depth-first, that links somewhere.
func firstLink(items []*Item) *Item {
	var found *Item
	Walk(items, func(it *Item, _ []*Item) bool {
		if found == nil && it.Href != "" {
			found = it
		}
		return found == nil
	})
	return found
}
