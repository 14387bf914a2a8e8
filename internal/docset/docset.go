// Package docset is the discovery stage: it walks one locale's folder and
// sorts every file into pages, includes, navigation files and resources,
// using the docset's docfx.json content and resource globs when it has one.
// Later stages look files up here instead of touching the file system, and
// nothing outside the locale folder is ever listed.
package docset

import (
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
	Landing              // a YAML landing page (### YamlMime:Landing)
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
}

// Docfx is one docfx.json found in the locale folder.
type Docfx struct {
	Dir    string // relative folder, "" for the root
	Config *docfx.Config
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
	best := -1
	for i, x := range d.Docfx {
		if x.Dir == "" || strings.HasPrefix(rel, x.Dir+"/") {
			if best < 0 || len(x.Dir) > len(d.Docfx[best].Dir) {
				best = i
			}
		}
	}
	if best < 0 {
		return nil, rel
	}
	x := d.Docfx[best]
	if x.Dir == "" {
		return x.Config, rel
	}
	return x.Config, strings.TrimPrefix(rel, x.Dir+"/")
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
	if data, err := os.ReadFile(filepath.Join(loc.Path, ".openpublishing.redirection.json")); err == nil {
		rs, ds := docfx.LoadRedirections(".openpublishing.redirection.json", data)
		d.Redirections = rs
		diags = append(diags, relabel(ds, d.Prefix)...)
	}
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
		if k, ok := d.classify(rel, p); ok {
			f := &File{Rel: rel, Abs: p, Kind: k, Base: d.baseOf(rel)}
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

func (d *Docset) classify(rel, abs string) (Kind, bool) {
	name := path.Base(rel)
	lower := strings.ToLower(name)
	ext := strings.ToLower(path.Ext(name))
	inIncludes := strings.HasPrefix(rel, "includes/") || strings.Contains(rel, "/includes/")
	switch {
	case rel == config.FileName || strings.HasPrefix(name, "."):
		return 0, false
	case lower == "toc.yml" || lower == "toc.md" || lower == "toc.json":
		return TOC, true
	case ext == ".md" && inIncludes:
		return Include, true
	case inIncludes:
		return 0, false
	}
	cfg, inner := d.DocfxFor(rel)
	switch ext {
	case ".md":
		if cfg != nil && !cfg.IsContent(inner) {
			return 0, false
		}
		return Page, true
	case ".yml", ".yaml":
		if cfg != nil && !cfg.IsContent(inner) {
			return 0, false
		}
		if isLanding(abs) {
			return Landing, true
		}
		return Data, true
	case ".json":
		return 0, false
	}
	if cfg != nil && !cfg.IsResource(inner) {
		// A file outside the resource globs is still copied when a page
		// links to it (Learn does the same); the link stage handles that.
		return Resource, true
	}
	return Resource, true
}

func isLanding(abs string) bool {
	f, err := os.Open(abs)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 64)
	n, _ := f.Read(buf)
	return strings.HasPrefix(strings.TrimPrefix(string(buf[:n]), "\xef\xbb\xbf"), "### YamlMime:Landing")
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
