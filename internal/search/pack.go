package search

import (
	"sort"
	"strconv"
)

// Fragments are not files of their own: a locale's fragments are packed
// into at most packGroups files, each the concatenation of its members'
// gzip streams, and the browser reads a fragment with a Range request
// (bytes off to off+len-1). Creating a small file cost 200-650 µs of
// system time on the disk the PowerShell docset is built on, and the
// fragments were 1,648 of its 7,998 files.
//
// A fragment's pack is given by the first byte of its content-hashed name
// (the top bits, packGroups groups), so an edit moves only the fragments
// it changes: the one a page no longer has leaves its pack and the new one
// joins another, and every other pack keeps its bytes and name. A fixed
// number of groups, rather than one that grows with the docset, keeps that
// true when pages are added: 64 gives the PowerShell docset's 1,648
// fragments about 26 a pack (80 KB), and a small docset packs of one or
// two, which are no worse than a file each.
const packGroups = 64

// FragmentLoc is where a fragment is: its pack's file name, and its
// offset and length in it.
type FragmentLoc struct {
	Pack     string
	Off, Len int
}

// Fragment is a fragment's content-hashed name and gzipped bytes
// (Entry.FragmentName and Entry.Fragment).
type Fragment struct {
	Name string
	Data []byte
}

// Pack is a pack file: its content-hashed name and bytes.
type Pack struct {
	Name string
	Data []byte
}

// packGroup is the group of a fragment's name: the top bits of the first
// byte of the hash its name begins with.
func packGroup(name string) int {
	if len(name) < 2 {
		return 0
	}
	b, err := strconv.ParseUint(name[:2], 16, 8)
	if err != nil {
		return 0
	}
	return int(b) * packGroups / 256
}

// PackFragments packs fragments (any order; repeated names are taken
// once): in each group its members in name order. The packs come in group
// order, and locs gives each fragment's place.
func PackFragments(frags []Fragment) (packs []Pack, locs map[string]FragmentLoc) {
	sorted := make([]Fragment, len(frags))
	copy(sorted, frags)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	locs = make(map[string]FragmentLoc, len(sorted))
	for i := 0; i < len(sorted); {
		g := packGroup(sorted[i].Name)
		j, size := i, 0
		for ; j < len(sorted) && packGroup(sorted[j].Name) == g; j++ {
			if j == i || sorted[j].Name != sorted[j-1].Name {
				size += len(sorted[j].Data)
			}
		}
		data := make([]byte, 0, size)
		type at struct {
			name   string
			off, n int
		}
		var members []at
		for k := i; k < j; k++ {
			if k > i && sorted[k].Name == sorted[k-1].Name {
				continue
			}
			members = append(members, at{sorted[k].Name, len(data), len(sorted[k].Data)})
			data = append(data, sorted[k].Data...)
		}
		name := contentName(data)
		for _, m := range members {
			locs[m.name] = FragmentLoc{Pack: name, Off: m.off, Len: m.n}
		}
		packs = append(packs, Pack{Name: name, Data: data})
		i = j
	}
	return packs, locs
}

// Entries are the distinct entries of the index's pages, in fragment name
// order: what its fragments are packed from.
func (x *Index) Entries() []*Entry {
	x.mu.Lock()
	defer x.mu.Unlock()
	seen := map[string]bool{}
	var out []*Entry
	for _, r := range x.docs {
		if !seen[r.entry.FragmentName] {
			seen[r.entry.FragmentName] = true
			out = append(out, r.entry)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FragmentName < out[j].FragmentName })
	return out
}
