// Package config is the first stage of the pipeline: it reads the site
// configuration (docloom.yaml at the site root) into a Site. A folder with no
// docloom.yaml that holds a DocFX docset (docfx.json and/or
// .openpublishing.publish.config.json) is configured from those files
// instead, so a checked-out Learn repository builds as it is (see bare.go).
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/docfx"
	"github.com/docloom/docloom/internal/moniker"
	yaml "go.yaml.in/yaml/v3"
)

// FileName is the site configuration file at the site root.
const FileName = "docloom.yaml"

// Locale is one language version of the site.
type Locale struct {
	Code string // lower-case BCP 47 tag as used in URLs: "nl-nl"
	Name string // display name in its own language: "Nederlands (Nederland)"
	Dir  string // "ltr" or "rtl"
	Path string // absolute folder that holds this locale's docset
}

// Site is the configuration every later stage reads.
type Site struct {
	Root           string // absolute site folder
	Title          string
	BaseURL        string // with a trailing slash
	DefaultLocale  string
	Locales        []Locale
	Monikers       *moniker.Catalog
	DefaultMoniker string
	// Bare is true when the site was configured from a DocFX docset rather
	// than from docloom.yaml.
	Bare bool
	// MonikerRange limits every page of the site (a bare docset's declared
	// range); "" means all monikers of the catalog.
	MonikerRange string
	// RootLinks is where a root-relative link that names no page of the
	// docset goes (Learn docsets link to other Learn docsets as /azure/...):
	// a URL prefix with {locale} for the page's locale. "" keeps such links
	// root-relative on the site's own host.
	RootLinks string
	// Repo is what a bare Learn repository's publish config says about it
	// (nil for docloom.yaml sites): redirection files, moniker files,
	// dependent repositories, the public repository.
	Repo *Repo
	// EditRepo and EditBranch are the public repository readers may edit
	// pages in (docloom.yaml repo: and branch:); a bare repository's come
	// from Repo.
	EditRepo, EditBranch string
}

// Repo is a Learn repository's publishing setup, from
// .openpublishing.publish.config.json and the files it names. Paths are
// relative to the site root, with forward slashes.
type Repo struct {
	// Docsets are the docsets_to_publish entries' source folders ("" for
	// the root).
	Docsets []string
	// RedirectionFiles are the redirection files to read; each entry's
	// source_path is relative to its file's folder.
	RedirectionFiles []string
	// Monikers are the entries of the moniker files; MonikerDir is the
	// folder their packageRoot and conceptualToc paths are relative to.
	Monikers   []docfx.MonikerEntry
	MonikerDir string
	// URL and Branch name the public repository (for edit links).
	URL, Branch string
	// XrefTags are the docsets' xref_query_tags: API reference sets on
	// Learn whose uids are not in this repository but resolve there.
	XrefTags []string
	// Dependent lists repositories Learn checks out beside this one.
	Dependent []docfx.DependentRepo
}

// DefaultRootLinks sends links into other Learn docsets to Learn.
const DefaultRootLinks = "https://learn.microsoft.com/{locale}/"

// Locale returns the locale with the given code.
func (s *Site) Locale(code string) (Locale, bool) {
	for _, l := range s.Locales {
		if l.Code == code {
			return l, true
		}
	}
	return Locale{}, false
}

type fileLocale struct {
	Code string `yaml:"code"`
	Name string `yaml:"name"`
	Dir  string `yaml:"dir"`
	Path string `yaml:"path"`
}

type fileMoniker struct {
	Name    string `yaml:"name"`
	Display string `yaml:"display"`
	Product string `yaml:"product"`
}

type file struct {
	Title          string        `yaml:"title"`
	BaseURL        string        `yaml:"baseURL"`
	DefaultLocale  string        `yaml:"defaultLocale"`
	DefaultMoniker string        `yaml:"defaultMoniker"`
	Locales        []fileLocale  `yaml:"locales"`
	Monikers       []fileMoniker `yaml:"monikers"`
	RootLinks      *string       `yaml:"rootLinks"`
	Repo           string        `yaml:"repo"`
	Branch         string        `yaml:"branch"`
}

// Load reads the configuration of the site at root. Errors are diagnostics
// at docloom.yaml:line; a nil Site means the build cannot go on.
func Load(root string) (*Site, []diag.Diagnostic) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, []diag.Diagnostic{{Severity: diag.Error, Code: "config-unreadable", Message: err.Error()}}
	}
	st, err := os.Stat(abs)
	if err != nil || !st.IsDir() {
		return nil, []diag.Diagnostic{{Pos: diag.Pos{File: root}, Severity: diag.Error, Code: "site-not-found",
			Message: "the site folder does not exist or is not a folder; pass the folder that holds docloom.yaml or a DocFX docset"}}
	}
	data, err := os.ReadFile(filepath.Join(abs, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return loadBare(abs)
	}
	if err != nil {
		return nil, []diag.Diagnostic{{Pos: diag.Pos{File: FileName}, Severity: diag.Error, Code: "config-unreadable", Message: err.Error()}}
	}
	return parse(abs, data)
}

