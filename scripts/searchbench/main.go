// searchbench runs queries against a built site in headless Chromium, once
// with docloom's search box and once with Pagefind's JavaScript API, each
// query in a fresh browser context (nothing cached), and prints per query
// the top results and the bytes fetched (gzipped: files stored gzipped
// count as they are, others as gzip would send them), then the time a
// repeated query takes once its files are cached. scripts/bench-search
// runs it; see there.
//
//	go run ./scripts/searchbench -site OUT -page /en-us/powershell-7.4/ -pagefind /_pagefind/ -queries FILE
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	site := flag.String("site", "public", "built site")
	page := flag.String("page", "/en-us/powershell-7.4/", "page whose search box docloom is queried from")
	pagefind := flag.String("pagefind", "", "URL path of a Pagefind bundle in the site (e.g. /_pagefind/); empty: docloom only")
	queries := flag.String("queries", "", "file with one query a line")
	top := flag.Int("n", 5, "results per query")
	flag.Parse()
	qs := readLines(*queries)
	base := serve(*site)
	ctx, cancel := browser()
	defer cancel()
	type row struct {
		Query               string
		Docloom, Pagefind   []string
		DocloomB, PagefindB int
	}
	var rows []row
	for _, q := range qs {
		r := row{Query: q}
		r.Docloom, r.DocloomB = docloomQuery(ctx, *site, base+*page, q, *top)
		if *pagefind != "" {
			r.Pagefind, r.PagefindB = pagefindQuery(ctx, *site, base+*page, *pagefind, q, *top)
		}
		rows = append(rows, r)
	}
	sizes := func(f func(row) int) (int, int) {
		var v []int
		for _, r := range rows {
			v = append(v, f(r))
		}
		sort.Ints(v)
		return v[len(v)/2], v[len(v)-1]
	}
	for _, r := range rows {
		fmt.Printf("## %s\n", r.Query)
		fmt.Printf("docloom  (%6.1f KB): %s\n", float64(r.DocloomB)/1024, strings.Join(r.Docloom, "  "))
		if *pagefind != "" {
			fmt.Printf("pagefind (%6.1f KB): %s\n", float64(r.PagefindB)/1024, strings.Join(r.Pagefind, "  "))
		}
	}
	med, max := sizes(func(r row) int { return r.DocloomB })
	fmt.Printf("\ndocloom bytes per query (cold): median %.1f KB, max %.1f KB\n", float64(med)/1024, float64(max)/1024)
	if *pagefind != "" {
		med, max = sizes(func(r row) int { return r.PagefindB })
		fmt.Printf("pagefind bytes per query (cold): median %.1f KB, max %.1f KB\n", float64(med)/1024, float64(max)/1024)
	}
	cq := qs[min(1, len(qs)-1)]
	fmt.Printf("docloom cached query %q (median of 5, 8 results with snippets): %.1f ms\n", cq, docloomCached(ctx, base+*page, cq))
	if *pagefind != "" {
		fmt.Printf("pagefind cached query (median of 5, 5 results with data): %.1f ms\n", pagefindCached(ctx, base+*page, *pagefind, cq, *top))
	}
}

func readLines(p string) []string {
	f, err := os.Open(p)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "searchbench:", err)
	os.Exit(1)
}

// served records the paths requested, workers' requests included (which
// a page's performance entries do not show).
var served struct {
	sync.Mutex
	paths []string
}

// takeServed returns and forgets the paths requested so far.
func takeServed() []string {
	served.Lock()
	defer served.Unlock()
	p := served.paths
	served.paths = nil
	return p
}

// serve serves the site on loopback the way static hosts do (x.html at /x).
func serve(dir string) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	fs := http.FileServer(http.Dir(dir))
	go http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Lock()
		served.paths = append(served.paths, r.URL.Path+"\x00"+r.Header.Get("Range"))
		served.Unlock()
		p := filepath.Join(dir, filepath.FromSlash(path.Clean(r.URL.Path)))
		if st, err := os.Stat(p + ".html"); err == nil && !st.IsDir() {
			r.URL.Path += ".html"
		}
		if strings.HasSuffix(r.URL.Path, ".wasm") {
			w.Header().Set("Content-Type", "application/wasm")
		}
		fs.ServeHTTP(w, r)
	}))
	return "http://" + ln.Addr().String()
}

func browser() (context.Context, context.CancelFunc) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath("/usr/bin/chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-extensions", true),
	}
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, c2 := chromedp.NewContext(actx)
	if err := chromedp.Do(ctx); err != nil {
		fail(err)
	}
	return ctx, func() { c2(); c1() }
}

// fresh opens a new browser context (empty cache) at url.
func fresh(ctx context.Context, url string) (context.Context, context.CancelFunc) {
	tctx, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	tctx, c2 := context.WithTimeout(tctx, 60*time.Second)
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		fail(err)
	}
	return tctx, func() { c2(); cancel() }
}

