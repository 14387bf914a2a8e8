package build_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
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

// BenchmarkSessionMemory is the memory of a long docloom serve session
// against a one-shot build of the same docset (1,700 pages, one locale,
// three clouds): the build's peak, then a session's peak and live memory
// after its first build and after 100 rebuilds (page edits, with a TOC
// edit every tenth, which re-renders the locale). The target is a session
// within twice the build's peak (serve-vs-build-peak).
//
//	go test ./internal/build -run '^$' -bench SessionMemory -benchtime 1x
func BenchmarkSessionMemory(b *testing.B) {
	site := b.TempDir()
	if _, err := docgen.Write(site, docgen.Options{Pages: 1700, Locales: 1, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	var pages []string
	filepath.WalkDir(filepath.Join(site, "content", "en-us"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.Contains(p, "includes") {
			pages = append(pages, p)
		}
		return nil
	})
	var toc string
	filepath.WalkDir(filepath.Join(site, "content", "en-us"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && toc == "" && strings.EqualFold(d.Name(), "toc.yml") {
			toc = p
		}
		return nil
	})
	for b.Loop() {
		runtime.GC()
		var buildPeak peakMemory
		buildPeak.start()
		build.Run(build.Options{Site: site, Out: b.TempDir() + "/public"})
		buildPeak.stop()

		runtime.GC()
		var sessionPeak peakMemory
		sessionPeak.start()
		s, _ := build.Open(build.Options{Site: site})
		for i := range 100 {
			p := pages[(i*37)%len(pages)]
			if i%10 == 9 && toc != "" {
				p = toc
			}
			f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			fmt.Fprintf(f, "\n")
			f.Close()
			s.Update([]string{p})
		}
		sessionPeak.stop()
		runtime.GC()
		var live runtime.MemStats
		runtime.ReadMemStats(&live)
		b.ReportMetric(float64(buildPeak.total)/(1<<20), "build-peak-MB")
		b.ReportMetric(float64(sessionPeak.total)/(1<<20), "serve-peak-MB")
		b.ReportMetric(float64(live.HeapInuse)/(1<<20), "serve-live-MB")
		b.ReportMetric(float64(sessionPeak.total)/float64(buildPeak.total), "serve-vs-build-peak")
		runtime.KeepAlive(s)
	}
}
