package docfx

import (
	"fmt"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// PublishConfig is what docloom needs from .openpublishing.publish.config.json,
// the OPS file at a Learn repository's root that lists its docsets.
type PublishConfig struct {
	Docsets []PublishDocset
	// RedirectionFiles are the redirection files the docsets use, relative
	// to the repository root; each entry's source_path is relative to its
	// own file's folder. Empty means .openpublishing.redirection.json.
	RedirectionFiles []string
	// RepoURL and RepoBranch name the public repository readers may edit
	// (git_repository_url_open_to_public_contributors and its branch).
	RepoURL, RepoBranch string
	// DependentRepos are repositories Learn checks out beside the docset
	// (dependent_repositories): their path_to_root folders hold snippets
	// and themes that are not in this repository.
	DependentRepos []DependentRepo
}

// DependentRepo is one dependent_repositories entry.
type DependentRepo struct {
	PathToRoot, URL, Branch string
}

// PublishDocset is one entry of docsets_to_publish. Monikers and
// MonikerRanges are the legacy OPS moniker declaration, which docloom falls
// back to when docfx.json declares none (the nl-NL repository does this).
type PublishDocset struct {
	Name, BuildSourceFolder, Locale string
	// BuildOutputSubfolder is the docset's folder in the publishing
	// output, which keeps several docsets of one repository apart.
	BuildOutputSubfolder    string
	Monikers, MonikerRanges []string
	// MonikerPath lists moniker definition files (monikerMapping.json),
	// relative to BuildSourceFolder.
	MonikerPath []string
	// XrefQueryTags name the Learn API reference sets (/dotnet, /uwp/api)
	// whose uids Learn's xref service resolves for this docset.
	XrefQueryTags []string
}

// LoadPublishConfig reads .openpublishing.publish.config.json. Unknown
// fields are ignored; fields of the wrong type are warned about and skipped.
func LoadPublishConfig(file string, data []byte) (*PublishConfig, []diag.Diagnostic) {
	root, ds := parseLenient(file, data)
	if root == nil {
		return nil, ds
	}
	r := &reader{ds: ds}
	if r.object(root, "the publish configuration") == nil {
		return nil, r.ds
	}
	pc := &PublishConfig{
		RedirectionFiles: r.strs(root.get("redirection_files"), "redirection_files"),
		RepoURL:          r.str(root.get("git_repository_url_open_to_public_contributors"), "git_repository_url_open_to_public_contributors"),
		RepoBranch:       r.str(root.get("git_repository_branch_open_to_public_contributors"), "git_repository_branch_open_to_public_contributors"),
	}
	if deps := root.get("dependent_repositories"); deps != nil && deps.kind == kindArray {
		for i, it := range deps.items {
			w := fmt.Sprintf("dependent_repositories[%d]", i)
			if r.object(it, w) == nil {
				continue
			}
			pc.DependentRepos = append(pc.DependentRepos, DependentRepo{PathToRoot: r.str(it.get("path_to_root"), w+".path_to_root"),
				URL: r.str(it.get("url"), w+".url"), Branch: r.str(it.get("branch"), w+".branch")})
		}
	}
	list := root.get("docsets_to_publish")
	if list == nil || list.kind == kindNull {
		return pc, r.ds
	}
	if list.kind != kindArray {
		r.wrongType(list, "docsets_to_publish", "a list")
		return pc, r.ds
	}
	for i, it := range list.items {
		w := fmt.Sprintf("docsets_to_publish[%d]", i)
		if r.object(it, w) == nil {
			continue
		}
		pc.Docsets = append(pc.Docsets, PublishDocset{
			Name:              r.str(it.get("docset_name"), w+".docset_name"),
			BuildSourceFolder: r.str(it.get("build_source_folder"), w+".build_source_folder"),
			Locale:            r.str(it.get("locale"), w+".locale"),
			Monikers:          r.strs(it.get("monikers"), w+".monikers"),
			MonikerRanges:     r.strs(it.get("moniker_ranges"), w+".moniker_ranges"),
			MonikerPath:       r.strs(it.get("monikerPath"), w+".monikerPath"),
			XrefQueryTags:     r.strs(it.get("xref_query_tags"), w+".xref_query_tags"),

			BuildOutputSubfolder: r.str(it.get("build_output_subfolder"), w+".build_output_subfolder"),
		})
	}
	return pc, r.ds
}

// Redirection is one entry of .openpublishing.redirection.json: the old
// file SourcePath (relative to the repository root, so it starts with the
// docset folder, e.g. "microsoft-365/admin/old.md") now lives at RedirectURL.
type Redirection struct {
	SourcePath         string
	RedirectURL        string // trimmed; root-relative, absolute or relative
	RedirectDocumentID bool
	// FromRoot is set for source_path_from_root: SourcePath is relative to
	// the repository root, not to the redirection file's folder.
	FromRoot bool
	Monikers []string
	Pos      diag.Pos // the entry's opening brace
}

// LoadRedirections reads .openpublishing.redirection.json. An entry names
// its old file with source_path or source_path_from_root (the latter with a
// leading '/'; both are returned without it); naming both is the error
// source-path-conflict, naming neither or giving no redirect_url the
// warning missing-attribute, and a source listed twice (compared ignoring
// ASCII case, as on Windows) the error redirection-conflict. Such entries
// are left out of the result.
func LoadRedirections(file string, data []byte) ([]Redirection, []diag.Diagnostic) {
	root, ds := parseLenient(file, data)
	if root == nil {
		return nil, ds
	}
	r := &reader{ds: ds}
	if r.object(root, "the redirection file") == nil {
		return nil, r.ds
	}
	list := root.get("redirections")
	if list == nil || list.kind == kindNull {
		return nil, r.ds
	}
	if list.kind != kindArray {
		r.wrongType(list, "redirections", "a list")
		return nil, r.ds
	}
	var out []Redirection
	seen := map[string]diag.Pos{}
	for i, it := range list.items {
		rd, ok := r.redirection(it, fmt.Sprintf("redirections[%d]", i))
		if !ok {
			continue
		}
		key := lowerASCIIString(rd.SourcePath)
		if first, dup := seen[key]; dup {
			r.ds = append(r.ds, diag.Diagnostic{Pos: rd.Pos, Severity: diag.Error, Code: "redirection-conflict",
				Message: fmt.Sprintf("%s is redirected twice; the first redirection is at line %d", rd.SourcePath, first.Line)})
			continue
		}
		seen[key] = rd.Pos
		out = append(out, rd)
	}
	return out, r.ds
}

func (r *reader) redirection(n *node, what string) (Redirection, bool) {
	if r.object(n, what) == nil {
		return Redirection{}, false
	}
	rd := Redirection{Pos: n.pos}
	fail := func(sev diag.Severity, code, format string, args ...any) (Redirection, bool) {
		r.ds = append(r.ds, diag.Diagnostic{Pos: n.pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
		return Redirection{}, false
	}
	src := r.str(n.get("source_path"), what+".source_path")
	fromRoot := r.str(n.get("source_path_from_root"), what+".source_path_from_root")
	switch {
	case src != "" && fromRoot != "":
		return fail(diag.Error, "source-path-conflict", "both source_path and source_path_from_root are set; use one")
	case src == "" && fromRoot == "":
		return fail(diag.Warning, "missing-attribute", "redirection has no source_path; ignored")
	case fromRoot != "":
		src, rd.FromRoot = fromRoot, true
	case strings.HasPrefix(src, "/"):
		r.warn(n.get("source_path").pos, "redirection-path-syntax-error",
			"source_path %q starts with '/'; it is relative to the repository root (or use source_path_from_root)", src)
	}
	rd.SourcePath = strings.TrimLeft(strings.ReplaceAll(strings.TrimSpace(src), `\`, "/"), "/")
	rd.RedirectURL = strings.TrimSpace(r.str(n.get("redirect_url"), what+".redirect_url"))
	if rd.RedirectURL == "" {
		return fail(diag.Warning, "missing-attribute", "redirection of %s has no redirect_url; ignored", rd.SourcePath)
	}
	rd.RedirectDocumentID = r.boolean(n.get("redirect_document_id"), what+".redirect_document_id")
	rd.Monikers = r.strs(n.get("monikers"), what+".monikers")
	return rd, true
}
