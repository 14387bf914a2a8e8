// Package assets bundles the site's own TypeScript and CSS in-process with
// esbuild's Go API (no npm at build time): static/ts/main.ts and
// static/css/main.css, minified, with content-hashed names so a CDN can
// cache them for a year. A site's static/ folder overrides the theme's file
// by file; other files in static/ (images, fonts) are copied as they are.
package assets

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	docloom "github.com/docloom/docloom"
	"github.com/docloom/docloom/internal/diag"
	"github.com/evanw/esbuild/pkg/api"
)

// Prefix is the URL folder of bundled assets.
const Prefix = "_docloom"

// File is one output file.
type File struct {
	Rel  string // path in the output, forward slashes
	Data []byte
}

// Bundle is what the pages link to and what is written.
type Bundle struct {
	CSS []string // URLs (root-relative, without the base path)
	JS  []string
	// HeadJS is the small script run before the page is painted
	// (static/ts/main-head.ts: applies the remembered theme).
	HeadJS []string
	// Icon is the site icon (static/favicon.svg), "" when there is none.
	Icon  string
	Files []File
}

// Build bundles the assets. The theme's static/ is laid out in a temporary
// folder with the site's static/ over it, because esbuild resolves imports
// on a real file system.
func Build(siteRoot string) (*Bundle, []diag.Diagnostic) {
	work, err := os.MkdirTemp("", "docloom-assets-")
	if err != nil {
		return nil, []diag.Diagnostic{{Severity: diag.Error, Code: "assets-failed", Message: err.Error()}}
	}
	defer os.RemoveAll(work)
	if err := layOut(work, siteRoot); err != nil {
		return nil, []diag.Diagnostic{{Severity: diag.Error, Code: "assets-failed", Message: err.Error()}}
	}
	var entries []string
	for _, e := range []string{"ts/main.ts", "ts/main-head.ts", "ts/search.ts", "css/main.css"} {
		if _, err := os.Stat(filepath.Join(work, e)); err == nil {
			entries = append(entries, e)
		}
	}
	b := &Bundle{}
	var diags []diag.Diagnostic
	if len(entries) > 0 {
		res := api.Build(api.BuildOptions{
			EntryPoints: entries,
			// Paths relative to the (random) work folder keep the hashed
			// names the same from build to build.
			AbsWorkingDir:     work,
			Bundle:            true,
			Write:             false,
			Outdir:            filepath.Join(work, "out"),
			EntryNames:        "[name]-[hash]",
			AssetNames:        "[name]-[hash]",
			MinifyWhitespace:  true,
			MinifyIdentifiers: true,
			MinifySyntax:      true,
			Format:            api.FormatIIFE,
			Target:            api.ES2020,
			LogLevel:          api.LogLevelSilent,
			Loader:            map[string]api.Loader{".svg": api.LoaderFile, ".woff2": api.LoaderFile, ".png": api.LoaderFile},
		})
		for _, m := range res.Errors {
			diags = append(diags, message(work, siteRoot, m, diag.Error))
		}
		for _, m := range res.Warnings {
			diags = append(diags, message(work, siteRoot, m, diag.Warning))
		}
		for _, f := range res.OutputFiles {
			rel, _ := filepath.Rel(filepath.Join(work, "out"), f.Path)
			rel = path.Join(Prefix, filepath.ToSlash(rel))
			b.Files = append(b.Files, File{Rel: rel, Data: f.Contents})
			switch path.Ext(rel) {
			case ".css":
				b.CSS = append(b.CSS, "/"+rel)
			case ".js":
				if strings.HasPrefix(path.Base(rel), "main-head-") {
					b.HeadJS = append(b.HeadJS, "/"+rel)
				} else {
					b.JS = append(b.JS, "/"+rel)
				}
			}
		}
	}
	// Plain files (images, fonts) outside ts/ and css/ are copied as-is.
	_ = filepath.WalkDir(work, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(work, p)
		rel = filepath.ToSlash(rel)
		if strings.HasPrefix(rel, "ts/") || strings.HasPrefix(rel, "css/") || strings.HasPrefix(rel, "out/") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err == nil {
			b.Files = append(b.Files, File{Rel: path.Join(Prefix, rel), Data: data})
			if rel == "favicon.svg" {
				b.Icon = "/" + path.Join(Prefix, rel)
			}
		}
		return nil
	})
	return b, diags
}

func message(work, siteRoot string, m api.Message, sev diag.Severity) diag.Diagnostic {
	d := diag.Diagnostic{Severity: sev, Code: "assets-" + map[bool]string{true: "error", false: "warning"}[sev == diag.Error], Message: m.Text}
	if m.Location != nil {
		file := m.Location.File
		if rel, err := filepath.Rel(work, file); err == nil {
			file = "static/" + filepath.ToSlash(rel)
		}
		d.Pos = diag.Pos{File: file, Line: m.Location.Line, Col: m.Location.Column + 1}
	}
	return d
}

// layOut copies the theme's static files, then the site's, into dir.
func layOut(dir, siteRoot string) error {
	err := fs.WalkDir(docloom.Theme, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(docloom.Theme, p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, strings.TrimPrefix(p, "static/")), data)
	})
	if err != nil {
		return fmt.Errorf("theme assets: %w", err)
	}
	site := filepath.Join(siteRoot, "static")
	return filepath.WalkDir(site, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == site {
				return filepath.SkipDir // a site without static/ uses the theme's
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(site, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, rel), data)
	})
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
