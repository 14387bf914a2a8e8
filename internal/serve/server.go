// Package serve is `docloom serve`: it builds the site into memory, serves
// it over HTTP, watches the sources with fsnotify and rebuilds what a save
// affects, and tells open browser tabs over Server-Sent Events to reload
// (only the tabs whose page changed), to swap stylesheets, or to show the
// build errors in an overlay.
//
// The package writes to the console writer it is given (the command's
// stderr); it never prints on its own.
package serve

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/config"
	"github.com/docloom/docloom/internal/diag"
)

// PortTries is how many ports after a busy one are tried.
const PortTries = 10

// Options say what to serve and where.
type Options struct {
	Site   string    // site folder
	Bind   string    // address to listen on; "" is 127.0.0.1
	Port   int       // first port to try; 0 picks any free port
	Strict bool      // warnings fail a rebuild (shown in the overlay)
	Log    io.Writer // console; nil discards
	// Open starts the build engine; nil uses the incremental build session.
	Open OpenFunc
}

// Server is a running preview server.
type Server struct {
	opts   Options
	hub    *hub
	client []byte // the bundled live reload script
	log    io.Writer
	url    string
	root   string // absolute site folder

	mu     sync.RWMutex
	engine Engine

	http  *http.Server
	watch *watcher
	// headers are the production response headers (netlify.toml).
	headers []headerRule

	pmu     sync.Mutex
	pending map[string]struct{}
	kick    chan struct{}
	done    chan struct{}
	loop    sync.WaitGroup
	once    sync.Once

	seen map[string]bool // diagnostics already printed (rebuild loop only)

	// lastTook and lastRendered describe the last rebuild, for benchmarks.
	lastTook, lastRendered atomic.Int64
}

// Start builds the site, starts listening and watching, and returns. A
// failed first build still starts the server: the pages show the errors.
// An error means the server could not start at all (no free port, no
// watcher, the client script failed to bundle).
func Start(opts Options) (*Server, error) {
	s := &Server{opts: opts, hub: newHub(), log: opts.Log, pending: map[string]struct{}{},
		kick: make(chan struct{}, 1), done: make(chan struct{}), seen: map[string]bool{}}
	if s.log == nil {
		s.log = io.Discard
	}
	if s.opts.Bind == "" {
		s.opts.Bind = "127.0.0.1"
	}
	async := s.opts.Open == nil
	if async {
		s.opts.Open = OpenSession
	}
	root, err := filepath.Abs(opts.Site)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("the site folder %s does not exist or is not a folder", opts.Site)
	}
	s.root = root
	if s.headers, err = loadHeaders(root); err != nil {
		fmt.Fprintf(s.log, "docloom: warning: %v\n", err)
	}
	if s.client, err = bundleClient(); err != nil {
		return nil, err
	}
	ln, err := s.listen()
	if err != nil {
		return nil, err
	}

	// Watch the site folder before the first build, so that a save during
	// a long first build is queued for the first rebuild rather than lost.
	w, err := newWatcher([]string{root}, []string{filepath.Join(root, "public")}, s.enqueue, func(err error) {
		fmt.Fprintf(s.log, "docloom: watching: %v\n", err)
	})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("starting the file watcher: %w", err)
	}
	s.watch = w

	start := time.Now()
	bopts := build.Options{Site: opts.Site, Strict: opts.Strict, NoWrite: true}
	s.http = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	announce := func(what string) {
		fmt.Fprintf(s.log, "docloom: serving %s at %s (Ctrl+C to stop)%s\n", s.root, s.url, what)
		if !isLoopback(s.opts.Bind) {
			fmt.Fprintf(s.log, "docloom: warning: listening on %s, not on loopback: anyone who can reach this machine can read the preview, drafts included\n", s.opts.Bind)
		}
	}
	if async {
		// Serve while the first build runs: a page asked for is rendered
		// next (build.OpenAsync), so on a large docset the author's first
		// page does not wait for the thousands of others.
		sess, wait := build.OpenAsync(bopts)
		s.engine = sessionEngine{sess}
		go s.http.Serve(ln)
		announce("; building, pages are served as they are built")
		s.report(wait(), nil, time.Since(start), true)
	} else {
		e, res := s.opts.Open(bopts)
		s.engine = e
		s.report(res, nil, time.Since(start), true)
		go s.http.Serve(ln)
		announce("")
	}
	for _, r := range s.roots() {
		w.addTree(r, nil) // locale folders outside the site folder
	}
	s.loop.Add(1)
	go s.rebuildLoop()
	return s, nil
}

