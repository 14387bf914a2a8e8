package config

import (
	"fmt"
	"os"
	"path"
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
	var ranges []string // the docsets' declared ranges: the site's scope
	locale := ""
	repo := &Repo{}
	var entries []docfx.MonikerEntry
	var pc *docfx.PublishConfig
	if data, err := os.ReadFile(filepath.Join(root, PublishConfigName)); err == nil {
		var ds []diag.Diagnostic
		pc, ds = docfx.LoadPublishConfig(PublishConfigName, data)
		diags = append(diags, ds...)
		if pc != nil {
			repo.URL, repo.Branch, repo.Dependent = pc.RepoURL, pc.RepoBranch, pc.DependentRepos
			for _, f := range pc.RedirectionFiles {
				if rel, ok := repoPath(f); ok {
					repo.RedirectionFiles = append(repo.RedirectionFiles, rel)
				}
			}
			for _, d := range pc.Docsets {
				if locale == "" && d.Locale != "" {
					locale = strings.ToLower(d.Locale)
				}
				src, _ := repoPath(d.BuildSourceFolder)
				repo.Docsets = append(repo.Docsets, src)
				ranges = append(ranges, d.MonikerRanges...)
				repo.XrefTags = append(repo.XrefTags, d.XrefQueryTags...)
				for _, m := range d.Monikers {
					ranges = append(ranges, "="+m)
				}
				for _, mp := range d.MonikerPath {
					es, ds := readMonikerFile(root, src, mp)
					diags = append(diags, ds...)
					for _, e := range es {
						if !hasEntry(entries, e.Name) {
							entries = append(entries, e)
						}
					}
					if len(es) > 0 && repo.MonikerDir == "" {
						repo.MonikerDir = src
					}
				}
			}
		}
	}
	if len(repo.RedirectionFiles) == 0 {
		repo.RedirectionFiles = []string{".openpublishing.redirection.json"}
	}
	repo.Monikers = entries
	docfxFiles := FindDocfx(root)
	if len(docfxFiles) == 0 && len(ranges) == 0 && locale == "" {
		return nil, append(diags, diag.Diagnostic{Pos: diag.Pos{File: root}, Severity: diag.Error, Code: "site-not-found",
			Message: "no " + FileName + ", docfx.json or " + PublishConfigName + " here; run docloom in a site folder or pass one"})
	}
	// Every moniker a range names is a moniker of the site: the docsets'
	// ranges, then each docfx.json group's (versions are groups).
	all := append([]string(nil), ranges...)
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
				all = append(all, g.MonikerRange)
			}
		}
	}
	if locale == "" {
		locale = "en-us"
		if base := strings.ToLower(filepath.Base(root)); looksLikeLocale(base) {
			locale = base
		}
	}
	s := &Site{Root: root, Title: bareTitle(root, docfxFiles, pc), BaseURL: "/", DefaultLocale: locale, Bare: true, RootLinks: DefaultRootLinks, Repo: repo,
		Locales: []Locale{{Code: locale, Name: LocaleName(locale), Dir: dirOf(locale), Path: root}}}
	var ms []moniker.Moniker
	for _, e := range entries {
		ms = append(ms, moniker.Moniker{Name: strings.ToLower(e.Name), Display: e.Display, Product: e.Product})
	}
	named, err := moniker.FromRanges(all)
	if err != nil {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Error,
			Code: "moniker-range-invalid", Message: err.Error()})
		return nil, diags
	}
	if len(entries) == 0 {
		ms = named
	} else {
		for _, m := range named {
			if !hasMoniker(ms, m.Name) {
				diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Warning, Code: "moniker-not-defined",
					Message: fmt.Sprintf("moniker %s is used in a range but not defined in the moniker files; added after them", m.Name)})
				ms = append(ms, m)
			}
		}
	}
	for i := range ms {
		if ms[i].Display == "" {
			ms[i].Display = moniker.DisplayName(ms[i].Name)
		}
	}
	if len(ms) == 0 {
		ms = []moniker.Moniker{{Name: "default", Display: "Default"}}
	} else if len(ranges) > 0 {
		s.MonikerRange = strings.Join(ranges, " || ")
	}
	cat, err := moniker.NewCatalog(ms)
	if err != nil {
		return nil, append(diags, diag.Diagnostic{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Error,
			Code: "config-bad-moniker", Message: err.Error()})
	}
	if len(entries) == 0 {
		cat.MarkDerived()
	}
	s.Monikers = cat
	s.DefaultMoniker = ms[0].Name
	return s, diags
}

// readMonikerFile reads one monikerPath file (relative to the docset's
// source folder src).
func readMonikerFile(root, src, mp string) ([]docfx.MonikerEntry, []diag.Diagnostic) {
	rel, ok := repoPath(path.Join(src, mp))
	if !ok {
		return nil, []diag.Diagnostic{{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Error, Code: "moniker-file-not-found",
			Message: "monikerPath " + mp + " points outside the repository"}}
	}
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		return nil, []diag.Diagnostic{{Pos: diag.Pos{File: PublishConfigName}, Severity: diag.Error, Code: "moniker-file-not-found",
			Message: "monikerPath " + mp + " (" + rel + ") cannot be read; its monikers are unknown"}}
	}
	return docfx.LoadMonikers(rel, data)
}

// repoPath cleans a path the publish config gives relative to the
// repository root; ok is false when it leaves the repository.
func repoPath(p string) (string, bool) {
	p = path.Clean("/" + strings.ReplaceAll(strings.TrimSpace(p), `\`, "/"))
	if strings.Contains(p, "/../") {
		return "", false
	}
	p = strings.TrimPrefix(p, "/")
	if p == "." {
		p = ""
	}
	return p, true
}

func hasEntry(es []docfx.MonikerEntry, name string) bool {
	for _, e := range es {
		if strings.EqualFold(e.Name, name) {
			return true
		}
	}
	return false
}

func hasMoniker(ms []moniker.Moniker, name string) bool {
	for _, m := range ms {
		if strings.EqualFold(m.Name, name) {
			return true
		}
	}
	return false
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
