package moniker

import (
	"fmt"
	"strings"
)

// FromRanges derives a moniker list from docset range strings such as
// "=o365-worldwide || =o365-21vianet", for bare DocFX docsets that declare
// ranges but ship no moniker definition (dfm-spec §3.6). Every name that
// appears in a comparator is kept, in order of first appearance, lower-cased,
// with Display = DisplayName(Name) and no Product; that order becomes the product order,
// which is all the `=`-only ranges of real docsets need.
//
// A syntax error in an expression is returned wrapped around its
// *RangeError (errors.As finds it), naming the expression. More than
// MaxMonikers distinct names is an error too.
func FromRanges(exprs []string) ([]Moniker, error) {
	var out []Moniker
	for _, expr := range exprs {
		sc := scanner{s: expr}
		for {
			kind, cmp, err := sc.next()
			if err != nil {
				return nil, fmt.Errorf("moniker range %q: %w", expr, err)
			}
			if kind == itemEnd {
				break
			}
			if kind != itemComparator || seen(out, cmp.name) {
				continue
			}
			if len(out) == MaxMonikers {
				return nil, fmt.Errorf("moniker ranges name more than %d monikers", MaxMonikers)
			}
			name := strings.ToLower(cmp.name)
			out = append(out, Moniker{Name: name, Display: DisplayName(name)})
		}
	}
	return out, nil
}

func seen(ms []Moniker, name string) bool {
	for _, m := range ms {
		if strings.EqualFold(m.Name, name) {
			return true
		}
	}
	return false
}