// URL is the server's base URL with a trailing slash.
func (s *Server) URL() string { return s.url }

// Clients is the number of open live reload streams.
func (s *Server) Clients() int { return s.hub.count() }

// Close stops watching and serving.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		close(s.done)
		s.watch.close()
		s.hub.close()
		err = s.http.Close()
		s.loop.Wait()
		s.closeEngine()
	})
	return err
}

func (s *Server) closeEngine() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.engine.(io.Closer); ok {
		c.Close()
	}
}

// listen opens the port, or one of the next PortTries ports when it is
// busy (saying so), or explains which ports were tried.
func (s *Server) listen() (net.Listener, error) {
	port := s.opts.Port
	for i := 0; ; i++ {
		ln, err := net.Listen("tcp", net.JoinHostPort(s.opts.Bind, strconv.Itoa(port+i)))
		if err == nil {
			got := ln.Addr().(*net.TCPAddr).Port
			if i > 0 {
				fmt.Fprintf(s.log, "docloom: port %d is in use; serving on port %d instead\n", port, got)
			}
			host := s.opts.Bind
			if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
				host = "localhost"
			}
			s.url = "http://" + net.JoinHostPort(host, strconv.Itoa(got)) + "/"
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) || port == 0 {
			return nil, fmt.Errorf("listening on %s: %w", net.JoinHostPort(s.opts.Bind, strconv.Itoa(port+i)), err)
		}
		if i == PortTries || port+i >= 65535 {
			return nil, fmt.Errorf("ports %d to %d on %s are all in use; choose another with --port (--port 0 picks any free port)",
				port, port+i, s.opts.Bind)
		}
	}
}

// site is the configuration of the last good build, or nil.
func (s *Server) site() *config.Site {
	s.mu.RLock()
	e := s.engine
	s.mu.RUnlock()
	if e == nil {
		return nil
	}
	return e.Site()
}

