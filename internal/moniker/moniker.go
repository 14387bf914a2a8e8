// Package moniker knows which versions (for this project: clouds such as
// o365-worldwide, o365-21vianet and o365-germany) a site is built for, and
// evaluates DocFX moniker-range expressions against them.
//
// In the pipeline it sits between config and dialect: config builds a
// Catalog from the site's moniker definition (or from the docset's range
// strings via FromRanges when a bare DocFX docset has none), and every later
// stage that meets a range (front matter monikerRange, docset ranges,
// `::: moniker range="…"` zones) asks Catalog.Parse for the Set it denotes.
// A Set is a bit set over catalog positions, so intersecting a zone with its
// page's monikers is a single AND and no stage has to compare strings again.
package moniker

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxMonikers is the largest catalog a Set can describe (one bit each).
// Real docsets have a handful; .NET API docs, the biggest known user,
// stay well below it per site.
const MaxMonikers = 64

// Moniker is one version/cloud id.
type Moniker struct {
	// Name is the id authors write in ranges, lower-cased by NewCatalog.
	Name string
	// Display is what a reader sees in the cloud picker ("21Vianet").
	Display string
	// Product groups monikers that can be compared with < and >;
	// monikers of different products are never ordered against each other.
	// The empty string is a product like any other.
	Product string
}

// Catalog is the ordered set of monikers a site knows. Order matters twice:
// it is the product order that < and > compare by, and it is the order the
// cloud picker lists variants in. A Catalog is immutable once built and safe
// for concurrent use.
type Catalog struct {
	ms    []Moniker
	index map[string]int // lower-cased name -> position
	// before[i] / after[i]: monikers of i's product ordered before / after i.
	before, after []Set
	versioned     bool // Versioned(ms), computed once
	derived       bool // see Derived
}

// Derived reports whether the catalog was read off the docset's own
// moniker ranges because no moniker definition file exists. Learn defines
// monikers centrally, so such a catalog may lack monikers the docset
// rightly names; callers then treat an unknown name as matching nothing,
// with a warning, rather than as an error (ParseLenient).
func (c *Catalog) Derived() bool { return c != nil && c.derived }

// MarkDerived records that the catalog was derived from ranges (Derived).
// Call it before the catalog is shared.
func (c *Catalog) MarkDerived() { c.derived = true }

// Versioned reports whether the catalog's monikers are versions of one
// product (see the function Versioned); false for a nil Catalog.
func (c *Catalog) Versioned() bool { return c != nil && c.versioned }

// NewCatalog checks and indexes ms. Names are lower-cased and must match
// the range grammar's `[\w\-\.]+` (otherwise no range could name them);
// duplicates are detected case-insensitively. An empty Display defaults to
// DisplayName(name). At most MaxMonikers monikers are accepted.
func NewCatalog(ms []Moniker) (*Catalog, error) {
	if len(ms) > MaxMonikers {
		return nil, fmt.Errorf("moniker catalog has %d monikers; at most %d are supported", len(ms), MaxMonikers)
	}
	c := &Catalog{
		ms:     make([]Moniker, len(ms)),
		index:  make(map[string]int, len(ms)),
		before: make([]Set, len(ms)),
		after:  make([]Set, len(ms)),
	}
	for i, m := range ms {
		if m.Name == "" {
			return nil, fmt.Errorf("moniker #%d has an empty name", i+1)
		}
		if !validName(m.Name) {
			return nil, fmt.Errorf("moniker name %q is invalid: use letters, digits, '_', '-' and '.'", m.Name)
		}
		m.Name = strings.ToLower(m.Name)
		if j, dup := c.Index(m.Name); dup {
			return nil, fmt.Errorf("moniker %q is defined twice (#%d and #%d)", m.Name, j+1, i+1)
		}
		if m.Display == "" {
			m.Display = DisplayName(m.Name)
		}
		c.ms[i] = m
		c.index[m.Name] = i
	}
	for i, m := range c.ms {
		for j, o := range c.ms {
			if o.Product != m.Product {
				continue
			}
			if j < i {
				c.before[i] |= 1 << uint(j)
			} else if j > i {
				c.after[i] |= 1 << uint(j)
			}
		}
	}
	c.versioned = Versioned(c.ms)
	return c, nil
}

// Len is the number of monikers; a nil Catalog has none.
func (c *Catalog) Len() int {
	if c == nil {
		return 0
	}
	return len(c.ms)
}

// Monikers returns a copy of the catalog in product order.
func (c *Catalog) Monikers() []Moniker {
	if c == nil {
		return nil
	}
	return append([]Moniker(nil), c.ms...)
}

// Moniker returns the moniker at position i, or the zero Moniker when i is
// out of range.
func (c *Catalog) Moniker(i int) Moniker {
	if i < 0 || i >= c.Len() {
		return Moniker{}
	}
	return c.ms[i]
}

// Index finds a moniker by name, ignoring case. It does not allocate, since
// Parse calls it for every comparator of every zone.
func (c *Catalog) Index(name string) (int, bool) {
	if c == nil {
		return 0, false
	}
	if i, ok := c.index[name]; ok {
		return i, true
	}
	for i := range c.ms {
		if strings.EqualFold(c.ms[i].Name, name) {
			return i, true
		}
	}
	return 0, false
}

// All is the set of every moniker in the catalog: what a page applies to
// when nothing narrows it.
func (c *Catalog) All() Set {
	n := c.Len()
	if n == MaxMonikers {
		return ^Set(0)
	}
	return Set(1)<<uint(n) - 1
}

// Set builds a Set from names, ignoring case. Unknown names are skipped: it
// is a convenience for tests and for lists already checked elsewhere; use
// Parse to have names checked.
func (c *Catalog) Set(names ...string) Set {
	var s Set
	for _, n := range names {
		if i, ok := c.Index(n); ok {
			s |= 1 << uint(i)
		}
	}
	return s
}

// known lists the catalog's names for "not defined" messages, cut short on
// large catalogs so that a diagnostic stays one readable line.
func (c *Catalog) known() string {
	const max = 10
	if c.Len() == 0 {
		return "the site defines no monikers"
	}
	var b strings.Builder
	b.WriteString("known: ")
	for i, m := range c.ms {
		if i == max {
			fmt.Fprintf(&b, ", … (%d in all)", len(c.ms))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(m.Name)
	}
	return b.String()
}

// validName reports whether s matches `[\w\-\.]+` as a whole.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); {
		n := nameCharLen(s, i)
		if n == 0 {
			return false
		}
		i += n
	}
	return true
}

// nameCharLen returns the byte length of the moniker-name character at
// s[i], or 0 if there is none. \w follows .NET (the dialect's home): letters,
// non-spacing marks, decimal digits and connector punctuation.
func nameCharLen(s string, i int) int {
	b := s[i]
	if b < utf8.RuneSelf {
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
			b == '_' || b == '-' || b == '.' {
			return 1
		}
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 {
		return 0
	}
	if unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) {
		return n
	}
	return 0
}
