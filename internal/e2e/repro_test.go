package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/docloom/docloom/internal/output"
)

// TestReproducibleOutput: building the same input twice gives
// byte-identical sites, so a deploy uploads only what changed and `docloom
// serve` reloads only what a save touched. The fixture slice (both
// locales) and every corpus are built a second time into another folder
// and compared file by file; the diagnostics must be the same too.
func TestReproducibleOutput(t *testing.T) {
	t.Run("fixtures", func(t *testing.T) {
		out := fixtureSite(t)
		again := filepath.Join(tmpRoot(), "fixture-again")
		res := buildBounded(t, filepath.Dir(out), again)
		if res.Failed(false) {
			t.Fatalf("second build failed: %s", firstErrors(res, 3))
		}
		sameTrees(t, out, again)
		sameDiags(t, diagStrings(fixtureDiags()), diagStrings(res.Diags))
	})
	t.Run("corpora", func(t *testing.T) {
		for _, name := range corpora(t) {
			t.Run(name, func(t *testing.T) {
				cb := corpusSite(t, name)
				again := filepath.Join(tmpRoot(), "corpus-again-"+name)
				res := buildBounded(t, cb.Site, again)
				if res.Failed(false) {
					t.Fatalf("second build failed: %s", firstErrors(res, 3))
				}
				sameTrees(t, cb.Out, again)
				sameDiags(t, diagStrings(cb.Res.Diags), diagStrings(res.Diags))
				os.RemoveAll(again)
			})
		}
	})
}

// sameTrees fails t for every file that is in one tree and not the
// other, or whose bytes differ.
func sameTrees(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := treeFiles(t, a), treeFiles(t, b)
	diffs := 0
	report := func(format string, args ...any) {
		if diffs++; diffs <= 20 {
			t.Errorf(format, args...)
		}
	}
	for rel := range fa {
		if _, ok := fb[rel]; !ok {
			report("%s is only in the first build", rel)
			continue
		}
		x, err1 := os.ReadFile(filepath.Join(a, rel))
		y, err2 := os.ReadFile(filepath.Join(b, rel))
		if err1 != nil || err2 != nil {
			report("%s: %v %v", rel, err1, err2)
		} else if !bytes.Equal(x, y) {
			report("%s differs between two builds of the same input", rel)
		}
	}
	for rel := range fb {
		if _, ok := fa[rel]; !ok {
			report("%s is only in the second build", rel)
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d files differ", diffs, len(fa))
	} else {
		t.Logf("%d files, byte-identical", len(fa))
	}
}

func treeFiles(t *testing.T, root string) map[string]bool {
	t.Helper()
	files := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !output.Own(d.Name()) {
			// The manifest and build state are the next build's cache
			// (they record write times), not part of the site.
			rel, _ := filepath.Rel(root, p)
			files[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameDiags(t *testing.T, a, b []string) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d diagnostics, then %d", len(a), len(b))
		return
	}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("diagnostic %d differs:\n%s\n%s", i, a[i], b[i])
			return
		}
	}
}
