package docfx

import (
	"fmt"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// FileGroup is one entry of docfx.json's build.content or build.resource:
// the files under Src that match Files and none of Exclude.
type FileGroup struct {
	Files, Exclude []string
	Src, Dest      string
	Group          string // name of a build.groups entry
	Version        string // a moniker range for these files

	// Compiled Files and Exclude (invalid globs are left out). LoadDocfx
	// fills them; a hand-built FileGroup is compiled on each match.
	files, exclude []*Glob
}

// Group is an entry of build.groups: output folder and moniker range
// shared by the file groups that name it.
type Group struct {
	Dest, MonikerRange string
}

// GlobValue is one fileMetadata rule: files matching Glob get Value.
type GlobValue struct {
	Glob  string
	Value any

	glob *Glob
}

// Config is the "build" section of a docfx.json.
type Config struct {
	Content, Resource []FileGroup
	GlobalMetadata    map[string]any
	// FileMetadata maps a metadata key to its rules in file order, because
	// the last matching rule wins.
	FileMetadata map[string][]GlobValue
	Groups       map[string]Group
	Dest         string
}

// LoadDocfx reads a docfx.json. Fields of the wrong type and invalid globs
// are reported as warnings (docfx-invalid-field, docfx-invalid-glob) and
// skipped, as DocFX skips what it does not understand; a file that is not
// JSON even after repairs, or has no "build" object, gives a nil Config and
// an error.
func LoadDocfx(file string, data []byte) (*Config, []diag.Diagnostic) {
	root, ds := parseLenient(file, data)
	if root == nil {
		return nil, ds
	}
	r := &reader{ds: ds}
	build := root.get("build")
	if build == nil || build.kind != kindObject {
		pos := root.pos
		if build != nil {
			pos = build.pos
		}
		r.ds = append(r.ds, diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: "docfx-no-build",
			Message: `docfx.json has no "build" object; its files, metadata and groups are unknown`})
		return nil, r.ds
	}
	c := &Config{
		Content:        r.fileGroups(build.get("content"), "content"),
		Resource:       r.fileGroups(build.get("resource"), "resource"),
		GlobalMetadata: map[string]any{},
		FileMetadata:   map[string][]GlobValue{},
		Groups:         map[string]Group{},
		Dest:           r.str(build.get("dest"), "dest"),
	}
	if gm := r.object(build.get("globalMetadata"), "globalMetadata"); gm != nil {
		c.GlobalMetadata = toAny(gm).(map[string]any)
	}
	if fm := r.object(build.get("fileMetadata"), "fileMetadata"); fm != nil {
		for _, m := range fm.members {
			rules := r.object(m.val, "fileMetadata."+m.key)
			if rules == nil {
				continue
			}
			for _, rule := range rules.members {
				g, err := CompileGlob(rule.key)
				if err != nil {
					r.warn(rule.keyPos, "docfx-invalid-glob", "fileMetadata.%s: %q: %v", m.key, rule.key, err)
					continue
				}
				c.FileMetadata[m.key] = append(c.FileMetadata[m.key], GlobValue{Glob: rule.key, Value: toAny(rule.val), glob: g})
			}
		}
	}
	if gs := r.object(build.get("groups"), "groups"); gs != nil {
		for _, m := range gs.members {
			g := r.object(m.val, "groups."+m.key)
			if g == nil {
				continue
			}
			rng := g.get("moniker_range")
			if rng == nil {
				rng = g.get("monikerRange")
			}
			c.Groups[m.key] = Group{Dest: r.str(g.get("dest"), "groups."+m.key+".dest"),
				MonikerRange: r.str(rng, "groups."+m.key+".moniker_range")}
		}
	}
	return c, r.ds
}

// reader reads typed fields from a node tree, warning about (and skipping)
// values of the wrong type.
type reader struct {
	ds []diag.Diagnostic
}

func (r *reader) warn(pos diag.Pos, code, format string, args ...any) {
	r.ds = append(r.ds, diag.Diagnostic{Pos: pos, Severity: diag.Warning, Code: code, Message: fmt.Sprintf(format, args...)})
}

func (r *reader) wrongType(n *node, what, want string) {
	r.warn(n.pos, "docfx-invalid-field", "%s should be %s, not %s; ignored", what, want, n.kind)
}

func (r *reader) object(n *node, what string) *node {
	if n == nil || n.kind == kindNull {
		return nil
	}
	if n.kind != kindObject {
		r.wrongType(n, what, "an object")
		return nil
	}
	return n
}

func (r *reader) str(n *node, what string) string {
	if n == nil || n.kind == kindNull {
		return ""
	}
	if n.kind != kindString {
		r.wrongType(n, what, "a string")
		return ""
	}
	return unquote(n.raw)
}

func (r *reader) boolean(n *node, what string) bool {
	if n == nil || n.kind == kindNull {
		return false
	}
	if n.kind != kindBool {
		r.wrongType(n, what, "true or false")
		return false
	}
	return n.raw[0] == 't'
}

// strs reads a list of strings; DocFX also accepts a single string.
func (r *reader) strs(n *node, what string) []string {
	return r.strsPos(n, what, nil)
}

// strsPos is strs that also collects each string's position.
func (r *reader) strsPos(n *node, what string, pos *[]diag.Pos) []string {
	if n == nil || n.kind == kindNull {
		return nil
	}
	var items []*node
	switch n.kind {
	case kindString:
		items = []*node{n}
	case kindArray:
		items = n.items
	default:
		r.wrongType(n, what, "a list of strings")
		return nil
	}
	var out []string
	for _, it := range items {
		if it.kind != kindString {
			r.wrongType(it, what+" item", "a string")
			continue
		}
		out = append(out, unquote(it.raw))
		if pos != nil {
			*pos = append(*pos, it.pos)
		}
	}
	return out
}