func eval[T any](ctx context.Context, js string) T {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		fail(fmt.Errorf("%v in %s", err, js[:min(len(js), 80)]))
	}
	return v
}

// fetched is the gzipped size of the resources the page fetched whose
// paths start with one of prefixes; a Range request (a text fragment of
// its pack) counts the bytes of its range.
func fetched(ctx context.Context, site string, prefixes ...string) int {
	total := 0
	seen := map[string]bool{}
	for _, p := range takeServed() {
		if seen[p] {
			continue
		}
		seen[p] = true
		p, rng, _ := strings.Cut(p, "\x00")
		pu := &url.URL{Path: p}
		ok := false
		for _, p := range prefixes {
			ok = ok || strings.HasPrefix(pu.Path, p)
		}
		if !ok {
			continue
		}
		data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(pu.Path)))
		if err != nil {
			continue
		}
		n := wireSize(data)
		var from, to int
		if _, err := fmt.Sscanf(rng, "bytes=%d-%d", &from, &to); err == nil && from <= to && to < len(data) {
			n = to - from + 1
		}
		if os.Getenv("SEARCHBENCH_DEBUG") != "" {
			fmt.Fprintln(os.Stderr, pu.Path, rng, n)
		}
		total += n
	}
	return total
}

func wireSize(data []byte) int {
	if len(data) > 1 && data[0] == 0x1f && data[1] == 0x8b {
		return len(data)
	}
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

func jsq(s string) string { b, _ := json.Marshal(s); return string(b) }

func docloomQuery(ctx context.Context, site, page, q string, n int) ([]string, int) {
	tctx, cancel := fresh(ctx, page)
	defer cancel()
	takeServed()
	urls := eval[[]string](tctx, `(async () => {
		const box = document.querySelector("#site-search-q");
		box.focus();
		box.value = `+jsq(q)+`;
		box.dispatchEvent(new Event("input"));
		for (let i = 0; i < 3000; i++) {
			const l = document.querySelector(".search-list");
			const st = document.querySelector(".search-popup .search-status");
			if (l && l.dataset.query === `+jsq(q)+`) return [...l.querySelectorAll("[role=option] a")].slice(0, `+fmt.Sprint(n)+`).map(a => new URL(a.href).pathname);
			if (st && st.textContent && !l?.children.length && l?.dataset.query === `+jsq(q)+`) return [];
			await new Promise(r => setTimeout(r, 10));
		}
		return ["(timeout)"];
	})()`)
	return urls, fetched(tctx, site, "/_docloom/search", "/_docloom/main-", "/_docloom/search-")
}

func docloomCached(ctx context.Context, page, q string) float64 {
	tctx, cancel := fresh(ctx, page)
	defer cancel()
	return eval[float64](tctx, `(async () => {
		const box = document.querySelector("#site-search-q");
		box.focus();
		// A MutationObserver, not a timer: timers of a tab in the
		// background are slowed to one a second.
		const run = (q) => new Promise((done) => {
			box.value = ""; box.dispatchEvent(new Event("input"));
			const list = document.querySelector(".search-list");
			list.dataset.query = "";
			const t0 = performance.now();
			const obs = new MutationObserver(() => {
				if (list.dataset.query === q) { obs.disconnect(); done(performance.now() - t0); }
			});
			obs.observe(list, { attributes: true });
			box.value = q; box.dispatchEvent(new Event("input"));
		});
		await run(`+jsq(q)+`);
		const t = [];
		for (let i = 0; i < 5; i++) { t.push(await run(`+jsq(q)+`)); }
		t.sort((a, b) => a - b);
		return t[2];
	})()`)
}

func pagefindQuery(ctx context.Context, site, page, bundle, q string, n int) ([]string, int) {
	tctx, cancel := fresh(ctx, page)
	defer cancel()
	takeServed()
	urls := eval[[]string](tctx, `(async () => {
		const pf = await import(`+jsq(bundle+"pagefind.js")+`);
		await pf.init();
		const r = await pf.search(`+jsq(q)+`);
		const d = await Promise.all(r.results.slice(0, `+fmt.Sprint(n)+`).map(x => x.data()));
		return d.map(x => new URL(x.url, location.href).pathname);
	})()`)
	return urls, fetched(tctx, site, bundle)
}

func pagefindCached(ctx context.Context, page, bundle, q string, n int) float64 {
	tctx, cancel := fresh(ctx, page)
	defer cancel()
	return eval[float64](tctx, `(async () => {
		const pf = await import(`+jsq(bundle+"pagefind.js")+`);
		await pf.init();
		const run = async (q) => { const t0 = performance.now(); const r = await pf.search(q); await Promise.all(r.results.slice(0, `+fmt.Sprint(n)+`).map(x => x.data())); return performance.now() - t0; };
		await run(`+jsq(q)+`);
		const t = [];
		for (let i = 0; i < 5; i++) t.push(await run(`+jsq(q)+`));
		t.sort((a, b) => a - b);
		return t[2];
	})()`)
}
