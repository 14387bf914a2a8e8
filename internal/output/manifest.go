package output

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/zeebo/xxh3"
)

// ManifestName is the file, at the root of every output folder, that
// records what docloom wrote there: for each file its size and
// modification time as written, and either a hash of its bytes (generated
// files) or the identity of the source it was copied from (resources). The
// next build uses it to link files whose bytes did not change instead of
// writing them again. It is swapped in with the tree it describes, so it
// never disagrees with it; a missing or unreadable manifest only makes the
// next build write everything.
const ManifestName = ".docloom-manifest"

// manifestHeader is written. Versions 1 (no inodes) and 2 hashed written
// files with SHA-256: their copies are still read (a copy is vouched for by
// its source, not by a hash), their written files are not, and are written
// once more by the next build.
const (
	manifestHeader   = "docloom-manifest 3"
	manifestHeaderV2 = "docloom-manifest 2"
	manifestHeaderV1 = "docloom-manifest 1"
)

// StateName is the file, beside the manifest, in which the build records
// the fingerprint of its inputs and its result (see build's upToDate).
const StateName = ".docloom-build"

// Own reports whether a file name at the root of an output folder is one of
// docloom's own records (the manifest, the build state) rather than part of
// the site. They record file times, so two builds of the same site differ
// in them.
func Own(name string) bool { return strings.HasPrefix(name, ".docloom-") }

// entry is one output file in the manifest.
type entry struct {
	size  int64 // bytes of the output file
	mtime int64 // its modification time (ns) as written: a file changed by hand since is not reused
	// ino is its inode (0: not known): a recycled tree's file with the
	// same inode, size and time is the live site's file (recycle.go).
	ino uint64
	// Generated files: the XXH3-128 of their bytes (sum).
	hash [16]byte
	// Copied resources: the source and its size, modification time and
	// inode when copied.
	src      string
	srcSize  int64
	srcMtime int64
	srcIno   uint64
}

type manifest map[string]entry

// sum is what the manifest and the page cache know a file's bytes by. It
// tells a file from its own previous version, which no one crafts to
// collide, so it need not be cryptographic: XXH3-128 hashes the 200 MB of a
// PowerShell-Docs build in about a tenth of SHA-256's time (SHA-256 was
// ~5% of that build's CPU), with 128 bits against accidental collisions.
func sum(data []byte) [16]byte {
	return xxh3.Hash128(data).Bytes()
}

// loadManifest reads the manifest of the output folder dir; nil when there
// is none or it cannot be trusted.
func loadManifest(dir string) manifest {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return nil
	}
	header, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || string(header) != manifestHeader && string(header) != manifestHeaderV2 && string(header) != manifestHeaderV1 {
		return nil
	}
	oldHashes := string(header) != manifestHeader
	m := manifest{}
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		rel, e, ok := parseEntry(string(line))
		if !ok {
			return nil
		}
		if oldHashes && e.src == "" {
			continue // a SHA-256, which no sum matches
		}
		m[rel] = e
	}
	return m
}

// Lines: "w SIZE MTIME HASH INO\tREL" for written files,
// "c SIZE MTIME SRCSIZE SRCMTIME SRCINO INO\tREL\tSRC" for copies (version
// 1 had no INO).
func parseEntry(line string) (string, entry, bool) {
	head, tail, ok := strings.Cut(line, "\t")
	if !ok {
		return "", entry{}, false
	}
	f := strings.Fields(head)
	var e entry
	num := func(s string) int64 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			ok = false
		}
		return n
	}
	switch {
	case (len(f) == 4 || len(f) == 5) && f[0] == "w":
		e.size, e.mtime = num(f[1]), num(f[2])
		if len(f) == 5 {
			e.ino = uint64(num(f[4]))
		}
		h, err := hex.DecodeString(f[3])
		if err != nil || len(h) != len(e.hash) {
			return "", entry{}, false
		}
		copy(e.hash[:], h)
		return tail, e, ok
	case (len(f) == 6 || len(f) == 7) && f[0] == "c":
		e.size, e.mtime = num(f[1]), num(f[2])
		e.srcSize, e.srcMtime = num(f[3]), num(f[4])
		e.srcIno = uint64(num(f[5]))
		if len(f) == 7 {
			e.ino = uint64(num(f[6]))
		}
		rel, src, found := strings.Cut(tail, "\t")
		if !found || src == "" {
			return "", entry{}, false
		}
		e.src = src
		return rel, e, ok
	}
	return "", entry{}, false
}

// write stores the manifest as the file path.
func (m manifest) write(path string) error {
	rels := make([]string, 0, len(m))
	for rel := range m {
		if strings.ContainsAny(rel, "\t\n") || strings.ContainsAny(m[rel].src, "\t\n") {
			continue // not representable: rewritten by the next build
		}
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	fmt.Fprintln(w, manifestHeader)
	for _, rel := range rels {
		e := m[rel]
		if e.src == "" {
			fmt.Fprintf(w, "w %d %d %x %d\t%s\n", e.size, e.mtime, e.hash, e.ino, rel)
		} else {
			fmt.Fprintf(w, "c %d %d %d %d %d %d\t%s\t%s\n", e.size, e.mtime, e.srcSize, e.srcMtime, e.srcIno, e.ino, rel, e.src)
		}
	}
	w.Flush()
	_, _, err := writeFile(path, b.Bytes())
	return err
}

// Intact reports whether the output folder out still holds every file its
// manifest lists, each with the size and modification time it was written
// with, and how many files that is.
func Intact(out string) (int, bool) {
	m := loadManifest(out)
	if m == nil {
		return 0, false
	}
	for rel, e := range m {
		fi, ok := statFile(filepath.Join(out, filepath.FromSlash(rel)))
		if !ok || fi.size != e.size || fi.mtime != e.mtime {
			return 0, false
		}
	}
	return len(m), true
}
