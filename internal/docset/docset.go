// Package docset is the discovery stage: it walks one locale's folder and
// sorts every file into pages, includes, navigation files and resources,
// using the docset's docfx.json content and resource globs when it has one.
// Later stages look files up here instead of touching the file system, and
// nothing outside the locale folder is ever listed.
package docset

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docfx"
)

// Kind says what a file is to the build.
type Kind int

const (
	Page     Kind = iota // a Markdown page
	Landing              // a YamlMime page (### YamlMime:Landing, Hub, FAQ, …)
	Include              // a Markdown file under includes/
	TOC                  // TOC.yml / TOC.md
	Resource             // an image or download, copied as it is
	Data                 // a YAML file read by a stage (zone-pivot-groups.yml)
)

// File is one file of a locale's docset.
type File struct {
	Rel  string // path relative to the locale folder, forward slashes
	Abs  string
	Kind Kind
	// Base is the folder (relative to the locale folder) of the docfx.json
	// that governs the file, "" for the locale root: `~/` links resolve
	// against it.
	Base string
	// Pub is the file's path in the published site below the locale and
	// moniker: its docfx.json content (or resource) entry's dest in place
	// of its src, under the docset's URL base (see Docfx.URLBase); the
	// same as Rel for files no docfx.json governs.
	Pub string
	// PlatyPS marks a PowerShell cmdlet or module reference page in
	// PlatyPS Markdown, which Learn converts to YAML before its build (so
	// docfx.json names the .yml it becomes) and publishes as a reference
	// page.
	PlatyPS bool
}

// Docfx is one docfx.json found in the locale folder.
type Docfx struct {
	Dir    string // relative folder, "" for the root
	Config *docfx.Config
	// URLBase is the docset's folder in Learn's URL space ("powershell" for
	// https://learn.microsoft.com/powershell/…), which root-relative links
	// and breadcrumb files use: see urlBase.
	URLBase string
}

// Docset is one locale's files.
type Docset struct {
	Locale       config.Locale
	Files        map[string]*File
	lower        map[string]string
	Pages        []*File // pages and landing pages, sorted by Rel
	TOCs         []*File
	Resources    []*File
	Docfx        []Docfx
	Redirections []docfx.Redirection
	// Prefix is the locale folder relative to the site root ("" when they
	// are the same), used to show paths in diagnostics.
	Prefix string
}

// Lookup finds a file by its relative path. When only the letter case
// differs it still finds it and reports exact=false, so callers can warn
// path-case-mismatch: the docsets were written on Windows.
func (d *Docset) Lookup(rel string) (f *File, exact bool) {
	if f, ok := d.Files[rel]; ok {
		return f, true
	}
	if r, ok := d.lower[strings.ToLower(rel)]; ok {
		return d.Files[r], false
	}
	return nil, false
}

// DocfxFor returns the docfx.json governing rel and rel's path relative to
// its folder.
func (d *Docset) DocfxFor(rel string) (*docfx.Config, string) {
	if x, inner := d.docfxOf(rel); x != nil {
		return x.Config, inner
	}
	return nil, rel
}

// skipDir lists folders that are never content: VCS data, DocFX's own
// output and theme folders, tooling.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "_themes" || name == "_themes.pdf" || name == "obj" ||
		name == "node_modules" || name == "_site"
}

