package docset

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docfx"
)

// loadRedirections reads the redirection files: those the publish config
// lists (relative to the repository root, each source_path relative to its
// file's folder), else the locale folder's .openpublishing.redirection.json.
// Source paths come back relative to the locale folder.
func (d *Docset) loadRedirections(site *config.Site, diags []diag.Diagnostic) ([]docfx.Redirection, []diag.Diagnostic) {
	files := []string{".openpublishing.redirection.json"}
	root := d.Locale.Path
	listed := false
	if site.Repo != nil && len(site.Repo.RedirectionFiles) > 0 && site.Root == d.Locale.Path {
		files, listed = site.Repo.RedirectionFiles, len(site.Repo.RedirectionFiles) > 1 || site.Repo.RedirectionFiles[0] != files[0]
	}
	var out []docfx.Redirection
	seen := map[string]bool{}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			if listed {
				diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: config.PublishConfigName}, Severity: diag.Warning, Code: "redirection-file-not-found",
					Message: "redirection file " + f + " listed in redirection_files cannot be read"})
			}
			continue
		}
		rs, ds := docfx.LoadRedirections(f, data)
		diags = append(diags, relabel(ds, d.Prefix)...)
		dir := path.Dir(f)
		for _, r := range rs {
			src := r.SourcePath
			if !r.FromRoot {
				src = path.Join(dir, src)
			}
			src = path.Clean(src)
			if src == ".." || strings.HasPrefix(src, "../") {
				diags = append(diags, diag.Diagnostic{Pos: r.Pos, Severity: diag.Warning, Code: "redirection-outside-docset",
					Message: "source_path " + r.SourcePath + " leaves the repository; ignored"})
				continue
			}
			key := strings.ToLower(src)
			if seen[key] {
				diags = append(diags, diag.Diagnostic{Pos: r.Pos, Severity: diag.Error, Code: "redirection-conflict",
					Message: src + " is redirected in more than one redirection file"})
				continue
			}
			seen[key] = true
			r.SourcePath = src
			out = append(out, r)
		}
	}
	return out, diags
}

// setURLBases works out each docfx.json's URL base and then every file's
// published path (Pub).
func (d *Docset) setURLBases(site *config.Site) {
	for i := range d.Docfx {
		d.Docfx[i].URLBase = d.urlBase(site, &d.Docfx[i])
	}
	for _, f := range d.Files {
		f.Pub = d.pubPath(f)
	}
}

// DocfxMatch is DocfxFor for an existing file, with the path DocFX
// matches globs against: a PlatyPS page is matched as the .yml it is
// converted to, so its group (moniker range) and file metadata are those
// of the .yml.
func (d *Docset) DocfxMatch(f *File) (*docfx.Config, string) {
	cfg, inner := d.DocfxFor(f.Rel)
	if f.PlatyPS {
		inner = strings.TrimSuffix(inner, path.Ext(inner)) + ".yml"
	}
	return cfg, inner
}

// PubPath is where a file at rel would be published; rel need not exist
// (a redirected page's old path).
func (d *Docset) PubPath(rel string) string {
	if f, ok := d.Files[rel]; ok && f.Pub != "" {
		return f.Pub
	}
	return d.pubPath(&File{Rel: rel})
}

func (d *Docset) pubPath(f *File) string {
	x, inner := d.docfxOf(f.Rel)
	if x == nil {
		return f.Rel
	}
	match := inner
	if f.PlatyPS {
		match = strings.TrimSuffix(inner, path.Ext(inner)) + ".yml"
	}
	out := x.Config.OutputPath(inner, match)
	if f.PlatyPS && isModulePage(out) {
		// A module page (Microsoft.PowerShell.Core/Microsoft.PowerShell.Core.md)
		// is the module folder's page on Learn.
		out = path.Dir(out) + "/index.md"
	}
	if x.URLBase != "" {
		out = x.URLBase + "/" + out
	}
	return out
}

// isModulePage reports whether a PlatyPS page is named after its folder.
func isModulePage(p string) bool {
	dir := path.Base(path.Dir(p))
	return dir != "." && strings.EqualFold(strings.TrimSuffix(path.Base(p), path.Ext(p)), dir)
}

func (d *Docset) docfxOf(rel string) (*Docfx, string) {
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
	x := &d.Docfx[best]
	if x.Dir == "" {
		return x, rel
	}
	return x, strings.TrimPrefix(rel, x.Dir+"/")
}

// urlBase finds where Learn publishes a docset, from a file of the docset
// whose Learn URL the repository states: the breadcrumb file named by
// globalMetadata breadcrumb_path (/powershell/scripting/bread/toc.json is
// bread/toc.yml published under dest scripting, so the docset lives at
// /powershell/), or a TOC URL of the moniker files. Without such a hint it
// is the docfx.json folder, which is how Learn repositories that hold
// several docsets name them (microsoft-365/docfx.json publishes at
// /microsoft-365/).
func (d *Docset) urlBase(site *config.Site, x *Docfx) string {
	type hint struct{ file, url string } // file relative to the docfx folder
	var hints []hint
	if bp, ok := x.Config.GlobalMetadata["breadcrumb_path"].(string); ok {
		for _, f := range d.TOCs {
			if inner, ok := strings.CutPrefix(f.Rel, x.Dir+"/"); ok || x.Dir == "" {
				if x.Dir == "" {
					inner = f.Rel
				}
				hints = append(hints, hint{inner, bp})
			}
		}
	}
	if site.Repo != nil {
		for _, m := range site.Repo.Monikers {
			if m.ConceptualToc != "" && m.ConceptualTocURL != "" {
				rel := path.Join(site.Repo.MonikerDir, m.ConceptualToc)
				if inner, ok := strings.CutPrefix(rel, x.Dir+"/"); ok || x.Dir == "" {
					if x.Dir == "" {
						inner = rel
					}
					hints = append(hints, hint{inner, m.ConceptualTocURL})
				}
			}
		}
	}
	for _, h := range hints {
		out := strings.ToLower(x.Config.OutputPath(h.file, h.file))
		out = strings.TrimSuffix(out, path.Ext(out)) // toc.yml is published as toc.json
		u := strings.ToLower(strings.Trim(h.url, "/"))
		u = strings.TrimSuffix(u, path.Ext(u))
		if base, ok := strings.CutSuffix(u, out); ok && (base == "" || strings.HasSuffix(base, "/")) {
			return strings.TrimSuffix(base, "/")
		}
	}
	return strings.ToLower(x.Dir)
}