func parse(root string, data []byte) (*Site, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	bad := func(line int, code, format string, args ...any) {
		diags = append(diags, diag.Diagnostic{Pos: diag.Pos{File: FileName, Line: line}, Severity: diag.Error,
			Code: code, Message: fmt.Sprintf(format, args...)})
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		line, msg := yamlLine(err)
		bad(line, "config-syntax", "%s", msg)
		return nil, diags
	}
	var f file
	if len(node.Content) > 0 {
		dec := node.Content[0]
		if err := dec.Decode(&f); err != nil {
			line, msg := yamlLine(err)
			bad(line, "config-syntax", "%s", msg)
			return nil, diags
		}
		checkKeys(dec, &diags)
	}
	line := func(key string) int { return keyLine(&node, key) }
	s := &Site{Root: root, Title: f.Title, BaseURL: f.BaseURL, DefaultLocale: strings.ToLower(f.DefaultLocale),
		DefaultMoniker: strings.ToLower(f.DefaultMoniker), RootLinks: DefaultRootLinks,
		EditRepo: strings.TrimSuffix(f.Repo, "/"), EditBranch: f.Branch}
	if f.RootLinks != nil {
		s.RootLinks = strings.TrimSpace(*f.RootLinks)
		if s.RootLinks != "" && !strings.HasPrefix(s.RootLinks, "https://") && !strings.HasPrefix(s.RootLinks, "http://") && !strings.HasPrefix(s.RootLinks, "/") {
			bad(line("rootLinks"), "config-root-links", "rootLinks %q must be an http(s) URL or a /path (with {locale} where the locale goes), or empty", s.RootLinks)
		}
	}
	if s.Title == "" {
		s.Title = filepath.Base(root)
	}
	if s.BaseURL == "" {
		s.BaseURL = "/"
	} else if msg := checkBaseURL(s.BaseURL); msg != "" {
		bad(line("baseURL"), "config-base-url", "baseURL %q %s", s.BaseURL, msg)
	}
	if !strings.HasSuffix(s.BaseURL, "/") {
		s.BaseURL += "/"
	}
	if len(f.Locales) == 0 {
		bad(line("locales"), "config-no-locales", "list at least one locale under locales: (code, name, dir, path)")
	}
	seen := map[string]bool{}
	for i, fl := range f.Locales {
		entry := entryLines(&node, "locales", i, knownLocaleKeys, &diags)
		l := Locale{Code: strings.ToLower(fl.Code), Name: fl.Name, Dir: strings.ToLower(fl.Dir), Path: fl.Path}
		switch {
		case l.Code == "" || strings.ContainsAny(l.Code, "/\\ ."):
			bad(entry("code"), "config-bad-locale", "locale code %q must be a language tag such as en-us", fl.Code)
			continue
		case seen[l.Code]:
			bad(entry("code"), "config-bad-locale", "locale %s is listed twice", l.Code)
			continue
		}
		seen[l.Code] = true
		if l.Name == "" {
			l.Name = LocaleName(l.Code)
		}
		if l.Dir == "" {
			l.Dir = "ltr"
		}
		if l.Dir != "ltr" && l.Dir != "rtl" {
			bad(entry("dir"), "config-bad-locale", "locale %s: dir must be ltr or rtl, not %q", l.Code, fl.Dir)
		}
		if l.Path == "" {
			l.Path = filepath.Join("content", l.Code)
		}
		if !filepath.IsAbs(l.Path) {
			l.Path = filepath.Join(root, l.Path)
		}
		if st, err := os.Stat(l.Path); err != nil || !st.IsDir() {
			bad(entry("path"), "config-locale-folder", "locale %s: folder %s does not exist", l.Code, l.Path)
		}
		s.Locales = append(s.Locales, l)
	}
	if s.DefaultLocale == "" && len(s.Locales) > 0 {
		s.DefaultLocale = s.Locales[0].Code
	}
	if _, ok := s.Locale(s.DefaultLocale); !ok && len(s.Locales) > 0 {
		bad(line("defaultLocale"), "config-bad-locale", "defaultLocale %s is not one of the locales", s.DefaultLocale)
	}
	var ms []moniker.Moniker
	at := -1 // the line of the first moniker entry the catalog rejects
	for i, fm := range f.Monikers {
		entry := entryLines(&node, "monikers", i, knownMonikerKeys, &diags)
		ms = append(ms, moniker.Moniker{Name: strings.ToLower(fm.Name), Display: fm.Display, Product: fm.Product})
		if _, err := moniker.NewCatalog(ms); err != nil && at < 0 {
			at = entry("name")
		}
	}
	if len(ms) == 0 {
		// A site without clouds still has one variant of every page.
		ms = []moniker.Moniker{{Name: "default", Display: "Default"}}
	}
	cat, err := moniker.NewCatalog(ms)
	if err != nil {
		if at < 0 {
			at = line("monikers")
		}
		bad(at, "config-bad-moniker", "%v", err)
		return nil, diags
	}
	s.Monikers = cat
	if s.DefaultMoniker == "" {
		s.DefaultMoniker = cat.Monikers()[0].Name
	}
	if _, ok := cat.Index(s.DefaultMoniker); !ok {
		bad(line("defaultMoniker"), "config-bad-moniker", "defaultMoniker %s is not one of the monikers", s.DefaultMoniker)
	}
	for _, d := range diags {
		if d.Severity == diag.Error {
			return nil, diags
		}
	}
	return s, diags
}