// enqueue adds a batch of changed paths for the rebuild loop. Batches that
// arrive while a rebuild runs are merged into the next one.
func (s *Server) enqueue(paths []string) {
	s.pmu.Lock()
	for _, p := range paths {
		s.pending[p] = struct{}{}
	}
	s.pmu.Unlock()
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

func (s *Server) take() []string {
	s.pmu.Lock()
	defer s.pmu.Unlock()
	paths := make([]string, 0, len(s.pending))
	for p := range s.pending {
		paths = append(paths, p)
	}
	s.pending = map[string]struct{}{}
	sort.Strings(paths)
	return paths
}

func (s *Server) rebuildLoop() {
	defer s.loop.Done()
	for {
		select {
		case <-s.done:
			return
		case <-s.kick:
			if paths := s.take(); len(paths) > 0 {
				s.rebuild(paths)
			}
		}
	}
}

// rebuild runs one update and tells the console and the open tabs.
func (s *Server) rebuild(paths []string) {
	start := time.Now()
	s.mu.RLock()
	e := s.engine
	s.mu.RUnlock()
	var res *build.Result
	var ch Changes
	if e == nil {
		// The engine could not even start: try again from scratch.
		e, res = s.opts.Open(build.Options{Site: s.opts.Site, Strict: s.opts.Strict, NoWrite: true})
		s.mu.Lock()
		old := s.engine
		s.engine = e
		s.mu.Unlock()
		if c, ok := old.(io.Closer); ok && old != e {
			c.Close()
		}
		ch = Changes{Full: true}
	} else {
		res, ch = e.Update(paths)
	}
	took := time.Since(start)
	s.lastTook.Store(int64(took))
	s.lastRendered.Store(int64(ch.Rendered))
	s.report(res, &rebuildInfo{paths: paths, changes: ch}, took, false)
	if ch.Full {
		for _, r := range s.roots() {
			s.watch.addTree(r, nil) // a new locale folder, say
		}
	}
}

func (s *Server) roots() []string {
	s.mu.RLock()
	e := s.engine
	s.mu.RUnlock()
	if e == nil {
		return []string{s.root}
	}
	roots := e.Roots()
	if len(roots) == 0 {
		roots = []string{s.root}
	}
	return roots
}

type rebuildInfo struct {
	paths   []string
	changes Changes
}

// report prints a build's outcome and pushes it to the tabs.
func (s *Server) report(res *build.Result, rb *rebuildInfo, took time.Duration, first bool) {
	if res == nil {
		res = &build.Result{}
	}
	failed := res.Failed(s.opts.Strict)
	for _, d := range res.Diags {
		failed = failed || overlaid(d, s.opts.Strict)
	}
	current := map[string]bool{}
	for _, d := range res.Diags {
		line := d.String()
		current[line] = true
		if first || d.Severity == diag.Error || !s.seen[line] {
			fmt.Fprintln(s.log, line)
		}
	}
	s.seen = current
	ms := took.Round(time.Millisecond)
	if ms == 0 {
		ms = took.Round(time.Microsecond)
	}
	if rb != nil {
		fmt.Fprintf(s.log, "docloom: changed %s\n", s.names(rb.paths))
	}
	switch {
	case failed && first:
		fmt.Fprintf(s.log, "docloom: the build failed (%d errors, %d warnings) in %v; fix the files and the pages will reload\n", res.Errors, res.Warnings, ms)
	case failed:
		fmt.Fprintf(s.log, "docloom: rebuild failed (%d errors, %d warnings) in %v; still serving the last good build\n", res.Errors, res.Warnings, ms)
	case first:
		fmt.Fprintf(s.log, "docloom: built %d documents from %d pages in %v\n", res.Outputs, res.Pages, ms)
	default:
		ch := rb.changes
		what := fmt.Sprintf("%d pages changed", len(ch.Pages))
		switch {
		case ch.CSSOnly:
			what = "stylesheets swapped"
		case ch.Full:
			what = "full reload"
		case len(ch.Pages) == 1:
			what = "1 page changed"
		}
		fmt.Fprintf(s.log, "docloom: rebuilt %d documents in %v (%s)\n", ch.Rendered, ms, what)
	}
	if failed {
		s.hub.failed(errorPayload(res.Diags, s.opts.Strict))
		return
	}
	if rb != nil {
		ch := rb.changes
		urls := make([]string, 0, len(ch.Pages))
		for _, p := range ch.Pages {
			urls = append(urls, URLPath(p))
		}
		// An edited image or script may be on any page: reload them all,
		// unless pages changed (they say where) or the files are new (only
		// the pages that link to them show them, and those are in Pages).
		full := ch.Full || (!ch.CSSOnly && len(ch.Assets) > len(ch.NewAssets) && len(ch.Pages) == 0)
		s.hub.succeeded(urls, full, ch.CSSOnly)
	} else {
		s.hub.succeeded(nil, false, false)
	}
}

// names lists changed files relative to the site, at most five.
func (s *Server) names(paths []string) string {
	var out []string
	for i, p := range paths {
		if i == 5 {
			out = append(out, fmt.Sprintf("and %d more", len(paths)-5))
			break
		}
		if rel, err := filepath.Rel(s.root, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = filepath.ToSlash(rel)
		}
		out = append(out, p)
	}
	return strings.Join(out, ", ")
}

// URLPath is the URL path a browser shows for an output path:
// "en-us/admin/index.html" is "/en-us/admin/", "en-us/admin/x.html" is
// "/en-us/admin/x", "404.html" is "/404".
func URLPath(rel string) string {
	if rel == "index.html" {
		return "/"
	}
	if strings.HasSuffix(rel, "/index.html") {
		return "/" + strings.TrimSuffix(rel, "index.html")
	}
	return "/" + strings.TrimSuffix(rel, ".html")
}
