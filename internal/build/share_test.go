package build

import (
	"bytes"
	shared "github.com/docloom/docloom/internal/fixtures"
	"os"
	"path/filepath"
	"testing"

	"github.com/docloom/docloom/internal/output"
)

// TestSharedBodiesChangeNothing builds the example site and the fixture
// slice twice, rendering every cloud separately the second time: sharing a
// cloud-independent body must give byte-identical pages.
func TestSharedBodiesChangeNothing(t *testing.T) {
	sites := []string{"../.."}
	if fx, ok := shared.Find("nl-nl"); ok {
		sites = append(sites, fx)
	} else {
		t.Logf("without the shared fixtures (%s missing): the example and generated sites only", fx)
	}
	for _, site := range sites {
		a := filepath.Join(t.TempDir(), "shared")
		mustBuild(t, Options{Site: site, Out: a})
		shareBodies = false
		b := filepath.Join(t.TempDir(), "separate")
		mustBuild(t, Options{Site: site, Out: b})
		shareBodies = true
		n := 0
		filepath.Walk(a, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() || output.Own(info.Name()) {
				return nil // docloom's own files: the manifest records file times
			}
			rel, _ := filepath.Rel(a, p)
			x, _ := os.ReadFile(p)
			y, err := os.ReadFile(filepath.Join(b, rel))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s: %s differs when clouds are rendered separately", site, rel)
			}
			n++
			return nil
		})
		if n < 100 {
			t.Errorf("%s: only %d files compared", site, n)
		}
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
