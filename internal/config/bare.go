package config

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docfx"
	"github.com/docloom/docloom/internal/moniker"
)

// PublishConfigName is the OPS publish configuration at a Learn repository's root.
const PublishConfigName = ".openpublishing.publish.config.json"

// loadBare configures a site from a DocFX docset with no docloom.yaml: one
// locale (the publish config's, else the folder name when it looks like a
// locale, else en-us) whose docset is the folder itself, and the monikers
// its publish config or docfx.json groups declare, in order of appearance.
func loadBare(root string) (*Site, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	var ranges []string
	locale := ""
	if data, err := os.ReadFile(filepath.Join(root, PublishConfigName)); err == nil {
		pc, ds := docfx.LoadPublishConfig(PublishConfigName, data)
		diags = append(diags, ds...)
		if pc != nil {
			for _, d := range pc.Docsets {
				if locale == "" && d.Locale != "" {
					locale = strings.ToLower(d.Locale)
				}
				ranges = append(ranges, d.MonikerRanges...)
				for _, m := range d.Monikers {
					ranges = append(ranges, "="+m)
				}
			}
		}
	}
	docfxFiles := FindDocfx(root)
	if len(docfxFiles) == 0 && len(ranges) == 0 && locale == "" {
		return nil, append(diags, diag.Diagnostic{Pos: diag.Pos{File: root}, Severity: diag.Error, Code: "site-not-found",
			Message: "no " + FileName + ", docfx.json or " + PublishConfigName + " here; run docloom in a site folder or pass one"})
	}
	if len(ranges) == 0 {
		for _, rel := range docfxFiles {
			data, err := os.ReadFile(filepath.Join(root, rel))
			if err != nil {
				continue
			}
			cfg, _ := docfx.LoadDocfx(rel, data) // its diagnostics are reported by the docset stage
			if cfg == nil {
				continue
			}
			for _, g := range sortedGroups(cfg) {
				if g.MonikerRange != "" {
					ranges = append(ranges, g.MonikerRange)
				}
			}
		}
	}
	if locale == "" {
		locale = "en-us"
		if base := strings.ToLower(filepath.Base(root)); looksLikeLocale(base) {
			locale = base
		}
	}
	s := &Site{Root: root, Title: filepath.Base(root), BaseURL: "/", DefaultLocale: locale, Bare: true, RootLinks: DefaultRootLinks,
		Locales: []Locale{{Code: locale, Name: locale, Dir: dirOf(locale), Path: root}}}
	ms, err := moniker.FromRanges(ranges)
	if err != nil {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Error,
			Code: "moniker-range-invalid", Message: err.Error()})
		return nil, diags
	}
	if len(ms) == 0 {
		ms = []moniker.Moniker{{Name: "default", Display: "Default"}}
	} else {
		s.MonikerRange = strings.Join(ranges, " || ")
	}
	cat, err := moniker.NewCatalog(ms)
	if err != nil {
		return nil, append(diags, diag.Diagnostic{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Error,
			Code: "config-bad-moniker", Message: err.Error()})
	}
	s.Monikers = cat
	s.DefaultMoniker = ms[0].Name
	return s, diags
}

func sortedGroups(cfg *docfx.Config) []docfx.Group {
	var out []docfx.Group
	for _, c := range cfg.Content {
		if g, ok := cfg.Groups[c.Group]; ok {
			out = append(out, g)
		}
		if c.Version != "" {
			out = append(out, docfx.Group{MonikerRange: c.Version})
		}
	}
	return out
}

// FindDocfx lists docfx.json files at root and one folder below it (where
// Learn repositories keep them, e.g. microsoft-365/docfx.json), relative to
// root with forward slashes.
func FindDocfx(root string) []string {
	var out []string
	if _, err := os.Stat(filepath.Join(root, "docfx.json")); err == nil {
		out = append(out, "docfx.json")
	}
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		if _, err := os.Stat(filepath.Join(root, e.Name(), "docfx.json")); err == nil {
			out = append(out, e.Name()+"/docfx.json")
		}
	}
	return out
}

func looksLikeLocale(s string) bool {
	return len(s) == 5 && s[2] == '-' && isLetters(s[:2]) && isLetters(s[3:])
}

func isLetters(s string) bool {
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// dirOf knows the right-to-left scripts Learn publishes in.
func dirOf(locale string) string {
	switch locale[:2] {
	case "ar", "he", "fa", "ur":
		return "rtl"
	}
	return "ltr"
}
