package build

import (
	"strings"
	"sync"
)

// earlyOutputs lets docloom serve answer while its first build runs. On a
// docset of thousands of pages the first build takes seconds (the
// PowerShell docset: 5,678 documents), and an author who opens a page
// should not wait for all of them: once every page's front matter and TOC
// are read (the link index and the sidebars need them, and they come first
// anyway), the build knows every page's output path; a request for one
// that is not written yet moves that page to the front of the render
// queue. The page is rendered exactly as it would be in its turn (it is
// its turn, brought forward), so what is served early is what is served
// after the build.
type earlyOutputs struct {
	mu    sync.Mutex
	index map[string]int // page output path -> position in the render queue
	// planned is set once index holds every page the streamed render
	// will write: a path not in it is not a page of that render.
	planned bool
	want    chan int // queue positions asked for, read by the feeder
}

func newEarlyOutputs() *earlyOutputs {
	return &earlyOutputs{want: make(chan int, 64)}
}

// plan records the output paths of the render queue: queue[i] is the
// page rendered i-th.
func (e *earlyOutputs) plan(b *builder, queue []renderJob) {
	index := map[string]int{}
	for i, j := range queue {
		if redirectURL(j.p) != "" {
			continue
		}
		for _, m := range j.p.Monikers.Indices() {
			index[b.pageOutput(j.l.Locale.Code, b.site.Monikers.Moniker(m).Name, j.p.Rel)] = i
		}
	}
	e.mu.Lock()
	e.index, e.planned = index, true
	e.mu.Unlock()
}

// earlyAnswer is what the build can say about an output path it has not
// written yet.
type earlyAnswer int

const (
	earlyUnknown  earlyAnswer = iota // wait for the build
	earlyQueued                      // a page in the queue, now asked for first
	earlyNotAFile                    // a page's name without .html, or its folder form
)

// ask moves the page that writes rel to the front of the queue.
func (e *earlyOutputs) ask(rel string) earlyAnswer {
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.planned {
		return earlyUnknown
	}
	if i, ok := e.index[rel]; ok {
		select {
		case e.want <- i:
		default: // the feeder has many requests already; this one waits its turn
		}
		return earlyQueued
	}
	// The preview looks up "/x" as "x", then "x.html", then "x/index.html",
	// and "/x/" as "x/index.html", then "x.html" (serve's handler): the
	// forms that name a queued page in another form are not files.
	var forms []string
	if !strings.HasSuffix(rel, ".html") {
		forms = []string{rel + ".html", rel + "/index.html"}
	} else if base, ok := strings.CutSuffix(rel, "/index.html"); ok {
		forms = []string{base + ".html"}
	}
	for _, f := range forms {
		if _, ok := e.index[f]; ok {
			return earlyNotAFile
		}
	}
	return earlyUnknown
}

// parallelAsked is parallel for the streamed render of a serve session's
// first build: jobs go out in order, except those a request asked for,
// which go out next. Every job runs exactly once.
func (b *builder) parallelAsked(n int, e *earlyOutputs, fn func(worker, i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for k := 0; k < b.workers(); k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			for i := range next {
				b.guard(func() { fn(k, i) })
			}
		}(k)
	}
	taken := make([]bool, n)
	for i := 0; ; {
		for i < n && taken[i] {
			i++
		}
		if i == n {
			break
		}
		asked := func(k int) {
			if k >= 0 && k < n && !taken[k] {
				taken[k] = true
				next <- k
			}
		}
		select { // pages asked for first
		case k := <-e.want:
			asked(k)
			continue
		default:
		}
		select {
		case k := <-e.want:
			asked(k)
		case next <- i:
			taken[i] = true
		}
	}
	close(next)
	wg.Wait()
}
