package e2e

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

var updateDiagnostics = flag.Bool("update-diagnostics", false, "rewrite testdata/diagnostics/*.txt from this build")

// TestDiagnosticsGolden keeps, per corpus and for the fixture slice, the
// count of diagnostics by severity and code in a committed file. Each class
// in those files was checked against the source as a real problem of the
// docset (see the file's comments); a change that adds a class, or makes
// one grow, shows in review as a diff of that file, and a false alarm
// cannot slip in unseen. Rewrite with -update-diagnostics after checking
// the new diagnostics are real.
func TestDiagnosticsGolden(t *testing.T) {
	t.Run("fixtures", func(t *testing.T) {
		fixtureSite(t)
		compareDiagCounts(t, "fixtures", fixtureDiags())
	})
	for _, name := range corpora(t) {
		t.Run(name, func(t *testing.T) {
			cb := corpusSite(t, name)
			compareDiagCounts(t, name, cb.Res.Diags)
		})
	}
}

func diagCounts(ds []diag.Diagnostic) map[string]int {
	out := map[string]int{}
	for _, d := range ds {
		out[d.Severity.String()+" "+d.Code]++
	}
	return out
}

func compareDiagCounts(t *testing.T, name string, ds []diag.Diagnostic) {
	t.Helper()
	file := filepath.Join("testdata", "diagnostics", name+".txt")
	got := diagCounts(ds)
	if *updateDiagnostics {
		old, _ := os.ReadFile(file)
		var keep []string // the comments that say why each class is real
		for _, line := range strings.Split(string(old), "\n") {
			if strings.HasPrefix(line, "#") {
				keep = append(keep, line)
			}
		}
		var lines []string
		for k, n := range got {
			lines = append(lines, fmt.Sprintf("%s %d", k, n))
		}
		sort.Strings(lines)
		body := strings.Join(keep, "\n")
		if body != "" {
			body += "\n"
		}
		if err := os.WriteFile(file, []byte(body+strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%s: %v (run with -update-diagnostics to write it)", name, err)
	}
	want := map[string]int{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var sev, code string
		var n int
		if _, err := fmt.Sscanf(line, "%s %s %d", &sev, &code, &n); err != nil {
			t.Fatalf("%s: bad line %q", file, line)
		}
		want[sev+" "+code] = n
	}
	for k, n := range got {
		if want[k] != n {
			t.Errorf("%s: %s: %d diagnostics, the golden file says %d", name, k, n, want[k])
		}
	}
	for k, n := range want {
		if _, ok := got[k]; !ok {
			t.Errorf("%s: %s: none now, the golden file says %d", name, k, n)
		}
	}
}
