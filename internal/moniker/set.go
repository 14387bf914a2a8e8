package moniker

import (
	"math/bits"
	"strings"
)

// Set is a bit set over catalog positions: bit i stands for
// Catalog.Moniker(i). Union and intersection are the plain | and &
// operators; a Set only means something together with its Catalog.
type Set uint64

// Has reports whether position i is in the set; out-of-range positions
// never are.
func (s Set) Has(i int) bool {
	return i >= 0 && i < MaxMonikers && s&(1<<uint(i)) != 0
}

// Empty reports whether the set has no members (a zone to drop, a page to
// skip).
func (s Set) Empty() bool { return s == 0 }

// Len is the number of members.
func (s Set) Len() int { return bits.OnesCount64(uint64(s)) }

// Indices lists the members' positions in ascending (catalog) order.
func (s Set) Indices() []int {
	if s == 0 {
		return nil
	}
	out := make([]int, 0, s.Len())
	for v := uint64(s); v != 0; v &= v - 1 {
		out = append(out, bits.TrailingZeros64(v))
	}
	return out
}

// Names lists the members' names in catalog order, which is also the order
// the cloud picker shows them in. Positions beyond the catalog are left out.
func (s Set) Names(c *Catalog) []string {
	s &= c.All()
	if s == 0 {
		return nil
	}
	out := make([]string, 0, s.Len())
	for v := uint64(s); v != 0; v &= v - 1 {
		out = append(out, c.ms[bits.TrailingZeros64(v)].Name)
	}
	return out
}

// Range writes s back as a range expression, "=a || =b", in catalog order.
// Parse(s.Range(c)) == s for every s within the catalog; the empty set gives
// "" (which Parse also maps to the empty set).
func (s Set) Range(c *Catalog) string {
	var b strings.Builder
	for i, n := range s.Names(c) {
		if i > 0 {
			b.WriteString(" || ")
		}
		b.WriteByte('=')
		b.WriteString(n)
	}
	return b.String()
}
