package sitetest

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

// CorporaDir is ../shared/corpora beside the repository: whole real
// docsets (CI lays them there).
func CorporaDir() string {
	return filepath.Join(filepath.Dir(RepoRoot()), "shared", "corpora")
}

// Corpora lists the corpus folders. Without them the test is skipped with
// a message naming the folder, except in CI, where that is a failure.
func Corpora(t *testing.T) []string {
	t.Helper()
	dir := CorporaDir()
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

// BuildTimeout bounds one build of a corpus: a navigation or include
// loop must fail the test, not hang it.
const BuildTimeout = 6 * time.Minute

// BuildBounded runs the real build of site into out, in-process, and
// fails t when it does not finish within BuildTimeout.
func BuildBounded(t *testing.T, site, out string) *build.Result {
	t.Helper()
	done := make(chan *build.Result, 1)
	go func() { done <- build.Run(build.Options{Site: site, Out: out}) }()
	select {
	case res := <-done:
		return res
	case <-time.After(BuildTimeout):
		t.Fatalf("building %s did not finish within %s", site, BuildTimeout)
		return nil
	}
}

// CorpusBuild is one build of a corpus, shared by the tests.
type CorpusBuild struct {
	once sync.Once
	Name string
	Site string // the repository root
	Out  string
	Res  *build.Result
	err  error
}

var corpusBuilds sync.Map // name -> *CorpusBuild

// CorpusSite builds corpus name once per test run from its repository
// root, as a user runs `docloom build ../shared/corpora/<name>`; a build
// that fails fails every test that uses it.
func CorpusSite(t *testing.T, name string) *CorpusBuild {
	t.Helper()
	v, _ := corpusBuilds.LoadOrStore(name, &CorpusBuild{Name: name})
	cb := v.(*CorpusBuild)
	cb.once.Do(func() {
		cb.Site = filepath.Join(CorporaDir(), name)
		cb.Out = filepath.Join(tmpRoot, "corpus-"+name)
		cb.Res = BuildBounded(t, cb.Site, cb.Out)
		if cb.Res.Failed(false) {
			cb.err = fmt.Errorf("%s: the repository root does not build: %s", name, FirstErrors(cb.Res, 5))
		}
	})
	if cb.err != nil || cb.Res == nil {
		t.Fatal(cb.err)
	}
	return cb
}

// FirstErrors names the first n errors of a build, for a test's failure.
func FirstErrors(res *build.Result, n int) string {
	var errs []string
	for _, d := range res.Diags {
		if d.Severity == diag.Error && len(errs) < n {
			errs = append(errs, d.String())
		}
	}
	return fmt.Sprintf("%d errors, e.g. %s", res.Errors, strings.Join(errs, "; "))
}

// PSCorpus is the PowerShell-Docs repository's folder in the corpora.
const PSCorpus = "powershell-docs"

// PSBuild is the PowerShell corpus built from its root; without it the
// test is skipped (failed in CI, by Corpora).
func PSBuild(t *testing.T) *CorpusBuild {
	t.Helper()
	names := Corpora(t)
	found := false
	for _, n := range names {
		found = found || n == PSCorpus
	}
	if !found {
		t.Skipf("no %s corpus in %s", PSCorpus, CorporaDir())
	}
	return CorpusSite(t, PSCorpus) // fails when the repository root does not build
}
