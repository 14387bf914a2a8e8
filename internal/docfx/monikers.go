package docfx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/docloom/docloom/internal/diag"
)

// MonikerEntry is one moniker a repository defines in a moniker file (the
// publish config's monikerPath): its name, how readers see it and, for a
// versioned reference docset, where its pages and TOCs live.
type MonikerEntry struct {
	Name    string
	Display string // "" when the file names none
	Product string
	// PackageRoot is the folder (relative to the docset folder) that holds
	// this moniker's reference pages, e.g. "7.4".
	PackageRoot string
	// ConceptualToc is the TOC file (relative to the docset folder) shared
	// by every moniker; ConceptualTocURL and ReferenceTocURL are where
	// Learn publishes the TOCs, which tells the docset's URL on Learn.
	ConceptualToc, ConceptualTocURL, ReferenceTocURL string
	Order                                            int
	Pos                                              diag.Pos
}

// LoadMonikers reads a moniker definition file in either of the two shapes
// Learn repositories use: an object keyed by moniker name (PowerShell's
// monikerMapping.json: packageRoot, conceptualToc, …) or
// {"monikers": [{"moniker_name", "moniker_display_name", "product_name",
// "order"}]}. Entries come back in the file's order, or by "order" where
// every entry has one.
func LoadMonikers(file string, data []byte) ([]MonikerEntry, []diag.Diagnostic) {
	root, ds := parseLenient(file, data)
	if root == nil {
		return nil, ds
	}
	r := &reader{ds: ds}
	if r.object(root, "the moniker file") == nil {
		return nil, r.ds
	}
	var out []MonikerEntry
	if list := root.get("monikers"); list != nil && list.kind == kindArray {
		ordered := true
		for i, it := range list.items {
			w := fmt.Sprintf("monikers[%d]", i)
			if r.object(it, w) == nil {
				continue
			}
			e := MonikerEntry{Pos: it.pos, Order: -1,
				Name:    first(r.str(it.get("moniker_name"), w+".moniker_name"), r.str(it.get("name"), w+".name")),
				Display: first(r.str(it.get("moniker_display_name"), w+".moniker_display_name"), r.str(it.get("display_name"), w+".display_name")),
				Product: first(r.str(it.get("product_name"), w+".product_name"), r.str(it.get("product"), w+".product"))}
			if o := it.get("order"); o != nil && o.kind == kindNumber {
				if n, err := strconv.Atoi(string(o.raw)); err == nil {
					e.Order = n
				}
			}
			if e.Order < 0 {
				ordered = false
			}
			if e.Name == "" {
				r.warn(it.pos, "moniker-file-entry", "%s has no moniker_name; ignored", w)
				continue
			}
			out = append(out, e)
		}
		if ordered {
			sortStable(out, func(a, b MonikerEntry) bool { return a.Order < b.Order })
		}
		return out, r.ds
	}
	for _, m := range root.members {
		if r.object(m.val, m.key) == nil {
			continue
		}
		v := m.val
		out = append(out, MonikerEntry{Name: m.key, Pos: m.keyPos, Order: len(out),
			Display:          r.str(v.get("displayName"), m.key+".displayName"),
			PackageRoot:      strings.Trim(r.str(v.get("packageRoot"), m.key+".packageRoot"), "/"),
			ConceptualToc:    r.str(v.get("conceptualToc"), m.key+".conceptualToc"),
			ConceptualTocURL: r.str(v.get("conceptualTocUrl"), m.key+".conceptualTocUrl"),
			ReferenceTocURL:  r.str(v.get("referenceTocUrl"), m.key+".referenceTocUrl")})
	}
	return out, r.ds
}

func first(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// sortStable is an insertion sort: moniker files are short.
func sortStable[T any](s []T, less func(a, b T) bool) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && less(s[j], s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