var knownKeys = map[string]bool{"title": true, "baseURL": true, "defaultLocale": true, "defaultMoniker": true, "locales": true, "monikers": true, "rootLinks": true, "repo": true, "branch": true}

// checkKeys warns about top-level keys docloom does not know: a typo such as
// "locale:" would otherwise be ignored silently.
func checkKeys(m *yaml.Node, diags *[]diag.Diagnostic) {
	if m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !knownKeys[k.Value] {
			*diags = append(*diags, diag.Diagnostic{Pos: diag.Pos{File: FileName, Line: k.Line, Col: k.Column}, Severity: diag.Warning,
				Code: "config-unknown-key", Message: fmt.Sprintf("unknown key %q is ignored", k.Value)})
		}
	}
}

func keyLine(doc *yaml.Node, key string) int {
	if len(doc.Content) == 0 {
		return 0
	}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i].Line
		}
	}
	return 0
}

func yamlLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var n int
	if _, e := fmt.Sscanf(msg, "line %d:", &n); e == nil {
		if i := strings.Index(msg, ":"); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
	}
	return n, msg
}

// checkBaseURL says what is wrong with a baseURL ("" when nothing): it must
// be an absolute http(s) URL, since every canonical link, sitemap entry and
// the stylesheet's path derive from it (`example.netlify.app` without a
// scheme used to break the stylesheet link of every page).
func checkBaseURL(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "is not a URL: " + strings.TrimPrefix(err.Error(), "parse "+fmt.Sprintf("%q", raw)+": ")
	case u.Scheme != "http" && u.Scheme != "https":
		return "must be an absolute http(s) URL such as https://docs.example.com/"
	case u.Host == "" || u.Opaque != "":
		return "has no host; write it as https://host/path/"
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return "must not have a query, a fragment or a user name"
	}
	return ""
}

var (
	knownLocaleKeys  = map[string]bool{"code": true, "name": true, "dir": true, "path": true}
	knownMonikerKeys = map[string]bool{"name": true, "display": true, "product": true}
)

// entryLines finds entry i of the list under key, warns about its unknown
// keys (a typo such as "dirr:" would be ignored silently) and returns the
// line of one of its fields (the entry's own line when the field is
// missing), so that a problem is reported at the entry that has it.
func entryLines(doc *yaml.Node, key string, i int, known map[string]bool, diags *[]diag.Diagnostic) func(field string) int {
	var entry *yaml.Node
	if len(doc.Content) > 0 {
		m := doc.Content[0]
		for j := 0; j+1 < len(m.Content); j += 2 {
			if m.Content[j].Value == key && m.Content[j+1].Kind == yaml.SequenceNode && i < len(m.Content[j+1].Content) {
				entry = m.Content[j+1].Content[i]
			}
		}
	}
	if entry == nil {
		return func(string) int { return keyLine(doc, key) }
	}
	if entry.Kind == yaml.MappingNode {
		for j := 0; j+1 < len(entry.Content); j += 2 {
			if k := entry.Content[j]; !known[k.Value] {
				*diags = append(*diags, diag.Diagnostic{Pos: diag.Pos{File: FileName, Line: k.Line, Col: k.Column}, Severity: diag.Warning,
					Code: "config-unknown-key", Message: fmt.Sprintf("unknown key %q in a %s entry is ignored", k.Value, key)})
			}
		}
	}
	return func(field string) int {
		for j := 0; j+1 < len(entry.Content); j += 2 {
			if entry.Content[j].Value == field {
				return entry.Content[j].Line
			}
		}
		return entry.Line
	}
}
