package build

import (
	"path"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/meta"
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