// Discover walks the locale's folder.
func Discover(site *config.Site, loc config.Locale) (*Docset, []diag.Diagnostic) {
	d := &Docset{Locale: loc, Files: map[string]*File{}, lower: map[string]string{}}
	if p, err := filepath.Rel(site.Root, loc.Path); err == nil {
		d.Prefix = filepath.ToSlash(p)
		if d.Prefix == "." {
			d.Prefix = ""
		}
	}
	var diags []diag.Diagnostic
	for _, rel := range config.FindDocfx(loc.Path) {
		data, err := os.ReadFile(filepath.Join(loc.Path, rel))
		if err != nil {
			continue
		}
		cfg, ds := docfx.LoadDocfx(rel, data)
		diags = append(diags, relabel(ds, d.Prefix)...)
		if cfg != nil {
			dir := path.Dir(rel)
			if dir == "." {
				dir = ""
			}
			d.Docfx = append(d.Docfx, Docfx{Dir: dir, Config: cfg})
		}
	}
	d.Redirections, diags = d.loadRedirections(site, diags)
	root := loc.Path
	inDocfx := docfxFolders(d.Docfx)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable entries are skipped, not fatal
		}
		if e.IsDir() {
			if p != root && (skipDir(e.Name()) || !inDocfx(root, p)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !inDocfx(root, filepath.Dir(p)) {
			return nil
		}
		if !e.Type().IsRegular() {
			return nil // symlinks and devices never leave the docset
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if f, ok := d.classify(rel, p); ok {
			d.Files[rel] = f
			d.lower[strings.ToLower(rel)] = rel
		}
		return nil
	})
	if err != nil {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: loc.Path}, Severity: diag.Error, Code: "docset-unreadable", Message: err.Error()})
	}
	for _, f := range d.Files {
		switch f.Kind {
		case Page, Landing:
			d.Pages = append(d.Pages, f)
		case TOC:
			d.TOCs = append(d.TOCs, f)
		case Resource:
			d.Resources = append(d.Resources, f)
		}
	}
	for _, s := range [][]*File{d.Pages, d.TOCs, d.Resources} {
		sort.Slice(s, func(i, j int) bool { return s[i].Rel < s[j].Rel })
	}
	d.setURLBases(site)
	return d, diags
}

func (d *Docset) baseOf(rel string) string {
	best := ""
	for _, x := range d.Docfx {
		if strings.HasPrefix(rel, x.Dir+"/") && len(x.Dir) > len(best) {
			best = x.Dir
		}
	}
	return best
}

// classify sorts a file into its kind and works out where it is
// published; ok is false for files that are not part of the docset.
func (d *Docset) classify(rel, abs string) (*File, bool) {
	k, platy, ok := d.kind(rel, abs)
	if !ok {
		return nil, false
	}
	f := &File{Rel: rel, Abs: abs, Kind: k, Base: d.baseOf(rel), PlatyPS: platy}
	return f, true
}

func (d *Docset) kind(rel, abs string) (k Kind, platy, ok bool) {
	name := path.Base(rel)
	lower := strings.ToLower(name)
	ext := strings.ToLower(path.Ext(name))
	inIncludes := strings.HasPrefix(rel, "includes/") || strings.Contains(rel, "/includes/")
	cfg, inner := d.DocfxFor(rel)
	switch {
	case rel == config.FileName || strings.HasPrefix(name, "."):
		return 0, false, false
	case cfg == nil && len(d.Docfx) > 0:
		// Outside every docfx.json folder of a DocFX docset: the
		// repository's README, LICENSE and tooling, never published.
		return 0, false, false
	case lower == "toc.yml" || lower == "toc.md" || lower == "toc.json":
		return TOC, false, true
	case ext == ".md" && inIncludes:
		return Include, false, true
	case inIncludes:
		return 0, false, false
	}
	switch ext {
	case ".md":
		if cfg != nil && !cfg.IsContent(inner) {
			// PlatyPS reference pages become .yml before Learn's build:
			// docfx.json names the .yml (module/**/*.yml).
			if cfg.IsContent(strings.TrimSuffix(inner, path.Ext(inner))+".yml") && isPlatyPS(abs) {
				return Page, true, true
			}
			return 0, false, false
		}
		return Page, false, true
	case ".yml", ".yaml":
		if cfg != nil && !cfg.IsContent(inner) {
			return 0, false, false
		}
		if isYamlMime(abs) {
			return Landing, false, true
		}
		return Data, false, true
	case ".json":
		return 0, false, false
	}
	// A file outside the resource globs is still copied when a page links
	// to it (Learn does the same); the link stage handles that.
	return Resource, false, true
}

