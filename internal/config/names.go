package config

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/docloom/docloom/internal/docfx"
	"github.com/docloom/docloom/internal/moniker"
	yaml "go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// LocaleName is a locale's name in its own language from CLDR ("nl-nl" ->
// "Nederlands (Nederland)"), for the language picker of a site that names
// no locale; an unknown tag is shown as it is written.
func LocaleName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	base, _ := tag.Base()
	name := display.Self.Name(language.Make(base.String()))
	if name == "" {
		return code
	}
	// The region is named as Learn's picker names it, in the language
	// itself: "English (United States)", not CLDR's "American English".
	if region, conf := tag.Region(); conf == language.Exact {
		if namer := display.Regions(tag); namer == nil {
			// no CLDR data for the language: the language name alone
		} else if rn := namer.Name(region); rn != "" {
			name += " (" + rn + ")"
		}
	}
	// CLDR writes some languages' names in lower case ("nederlands" is
	// capitalised, "français" is not); a picker entry starts a line.
	r := []rune(name)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// bareTitle names a bare docset's site the way Learn names it: the
// docset's global titleSuffix, else the root entry of its breadcrumb, else
// its publish config's docset name, else its docfx.json folder, made
// readable ("microsoft-365" -> "Microsoft 365").
func bareTitle(root string, docfxFiles []string, pc *docfx.PublishConfig) string {
	for _, rel := range docfxFiles {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			continue
		}
		cfg, _ := docfx.LoadDocfx(rel, data)
		if cfg == nil {
			continue
		}
		if s, ok := cfg.GlobalMetadata["titleSuffix"].(string); ok && strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
		if bp, ok := cfg.GlobalMetadata["breadcrumb_path"].(string); ok {
			if name := breadcrumbRoot(filepath.Join(root, path.Dir(rel)), bp); name != "" {
				return name
			}
		}
	}
	if pc != nil {
		for _, d := range pc.Docsets {
			if d.Name != "" {
				n := strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(d.Name), "-docs"), "_docs")
				return moniker.DisplayName(n)
			}
		}
	}
	for _, rel := range docfxFiles {
		if dir := path.Dir(rel); dir != "." {
			return moniker.DisplayName(dir)
		}
	}
	return filepath.Base(root)
}

// breadcrumbRoot reads the first entry's name of the breadcrumb TOC that a
// breadcrumb_path URL ("/powershell/scripting/bread/toc.json") names: the
// URL is the published one, so its trailing folders are looked for in the
// docset (bread/toc.yml), TOC.json published from TOC.yml.
func breadcrumbRoot(docsetDir, urlPath string) string {
	segs := strings.Split(strings.Trim(urlPath, "/"), "/")
	if len(segs) == 0 {
		return ""
	}
	last := segs[len(segs)-1]
	base := strings.TrimSuffix(strings.TrimSuffix(last, ".json"), ".yml")
	for i := 0; i < len(segs)-1 && i < 8; i++ {
		dir := filepath.Join(append([]string{docsetDir}, segs[i:len(segs)-1]...)...)
		for _, name := range []string{base + ".yml", strings.ToUpper(base) + ".yml", last} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				continue
			}
			var toc struct {
				Items []struct {
					Name string `yaml:"name"`
				} `yaml:"items"`
			}
			if yaml.Unmarshal(data, &toc) == nil && len(toc.Items) > 0 {
				return strings.TrimSpace(toc.Items[0].Name)
			}
		}
	}
	return ""
}
