package build

import (
	"path"
	"sort"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/nav"
	yaml "go.yaml.in/yaml/v3"
)

// platyFrontMatter reads a PlatyPS page's front matter. PlatyPS writes it
// line by line and Learn reads it the same way, so where YAML rejects it
// (an alias "- %") the line reader's result stands and the YAML error is
// not reported. The page's uid is Module.Cmdlet (Learn's, and what the
// docset's xref: links use), or the module name for a module page.
func platyFrontMatter(split meta.Doc, ds []diag.Diagnostic, rel string) (meta.Doc, []diag.Diagnostic) {
	kept := ds[:0]
	for _, d := range ds {
		if d.Code == "yaml-header-syntax-error" || d.Code == "yaml-header-not-object" {
			split.Meta = meta.Lines(split.Header)
			continue
		}
		kept = append(kept, d)
	}
	if split.Meta == nil {
		split.Meta = map[string]any{}
	}
	if meta.String(split.Meta, "uid") == "" {
		module := firstNonEmpty(meta.String(split.Meta, "Module Name"), meta.String(split.Meta, "module name"))
		name := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		switch {
		case module == "":
		case strings.EqualFold(name, module):
			split.Meta["uid"] = module
		default:
			split.Meta["uid"] = module + "." + firstNonEmpty(meta.String(split.Meta, "title"), name)
		}
	}
	return split, kept
}

// reshapePlatyPS gives a PlatyPS page Learn's reference layout (see
// dialect.ReshapePlatyPS), with the Module line linking the module's page
// when the docset has it.
func (b *builder) reshapePlatyPS(l *localeSet, p *Page) {
	module := firstNonEmpty(meta.String(p.Meta, "Module Name"), meta.String(p.Meta, "module name"))
	name := strings.TrimSuffix(path.Base(p.Rel), path.Ext(p.Rel))
	href := ""
	if module != "" && !strings.EqualFold(module, name) {
		if f, _ := l.Docset.Lookup(path.Join(path.Dir(p.Rel), module+".md")); f != nil {
			href = path.Base(f.Rel)
		}
	} else {
		module = ""
	}
	dialect.ReshapePlatyPS(p.Doc, module, href)
}

// referenceTOCs writes the TOC that Learn's PlatyPS conversion makes for
// each folder of PlatyPS pages (a version's package root such as 7.4/,
// published as module/psdocs/toc.yml): its modules in name order, each
// linking its module page, with its about_ topics under "About" and its
// cmdlets. A folder that has a TOC file of its own keeps it.
func (b *builder) referenceTOCs(l *localeSet) map[string][]byte {
	type module struct {
		dir, page    string
		cmdlets, abt []*Page
	}
	roots := map[string]map[string]*module{} // package root -> module dir -> module
	for _, p := range l.Pages {
		if p.Fallback || p.File == nil || !p.File.PlatyPS {
			continue
		}
		dir := path.Dir(p.Rel)
		root := path.Dir(dir)
		if roots[root] == nil {
			roots[root] = map[string]*module{}
		}
		m := roots[root][dir]
		if m == nil {
			m = &module{dir: dir}
			roots[root][dir] = m
		}
		if strings.EqualFold(strings.TrimSuffix(path.Base(p.Rel), path.Ext(p.Rel)), path.Base(dir)) {
			m.page = p.Rel
		} else {
			m.cmdlets = append(m.cmdlets, p)
		}
	}
	for _, p := range l.Pages {
		// about_ topics live in <module>/About/ (conceptual Markdown).
		if d := path.Dir(p.Rel); strings.EqualFold(path.Base(d), "about") {
			if mods := roots[path.Dir(path.Dir(d))]; mods != nil {
				if m := mods[path.Dir(d)]; m != nil && !p.Fallback {
					m.abt = append(m.abt, p)
				}
			}
		}
	}
	out := map[string][]byte{}
	for root, mods := range roots {
		if f, _ := l.Docset.Lookup(root + "/toc.yml"); f != nil {
			continue
		}
		var dirs []string
		for d := range mods {
			dirs = append(dirs, d)
		}
		sort.Slice(dirs, func(i, j int) bool { return strings.ToLower(dirs[i]) < strings.ToLower(dirs[j]) })
		var items []tocEntry
		for _, d := range dirs {
			m := mods[d]
			e := tocEntry{Name: path.Base(d)}
			if m.page != "" {
				e.Href = relTo(root, m.page)
			}
			if len(m.abt) > 0 {
				about := tocEntry{Name: "About"}
				for _, p := range byTitle(m.abt) {
					about.Items = append(about.Items, tocEntry{Name: p.Title, Href: relTo(root, p.Rel)})
				}
				e.Items = append(e.Items, about)
			}
			for _, p := range byTitle(m.cmdlets) {
				e.Items = append(e.Items, tocEntry{Name: p.Title, Href: relTo(root, p.Rel)})
			}
			items = append(items, e)
		}
		data, err := yaml.Marshal(items)
		if err == nil {
			out[root+"/toc.yml"] = data
		}
	}
	return out
}

type tocEntry struct {
	Name  string     `yaml:"name"`
	Href  string     `yaml:"href,omitempty"`
	Items []tocEntry `yaml:"items,omitempty"`
}

func byTitle(ps []*Page) []*Page {
	out := append([]*Page(nil), ps...)
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Title), strings.ToLower(out[j].Title)
		if a != b {
			return a < b
		}
		return out[i].Rel < out[j].Rel
	})
	return out
}

func relTo(dir, rel string) string { return strings.TrimPrefix(strings.TrimPrefix(rel, dir), "/") }

// refTOC is a moniker's reference TOC and the published folder its pages
// go to.
type refTOC struct {
	toc *nav.TOC
	pkg string
}

// indexReferenceTOCs finds, once per navigation load, each moniker's
// reference TOC (the TOC of its package root in the moniker files) and
// where its pages are published, for referenceTOC.
func (b *builder) indexReferenceTOCs(l *localeSet) {
	l.refTOCs = map[int]refTOC{}
	if b.site.Repo == nil {
		return
	}
	for _, e := range b.site.Repo.Monikers {
		m, ok := b.site.Monikers.Index(strings.ToLower(e.Name))
		if !ok || e.PackageRoot == "" {
			continue
		}
		if _, done := l.refTOCs[m]; done {
			continue
		}
		root := path.Join(b.site.Repo.MonikerDir, e.PackageRoot)
		if toc := l.nav.TOCs[root+"/toc.yml"]; toc != nil {
			// as the .yml the PlatyPS pages become
			l.refTOCs[m] = refTOC{toc: toc, pkg: path.Dir(l.Docset.PubPath(root + "/x.yml"))}
		}
	}
}

// referenceTOC is the TOC of moniker m's reference pages for a page that
// has no TOC of its own: the TOC of the moniker file's package root for m,
// when the page is published in or above the folder those pages go to
// (the module browser at module/ shows the version's modules).
func (b *builder) referenceTOC(l *localeSet, p *Page, m int) *nav.TOC {
	r, ok := l.refTOCs[m]
	if !ok {
		return nil
	}
	if dir := path.Dir(b.pubOf(p.Rel)); dir == r.pkg || strings.HasPrefix(dir, r.pkg+"/") {
		return r.toc
	}
	return nil
}