func (r *reader) fileGroups(n *node, what string) []FileGroup {
	if n == nil || n.kind == kindNull {
		return nil
	}
	items := []*node{n}
	if n.kind == kindArray {
		items = n.items
	}
	var out []FileGroup
	for i, it := range items {
		w := fmt.Sprintf("%s[%d]", what, i)
		if r.object(it, w) == nil {
			continue
		}
		var filesPos, exclPos []diag.Pos
		fg := FileGroup{
			Files:   r.strsPos(it.get("files"), w+".files", &filesPos),
			Exclude: r.strsPos(it.get("exclude"), w+".exclude", &exclPos),
			Src:     r.str(it.get("src"), w+".src"),
			Dest:    r.str(it.get("dest"), w+".dest"),
			Group:   r.str(it.get("group"), w+".group"),
			Version: r.str(it.get("version"), w+".version"),
		}
		fg.files = r.globs(fg.Files, filesPos)
		fg.exclude = r.globs(fg.Exclude, exclPos)
		out = append(out, fg)
	}
	return out
}

func (r *reader) globs(patterns []string, pos []diag.Pos) []*Glob {
	out := make([]*Glob, 0, len(patterns))
	for i, p := range patterns {
		g, err := CompileGlob(p)
		if err != nil {
			r.warn(pos[i], "docfx-invalid-glob", "%q: %v", p, err)
			continue
		}
		out = append(out, g)
	}
	return out
}

// IsContent says whether rel (slash-separated, relative to the docfx.json
// folder) is a page: matched by a build.content file group.
func (c *Config) IsContent(rel string) bool { return c.contentGroup(rel) != nil }

// IsResource says whether rel is matched by a build.resource file group
// (copied as it is: images, downloads).
func (c *Config) IsResource(rel string) bool {
	for i := range c.Resource {
		if c.Resource[i].matches(rel) {
			return true
		}
	}
	return false
}

// contentGroup returns the first content file group that maps rel: the one
// DocFX uses for the file's moniker range.
func (c *Config) contentGroup(rel string) *FileGroup {
	for i := range c.Content {
		if c.Content[i].matches(rel) {
			return &c.Content[i]
		}
	}
	return nil
}

// MonikerRangeFor returns the moniker range docfx.json gives rel: the
// content entry's version, else its group's moniker_range, else "".
func (c *Config) MonikerRangeFor(rel string) string {
	fg := c.contentGroup(rel)
	if fg == nil {
		return ""
	}
	if fg.Version != "" {
		return fg.Version
	}
	return c.Groups[fg.Group].MonikerRange
}

// matches applies Src, Files and Exclude to rel.
func (fg *FileGroup) matches(rel string) bool {
	rel = strings.TrimPrefix(rel, "./")
	if src := strings.Trim(strings.TrimPrefix(fg.Src, "./"), "/"); src != "" && src != "." {
		if len(rel) <= len(src) || rel[len(src)] != '/' || !asciiFold(lowerASCIIString(src), rel[:len(src)]) {
			return false
		}
		rel = rel[len(src)+1:]
	}
	files, exclude := fg.files, fg.exclude
	if files == nil && len(fg.Files) > 0 {
		files, exclude = compileAll(fg.Files), compileAll(fg.Exclude)
	}
	return anyMatch(files, rel) && !anyMatch(exclude, rel)
}

func compileAll(patterns []string) []*Glob {
	var out []*Glob
	for _, p := range patterns {
		if g, err := CompileGlob(p); err == nil {
			out = append(out, g)
		}
	}
	return out
}

func anyMatch(gs []*Glob, rel string) bool {
	for _, g := range gs {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

// OutputPath is where DocFX publishes rel (relative to the docfx.json
// folder): below the dest of the content or resource entry that matches
// match (rel itself, or the name the file has when DocFX sees it, such as
// the .yml a PlatyPS page is converted to), with the entry's src folder
// taken off. A file no entry matches (an image outside the resource globs
// that a page links to) goes where the first entry whose src holds it
// would put it, else keeps its path.
func (c *Config) OutputPath(rel, match string) string {
	fg := c.contentGroup(match)
	if fg == nil {
		for i := range c.Resource {
			if c.Resource[i].matches(match) {
				fg = &c.Resource[i]
				break
			}
		}
	}
	if fg == nil {
		for i := range c.Content {
			if _, ok := c.Content[i].underSrc(rel); ok && c.Content[i].srcDir() != "" {
				fg = &c.Content[i]
				break
			}
		}
	}
	if fg == nil {
		return rel
	}
	rest, ok := fg.underSrc(rel)
	if !ok {
		return rel
	}
	dest := strings.Trim(strings.TrimPrefix(fg.Dest, "./"), "/")
	if dest == "" || dest == "." {
		return rest
	}
	return dest + "/" + rest
}

func (fg *FileGroup) srcDir() string {
	src := strings.Trim(strings.TrimPrefix(fg.Src, "./"), "/")
	if src == "." {
		return ""
	}
	return src
}

// underSrc returns rel relative to the entry's src folder.
func (fg *FileGroup) underSrc(rel string) (string, bool) {
	rel = strings.TrimPrefix(rel, "./")
	src := fg.srcDir()
	if src == "" {
		return rel, true
	}
	if len(rel) <= len(src) || rel[len(src)] != '/' || !asciiFold(lowerASCIIString(src), rel[:len(src)]) {
		return "", false
	}
	return rel[len(src)+1:], true
}
