package build

import (
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/meta"
	"github.com/docloom/docloom/internal/render"
	"github.com/yuin/goldmark/ast"
	yaml "go.yaml.in/yaml/v3"
)

// Zone pivots (::: zone pivot="x") show content for one choice of a page's
// pivot group, such as "Admin center" or "PowerShell". The groups live in
// the docset's zone-pivot-groups.yml; a page names its group in the
// zone_pivot_groups front matter. The layout shows a picker (made live by
// static/ts/pivots.ts); without JavaScript every zone stays visible.

type pivotFile struct {
	Groups []struct {
		ID     string `yaml:"id"`
		Title  string `yaml:"title"`
		Prompt string `yaml:"prompt"`
		Pivots []struct {
			ID    string `yaml:"id"`
			Title string `yaml:"title"`
		} `yaml:"pivots"`
	} `yaml:"groups"`
}

// loadPivotGroups reads the locale's zone-pivot-groups.yml files.
func (b *builder) loadPivotGroups(l *localeSet) {
	owner := ownerStage("pivots:" + l.Locale.Code)
	b.led.reset(owner)
	l.pivots = map[string]render.PivotGroup{}
	// In path order: a group defined in two files is the last file's,
	// the same one every build.
	rels := make([]string, 0, 8)
	for rel := range l.Docset.Files {
		if strings.EqualFold(strings.TrimSuffix(rel[strings.LastIndex(rel, "/")+1:], ".yml"), "zone-pivot-groups") {
			rels = append(rels, rel)
		}
	}
	sort.Strings(rels)
	for _, rel := range rels {
		f := l.Docset.Files[rel]
		if !strings.EqualFold(strings.TrimSuffix(rel[strings.LastIndex(rel, "/")+1:], ".yml"), "zone-pivot-groups") {
			continue
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			continue
		}
		var pf pivotFile
		if err := yaml.Unmarshal(meta.Normalize(src), &pf); err != nil {
			b.led.addf(owner, diag.Pos{File: l.Docset.Display(rel)}, diag.Error, "pivot-groups-invalid", "%v", err)
			continue
		}
		for _, g := range pf.Groups {
			pg := render.PivotGroup{ID: g.ID, Title: g.Title, Prompt: g.Prompt}
			for _, p := range g.Pivots {
				pg.Pivots = append(pg.Pivots, render.Pivot{ID: p.ID, Title: p.Title})
			}
			l.pivots[g.ID] = pg
		}
	}
}

// pagePivots returns the page's pivot groups and warns about zones whose
// pivots no group defines.
func (b *builder) pagePivots(l *localeSet, p *Page) []render.PivotGroup {
	if p.Doc == nil {
		return nil
	}
	var zones []*dialect.PivotZone
	_ = ast.Walk(p.Doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if z, ok := n.(*dialect.PivotZone); ok && entering && len(z.Pivots) > 0 {
			zones = append(zones, z)
		}
		return ast.WalkContinue, nil
	})
	names := strings.FieldsFunc(meta.String(p.Meta, "zone_pivot_groups"), func(r rune) bool { return r == ',' || r == ' ' })
	owner := ownerRender(l.Locale.Code, p.Rel)
	if len(zones) > 0 && len(names) == 0 && !p.Fallback {
		b.led.add(owner, diag.Diagnostic{Pos: p.Doc.Pos(zones[0].Offset), Severity: diag.Warning, Code: "zone-pivot-group-missing",
			Message: "the page has ::: zone pivot blocks but no zone_pivot_groups front matter; readers get no picker"})
	}
	var groups []render.PivotGroup
	known := map[string]bool{}
	for _, n := range names {
		g, ok := l.pivots[n]
		if !ok {
			if !p.Fallback {
				b.led.addf(owner, diag.Pos{File: l.Docset.Display(p.Rel), Line: 1}, diag.Warning, "pivot-group-not-found",
					"zone_pivot_groups names %q, which no zone-pivot-groups.yml defines", n)
			}
			continue
		}
		groups = append(groups, g)
		for _, pv := range g.Pivots {
			known[pv.ID] = true
		}
	}
	if len(groups) > 0 && !p.Fallback {
		for _, z := range zones {
			for _, id := range z.Pivots {
				if !known[id] {
					b.led.add(owner, diag.Diagnostic{Pos: p.Doc.Pos(z.Offset), Severity: diag.Warning, Code: "zone-pivot-definition-not-found",
						Message: fmt.Sprintf("pivot %q is not in the page's pivot groups (%s)", id, strings.Join(names, ", "))})
				}
			}
		}
	}
	return groups
}
