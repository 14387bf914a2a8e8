//go:build unix

package build_test

import (
	"fmt"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/docgen"
)

// BenchmarkSearchIndex measures what the site search index adds to a full
// build: the same build with and without it, on a generated docset (2
// locales, 3 clouds) and, when it is on this machine, the PowerShell
// reference docset (5 versions). Compare the ns/op of index=on and
// index=off of one docset.
//
//	go test ./internal/build -run '^$' -bench SearchIndex -benchtime 5x
func BenchmarkSearchIndex(b *testing.B) {
	type docset struct{ name, dir string }
	var sets []docset
	gen := b.TempDir()
	if _, err := docgen.Write(gen, docgen.Options{Pages: 2000, Locales: 2, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	sets = append(sets, docset{"docgen-2000", gen})
	if ps := "/work/shared/corpora/powershell-docs/reference"; fileExists(ps + "/docfx.json") {
		sets = append(sets, docset{"powershell", ps})
	}
	for _, ds := range sets {
		out := b.TempDir()
		// Alternate on and off inside one benchmark loop, so drift on a
		// shared machine hits both alike; report each one's mean.
		b.Run(ds.name, func(b *testing.B) {
			var on, off, cpuOn, cpuOff float64
			var n int
			for b.Loop() {
				for _, no := range []bool{false, true} {
					cpu0 := cpuSeconds()
					res := build.Run(build.Options{Site: ds.dir, Out: fmt.Sprintf("%s/public-%v", out, no), NoSearch: no})
					cpu := cpuSeconds() - cpu0
					if res.Errors > 0 {
						b.Fatalf("build failed: %s", res.Diags[0])
					}
					if no {
						off += res.Elapsed.Seconds()
						cpuOff += cpu
					} else {
						on += res.Elapsed.Seconds()
						cpuOn += cpu
					}
				}
				n++
			}
			b.ReportMetric(on/float64(n)*1000, "ms-with-index")
			b.ReportMetric(off/float64(n)*1000, "ms-without")
			b.ReportMetric((on/off-1)*100, "%-wall-added")
			b.ReportMetric((cpuOn/cpuOff-1)*100, "%-cpu-added")
		})
	}
}

// cpuSeconds is the process's user and system CPU time so far.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
