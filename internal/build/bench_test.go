package build_test

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/docgen"
)

// BenchmarkBuild is a full build (read, parse, render every page in every
// locale and cloud, write to disk) of generated Learn-shaped docsets with
// 2 locales and 3 clouds. It reports source pages and MB of Markdown per
// second, and the peak heap seen while building.
//
//	go test ./internal/build -run '^$' -bench Build -benchtime 3x
//	go test ./internal/build -run '^$' -bench Build/pages=2000 -benchtime 3x -cpuprofile cpu.out
func BenchmarkBuild(b *testing.B) {
	for _, pages := range []int{500, 2000} {
		b.Run(fmt.Sprintf("pages=%d", pages), func(b *testing.B) {
			site := b.TempDir()
			st, err := docgen.Write(site, docgen.Options{Pages: pages, Locales: 2, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			out := b.TempDir()
			b.SetBytes(st.MarkdownSize)
			var peak peakMemory
			var res *build.Result
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				peak.start()
				b.StartTimer()
				res = build.Run(build.Options{Site: site, Out: out + "/public"})
				b.StopTimer()
				peak.stop()
				b.StartTimer()
				if res.Errors > 0 {
					b.Fatalf("build failed: %d errors, first: %s", res.Errors, res.Diags[0])
				}
			}
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(res.Pages)/sec, "pages/s")
			b.ReportMetric(float64(res.Outputs)/sec, "docs/s")
			b.ReportMetric(float64(peak.heap)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.total)/(1<<20), "peak-mapped-MB")
			// Generated links are all valid: a warning here is a docloom
			// regression (or a docgen bug) worth a look.
			b.ReportMetric(float64(res.Warnings), "warnings")
		})
	}
}

// peakMemory samples the runtime's memory figures every few milliseconds
// while a build runs (runtime/metrics reads do not stop the world).
type peakMemory struct {
	heap, total uint64
	done        chan struct{}
	wg          sync.WaitGroup
}

func (p *peakMemory) start() {
	p.done = make(chan struct{})
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		samples := []metrics.Sample{
			{Name: "/memory/classes/heap/objects:bytes"},
			{Name: "/memory/classes/total:bytes"},
		}
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(samples)
			p.heap = max(p.heap, samples[0].Value.Uint64())
			p.total = max(p.total, samples[1].Value.Uint64()-released())
			select {
			case <-p.done:
				return
			case <-tick.C:
			}
		}
	}()
}

func (p *peakMemory) stop() {
	close(p.done)
	p.wg.Wait()
}

// released is the memory the runtime has returned to the OS, which
// /memory/classes/total counts but the process no longer holds.
func released() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