// isYamlMime reports whether a YAML file starts with "### YamlMime:", the
// line that makes it a page (Landing, Hub, FAQ, …) rather than data.
func isYamlMime(abs string) bool {
	head := readHead(abs, 64)
	mime, ok := bytes.CutPrefix(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), []byte("### YamlMime:"))
	if !ok {
		return false
	}
	if i := bytes.IndexAny(mime, " \t\r\n"); i >= 0 {
		mime = mime[:i]
	}
	return !dataMimes[string(mime)]
}

// dataMimes are YamlMime types that configure the build rather than make
// a page: zone pivot definitions, context files for TOCs and breadcrumbs.
var dataMimes = map[string]bool{"ZonePivotGroups": true, "ContextObject": true}

// isPlatyPS reports whether a Markdown file is PlatyPS reference: front
// matter with "schema: 2.0.0" (PlatyPS 0.x), "document type: cmdlet" /
// "document type: module" (Microsoft.PowerShell.PlatyPS 1.x), or a module
// page's "Module Guid" with its "Module Name".
func isPlatyPS(abs string) bool {
	head := bytes.ToLower(readHead(abs, 2048))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(head, []byte("---")) {
		return false
	}
	if end := bytes.Index(head[3:], []byte("\n---")); end >= 0 {
		head = head[:end+3]
	}
	return bytes.Contains(head, []byte("\nschema: 2.0.0")) || bytes.Contains(head, []byte("\ndocument type: cmdlet")) ||
		bytes.Contains(head, []byte("\ndocument type: module")) ||
		bytes.Contains(head, []byte("\nmodule guid:")) && bytes.Contains(head, []byte("\nmodule name:"))
}

// relabel makes the docfx package's paths (relative to the locale folder)
// relative to the site root, which is where authors run docloom.
func relabel(ds []diag.Diagnostic, prefix string) []diag.Diagnostic {
	for i := range ds {
		if ds[i].Pos.File != "" {
			ds[i].Pos.File = path.Join(prefix, ds[i].Pos.File)
		}
	}
	return ds
}

// Display is the path of rel as diagnostics show it: relative to the site
// root, so that an editor opened there jumps to it.
func (d *Docset) Display(rel string) string {
	return path.Join(d.Prefix, rel)
}

// docfxFolders returns whether a folder is walked. When the locale folder
// has no docfx.json of its own but folders one down have (a Learn
// repository: microsoft-365/docfx.json), the docset is those folders, as
// in DocFX: a root holding one docset among other things (a home folder,
// /tmp) is never walked whole. Otherwise everything is.
func docfxFolders(configs []Docfx) func(root, dir string) bool {
	top := map[string]bool{}
	for _, x := range configs {
		if x.Dir == "" {
			return func(string, string) bool { return true }
		}
		top[x.Dir] = true
	}
	if len(top) == 0 {
		return func(string, string) bool { return true }
	}
	return func(root, dir string) bool {
		rel, err := filepath.Rel(root, dir)
		if err != nil || rel == "." {
			return false
		}
		first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		return top[first]
	}
}

// Unchanged reports whether the files rels (edited in place) are still what
// discovery found: each one existed, still exists as a regular file, and
// keeps its kind. Then a rebuild can keep the docset instead of walking the
// locale folder again (which on a large docset took most of a page edit's
// time); a file added, removed or changing kind needs Discover.
func (d *Docset) Unchanged(rels []string) bool {
	for _, rel := range rels {
		old, ok := d.Files[rel]
		if !ok {
			return false
		}
		if st, err := os.Lstat(old.Abs); err != nil || !st.Mode().IsRegular() {
			return false
		}
		f, ok := d.classify(rel, old.Abs)
		if !ok || f.Kind != old.Kind || f.PlatyPS != old.PlatyPS || f.Base != old.Base {
			return false
		}
	}
	return true
}
