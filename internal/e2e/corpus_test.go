package e2e

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

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
