package nav

import (
	"path"
	"sort"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// Set holds every TOC and breadcrumb file of a docset (one locale) and
// knows which TOC a page shows.
type Set struct {
	// TOCs and Breadcrumbs are keyed by docset-relative file path.
	TOCs        map[string]*TOC
	Breadcrumbs map[string]*Breadcrumbs

	byDir map[string]*TOC   // folder -> its TOC (one per folder)
	refs  map[string]tocRef // page -> best TOC referencing it
}

type tocRef struct {
	toc  *TOC
	dist int
}

// LoadAll parses the navigation files of a docset: files lists their
// docset-relative paths (TOC files and breadcrumb/toc.yml files, as
// IsTOCFile and IsBreadcrumbFile recognise them). When a folder has
// several TOC files, the one Learn prefers (TOC.yml, toc.yml, TOC.md, …)
// is used and the others are reported as duplicate-toc.
func LoadAll(files []string, load Load, exists Exists) (*Set, []diag.Diagnostic) {
	return LoadAllNamed(files, nil, load, exists)
}

// LoadAllNamed is LoadAll for a docset whose pages name breadcrumb files
// in their breadcrumb_path metadata (named lists the distinct values): a
// TOC file one of them names is read as a breadcrumb file wherever it
// lives (PowerShell-Docs keeps its in bread/toc.yml).
func LoadAllNamed(files, named []string, load Load, exists Exists) (*Set, []diag.Diagnostic) {
	crumbFiles := map[string]bool{}
	for _, n := range named {
		if f := MatchBreadcrumbPath(n, files); f != "" {
			crumbFiles[f] = true
		}
	}
	s := &Set{TOCs: map[string]*TOC{}, Breadcrumbs: map[string]*Breadcrumbs{}, byDir: map[string]*TOC{}, refs: map[string]tocRef{}}
	var diags []diag.Diagnostic
	raws := map[string]*rawResult{}
	files = append([]string(nil), files...)
	sort.Slice(files, func(i, j int) bool { return tocRank(files[i]) < tocRank(files[j]) })
	for _, f := range files {
		src, ok := load(f)
		if !ok {
			diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: f}, Severity: diag.Warning, Code: "file-not-found", Message: f + " could not be read"})
			continue
		}
		if IsBreadcrumbFile(f) || crumbFiles[f] {
			b, ds := ParseBreadcrumb(f, src)
			s.Breadcrumbs[f] = b
			diags = append(diags, ds...)
			continue
		}
		d := dir(f)
		if other, dup := s.byDir[d]; dup {
			diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: f}, Severity: diag.Warning, Code: "duplicate-toc", Message: "folder already has " + other.File + "; only one TOC file per folder is used"})
			continue
		}
		t, ds := parseTOC(f, src, load, exists, raws)
		diags = append(diags, ds...)
		s.TOCs[f] = t
		s.byDir[d] = t
	}
	s.indexRefs()
	return s, diag.SortUnique(diags)
}

// tocRank sorts files by folder, then by Learn's preference among TOC
// names, so the preferred TOC of a folder is loaded first.
func tocRank(f string) string {
	rank := len(tocNames)
	for i, n := range tocNames {
		if path.Base(f) == n {
			rank = i
		}
	}
	return dir(f) + "\x00" + string(rune('a'+rank)) + path.Base(f)
}

// indexRefs records, for every page, the TOC that references it with the
// shortest relative path (ties: alphabetical TOC path). Only items written
// in the TOC itself count: entries inlined from another TOC, and the first
// page of a referenced folder, belong to that other TOC.
func (s *Set) indexRefs() {
	files := make([]string, 0, len(s.TOCs))
	for f := range s.TOCs {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		t := s.TOCs[f]
		Walk(t.Items, func(it *Item, _ []*Item) bool {
			if it.Pos.File != f || !it.direct || it.Page == "" {
				return it.Pos.File == f
			}
			d := distance(dir(f), dir(it.Page))
			if old, ok := s.refs[it.Page]; !ok || d < old.dist {
				s.refs[it.Page] = tocRef{t, d}
			}
			return true
		})
	}
}

// distance counts the folder steps (up, then down) of the relative path
// from folder a to folder b.
func distance(a, b string) int {
	as, bs := segments(a), segments(b)
	common := 0
	for common < len(as) && common < len(bs) && as[common] == bs[common] {
		common++
	}
	return len(as) - common + len(bs) - common
}

func segments(d string) []string {
	if d == "" {
		return nil
	}
	return strings.Split(d, "/")
}

// TOCFor picks the TOC a page shows: the TOC that references it with the
// shortest relative href, else the TOC of the page's folder or of the
// nearest ancestor folder that has one. nil when there is none.
func (s *Set) TOCFor(page string) *TOC {
	if s == nil {
		return nil
	}
	if r, ok := s.refs[page]; ok {
		return r.toc
	}
	for d := dir(page); ; d = dir(d) {
		if t, ok := s.byDir[d]; ok {
			return t
		}
		if d == "" {
			return nil
		}
	}
}

// Files returns the TOC file paths in alphabetical order.
func (s *Set) Files() []string {
	out := make([]string, 0, len(s.TOCs))
	for f := range s.TOCs {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// BreadcrumbFiles returns the breadcrumb file paths in alphabetical order.
func (s *Set) BreadcrumbFiles() []string {
	if s == nil {
		return nil
	}
	out := make([]string, 0, len(s.Breadcrumbs))
	for f := range s.Breadcrumbs {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}
