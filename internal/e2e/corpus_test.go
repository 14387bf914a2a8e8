package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/diag"
)

// corporaDir is ../shared/corpora beside the repository: whole real
// docsets (CI lays them there).
func corporaDir() string {
	dir, _ := filepath.Abs("../../../shared/corpora")
	return dir
}

// corpora lists the corpus folders. Without them the test is skipped with
// a message naming the folder, except in CI, where that is a failure.
func corpora(t *testing.T) []string {
	t.Helper()
	dir := corporaDir()
	entries, err := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	if err != nil || len(names) == 0 {
		if os.Getenv("CI") != "" {
			t.Fatalf("no corpora at %s", dir)
		}
		t.Skipf("no corpora at %s: the corpus crawl and reproducibility tests need ../shared/corpora", dir)
	}
	sort.Strings(names)
	return names
}

// buildTimeout bounds one build of a corpus: a navigation or include
// loop must fail the test, not hang it.
const buildTimeout = 6 * time.Minute

// buildBounded runs the real build of site into out, in-process, and
// fails t when it does not finish within buildTimeout.
func buildBounded(t *testing.T, site, out string) *build.Result {
	t.Helper()
	done := make(chan *build.Result, 1)
	go func() { done <- build.Run(build.Options{Site: site, Out: out}) }()
	select {
	case res := <-done:
		return res
	case <-time.After(buildTimeout):
		t.Fatalf("building %s did not finish within %s", site, buildTimeout)
		return nil
	}
}

// corpusBuild is one build of a corpus, shared by the tests.
type corpusBuild struct {
	once sync.Once
	name string
	site string // the repository root
	out  string
	res  *build.Result
	err  error
}

var corpusBuilds sync.Map // name -> *corpusBuild

// corpusSite builds corpus name once per test run from its repository
// root, as a user runs `docloom build ../shared/corpora/<name>`; a build
// that fails fails every test that uses it.
func corpusSite(t *testing.T, name string) *corpusBuild {
	t.Helper()
	v, _ := corpusBuilds.LoadOrStore(name, &corpusBuild{name: name})
	cb := v.(*corpusBuild)
	cb.once.Do(func() {
		cb.site = filepath.Join(corporaDir(), name)
		cb.out = filepath.Join(tmpRoot, "corpus-"+name)
		cb.res = buildBounded(t, cb.site, cb.out)
		if cb.res.Failed(false) {
			cb.err = fmt.Errorf("%s: the repository root does not build: %s", name, firstErrors(cb.res, 5))
		}
	})
	if cb.err != nil || cb.res == nil {
		t.Fatal(cb.err)
	}
	return cb
}

func firstErrors(res *build.Result, n int) string {
	var errs []string
	for _, d := range res.Diags {
		if d.Severity == diag.Error && len(errs) < n {
			errs = append(errs, d.String())
		}
	}
	return fmt.Sprintf("%d errors, e.g. %s", res.Errors, strings.Join(errs, "; "))
}

// documentCounts counts the pages written per locale and moniker
// ("en-us/powershell-7.4" -> 1,400).
func documentCounts(t *testing.T, out string) map[string]int {
	counts := map[string]int{}
	for _, f := range pages(t, out) {
		loc, cloud, _ := variant(out, f)
		if cloud != "" && !strings.HasSuffix(f, "404.html") {
			counts[loc+"/"+cloud]++
		}
	}
	return counts
}

func formatCounts(c map[string]int) string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%d", k, c[k])
	}
	return strings.TrimSpace(b.String())
}

func diagStrings(ds []diag.Diagnostic) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

func (b built) diagStrings() []string { return diagStrings(b.diags) }
