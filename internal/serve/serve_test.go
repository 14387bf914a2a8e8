package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/build"
)

// testSite writes a small site: two clouds, a page and a second page that
// share an include, a page without it, and a footer layout override.
func testSite(t testing.TB) string {
	t.Helper()
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"docloom.yaml":                     "title: Serve test\ndefaultLocale: en-us\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
		"content/en-us/page.md":            "# Page one\n\nFirst version.\n\n[!INCLUDE [shared](includes/shared.md)]\n",
		"content/en-us/other.md":           "# Other page\n\n[!INCLUDE [shared](includes/shared.md)]\n",
		"content/en-us/lonely.md":          "# Lonely page\n\nNo include here.\n",
		"content/en-us/includes/shared.md": "Shared text v1.\n",
		"layouts/partials/footer.html":     "{{define \"footer\"}}<footer>Footer v1</footer>{{end}}\n",
	})
	return site
}

func writeFiles(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// syncBuffer is the console, written by the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startServer(t testing.TB, site string) (*Server, *syncBuffer) {
	t.Helper()
	console := &syncBuffer{}
	srv, err := Start(Options{Site: site, Port: 0, Log: console})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv, console
}

// sse is one event stream as a browser tab would open it.
type sse struct {
	events chan sseEvent
}

type sseEvent struct {
	Name string
	Data map[string]any
}

func openEvents(t testing.TB, srv *Server, page string) *sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL()+strings.TrimPrefix(EventsPath, "/")+"?page="+page, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	s := &sse{events: make(chan sseEvent, 64)}
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.Name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.Data)
			case line == "" && ev.Name != "":
				s.events <- ev
				ev = sseEvent{}
			}
		}
	}()
	s.expect(t, "hello")
	return s
}

// expect waits for the next event with this name, skipping others. The
// timeout only guards against a hang.
func (s *sse) expect(t testing.TB, name string) sseEvent {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev := <-s.events:
			if ev.Name == name {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %q event arrived", name)
		}
	}
}

func (ev sseEvent) paths() []string {
	var out []string
	list, _ := ev.Data["paths"].([]any)
	for _, p := range list {
		out = append(out, p.(string))
	}
	return out
}

func get(t testing.TB, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestEditsReloadTheRightPages(t *testing.T) {
	site := testSite(t)
	srv, console := startServer(t, site)
	if c := console.String(); !strings.Contains(c, "serving "+site+" at http://127.0.0.1:") || !strings.Contains(c, "built 6 documents from 3 pages in") {
		t.Errorf("start-up message:\n%s", c)
	}
	tab := openEvents(t, srv, "/en-us/a/page")
	url := func(p string) string { return srv.URL() + strings.TrimPrefix(p, "/") }
	code, body := get(t, url("/en-us/a/page"))
	if code != 200 || !strings.Contains(body, "First version.") || !strings.Contains(body, ScriptTag+"\n</body>") && !strings.Contains(body, ScriptTag+"</body>") {
		t.Fatalf("first page: %d\n%s", code, body)
	}

	t.Run("page", func(t *testing.T) {
		writeFiles(t, site, map[string]string{"content/en-us/page.md": "# Page one\n\nSecond version.\n"})
		ev := tab.expect(t, "reload")
		got := ev.paths()
		if !slices.Contains(got, "/en-us/a/page") || !slices.Contains(got, "/en-us/b/page") || slices.Contains(got, "/en-us/a/lonely") || ev.Data["full"] == true {
			t.Errorf("reload %v", ev.Data)
		}
		if _, body := get(t, url("/en-us/a/page")); !strings.Contains(body, "Second version.") {
			t.Errorf("new content not served:\n%s", body)
		}
		if c := console.String(); !strings.Contains(c, "changed content/en-us/page.md") || !strings.Contains(c, "rebuilt ") {
			t.Errorf("console:\n%s", c)
		}
	})

	t.Run("include", func(t *testing.T) {
		writeFiles(t, site, map[string]string{"content/en-us/includes/shared.md": "Shared text v2.\n"})
		ev := tab.expect(t, "reload")
		got := ev.paths()
		if !slices.Contains(got, "/en-us/a/other") || !slices.Contains(got, "/en-us/b/other") || slices.Contains(got, "/en-us/a/lonely") {
			t.Errorf("reload %v", ev.Data)
		}
		if _, body := get(t, url("/en-us/b/other")); !strings.Contains(body, "Shared text v2.") {
			t.Errorf("new include text not served:\n%s", body)
		}
	})

	t.Run("layout", func(t *testing.T) {
		writeFiles(t, site, map[string]string{"layouts/partials/footer.html": "{{define \"footer\"}}<footer>Footer v2</footer>{{end}}\n"})
		if ev := tab.expect(t, "reload"); ev.Data["full"] != true {
			t.Errorf("a layout edit must reload every page: %v", ev.Data)
		}
		if _, body := get(t, url("/en-us/a/lonely")); !strings.Contains(body, "Footer v2") {
			t.Errorf("new layout not used:\n%s", body)
		}
	})

	t.Run("stylesheet", func(t *testing.T) {
		writeFiles(t, site, map[string]string{"static/css/main.css": "body { color: rebeccapurple }\n"})
		ev := tab.expect(t, "css")
		if ev.Data["gen"] == nil {
			t.Errorf("css event %v", ev.Data)
		}
		_, body := get(t, url("/en-us/a/page"))
		i := strings.Index(body, `<link rel="stylesheet" href="/_docloom/`)
		if i < 0 {
			t.Fatalf("no stylesheet link:\n%s", body)
		}
		href := body[i+len(`<link rel="stylesheet" href="`):]
		href = href[:strings.Index(href, `"`)]
		if code, css := get(t, url(href)); code != 200 || !strings.Contains(css, "#639") && !strings.Contains(css, "rebeccapurple") {
			t.Errorf("new stylesheet %s: %d %q", href, code, css)
		}
	})

	t.Run("error-and-fix", func(t *testing.T) {
		writeFiles(t, site, map[string]string{"content/en-us/lonely.md": "# Lonely page\n\n::: moniker range=\"nosuch\"\nx\n::: moniker-end\n"})
		ev := tab.expect(t, "error")
		list, _ := ev.Data["diagnostics"].([]any)
		if len(list) == 0 {
			t.Fatalf("error event without diagnostics: %v", ev.Data)
		}
		d := list[0].(map[string]any)
		if d["file"] != "content/en-us/lonely.md" || d["line"] != float64(3) || d["severity"] != "error" || d["message"] == "" {
			t.Errorf("diagnostic %v", d)
		}
		if _, body := get(t, url("/en-us/a/lonely")); !strings.Contains(body, "No include here.") {
			t.Errorf("the last good page is not served:\n%s", body)
		}
		if c := console.String(); !strings.Contains(c, "content/en-us/lonely.md:3") || !strings.Contains(c, "rebuild failed") {
			t.Errorf("console:\n%s", c)
		}
		// A tab opened now sees the failure at once.
		late := openEvents(t, srv, "/en-us/a/lonely")
		late.expect(t, "error")

		writeFiles(t, site, map[string]string{"content/en-us/lonely.md": "# Lonely page\n\nFixed.\n"})
		tab.expect(t, "ok")
		tab.expect(t, "reload")
		late.expect(t, "ok")
		if ev := late.expect(t, "reload"); !slices.Contains(ev.paths(), "/en-us/a/lonely") {
			t.Errorf("reload after the fix: %v", ev.Data)
		}
		if _, body := get(t, url("/en-us/a/lonely")); !strings.Contains(body, "Fixed.") {
			t.Errorf("fixed page not served:\n%s", body)
		}
	})

	t.Run("front-matter-error", func(t *testing.T) {
		writeFiles(t, site, map[string]string{"content/en-us/lonely.md": "---\ntitle: a: b\n---\n# Lonely page\n\nFixed.\n"})
		ev := tab.expect(t, "error")
		list, _ := ev.Data["diagnostics"].([]any)
		if len(list) != 1 || list[0].(map[string]any)["code"] != "yaml-header-syntax-error" || list[0].(map[string]any)["line"] != float64(2) {
			t.Fatalf("error event %v: want the front matter's yaml-header-syntax-error at line 2", ev.Data)
		}
		writeFiles(t, site, map[string]string{"content/en-us/lonely.md": "---\ntitle: Lonely\n---\n# Lonely page\n\nFixed.\n"})
		tab.expect(t, "ok")
		if ev := tab.expect(t, "reload"); !slices.Contains(ev.paths(), "/en-us/a/lonely") {
			t.Errorf("reload after the fix: %v", ev.Data)
		}
	})

	t.Run("atomic-save-and-new-folder", func(t *testing.T) {
		tmp := filepath.Join(site, "content/en-us/page.md.tmp")
		os.WriteFile(tmp, []byte("# Page one\n\nThird version.\n"), 0o644)
		os.Rename(tmp, filepath.Join(site, "content/en-us/page.md"))
		tab.expect(t, "reload")
		if _, body := get(t, url("/en-us/a/page")); !strings.Contains(body, "Third version.") {
			t.Errorf("atomic save not picked up:\n%s", body)
		}
		writeFiles(t, site, map[string]string{"content/en-us/guides/new.md": "# Brand new\n"})
		for {
			if ev := tab.expect(t, "reload"); slices.Contains(ev.paths(), "/en-us/a/guides/new") {
				break
			}
		}
		if code, body := get(t, url("/en-us/a/guides/new")); code != 200 || !strings.Contains(body, "Brand new") {
			t.Errorf("page in a new folder: %d\n%s", code, body)
		}
	})
}

// TestReconnectCatchesUp: a tab that was hidden (stream closed) learns on
// reconnecting whether its page changed meanwhile.
func TestReconnectCatchesUp(t *testing.T) {
	site := testSite(t)
	srv, _ := startServer(t, site)
	tab := openEvents(t, srv, "/en-us/a/page")
	writeFiles(t, site, map[string]string{"content/en-us/lonely.md": "# Lonely page\n\nEdited.\n"})
	ev := tab.expect(t, "reload")
	last := int(ev.Data["gen"].(float64))
	inst := srv.hub.instance
	changed := func(page string, since int) bool {
		res, err := http.Get(srv.URL() + "_docloom/events?page=" + page + "&instance=" + inst + "&since=" + strconv.Itoa(since))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		// The initial events arrive in one flush; read until the hello.
		buf := make([]byte, 4096)
		n, _ := io.ReadAtLeast(res.Body, buf, 20)
		return strings.Contains(string(buf[:n]), "event: reload")
	}
	if !changed("/en-us/a/lonely", last-1) {
		t.Error("a tab on the edited page was not told to reload")
	}
	if changed("/en-us/a/page", last-1) {
		t.Error("a tab on an unchanged page was told to reload")
	}
	if changed("/en-us/a/lonely", last) {
		t.Error("a tab that saw the last build was told to reload")
	}
}

func TestFailedFirstBuildStillServes(t *testing.T) {
	site := testSite(t)
	writeFiles(t, site, map[string]string{"content/en-us/page.md": "# Page\n\n::: moniker range=\"zzz\"\nx\n::: moniker-end\n"})
	srv, console := startServer(t, site)
	if !strings.Contains(console.String(), "the build failed") {
		t.Errorf("console:\n%s", console.String())
	}
	tab := openEvents(t, srv, "/en-us/a/page")
	tab.expect(t, "error")
	writeFiles(t, site, map[string]string{"content/en-us/page.md": "# Page\n\nGood now.\n"})
	tab.expect(t, "ok")
	if _, body := get(t, srv.URL()+"en-us/a/page"); !strings.Contains(body, "Good now.") {
		t.Errorf("page after the fix:\n%s", body)
	}
}

func TestSymlinkOutsideIsNotServed(t *testing.T) {
	site := testSite(t)
	outside := t.TempDir()
	writeFiles(t, outside, map[string]string{"secret.txt": "TOP SECRET", "dir/secret.png": "TOP SECRET"})
	// A real image beside the links is served: the links are not skipped
	// merely for their file type.
	writeFiles(t, site, map[string]string{"content/en-us/media/real.png": "PNG"})
	if err := os.Symlink(filepath.Join(outside, "dir/secret.png"), filepath.Join(site, "content/en-us/media/secret.png")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink(filepath.Join(outside, "dir"), filepath.Join(site, "content/en-us/linked"))
	os.MkdirAll(filepath.Join(site, "static"), 0o755)
	os.Symlink(outside, filepath.Join(site, "static/outside"))
	srv, _ := startServer(t, site)
	if code, body := get(t, srv.URL()+"en-us/media/real.png"); code != 200 || body != "PNG" {
		t.Errorf("control image: %d %q", code, body)
	}
	for _, p := range []string{"en-us/media/secret.png", "en-us/linked/secret.png", "_docloom/outside/secret.txt", "en-us/linked/", "linked/secret.png"} {
		code, body := get(t, srv.URL()+p)
		if code == 200 || strings.Contains(body, "TOP SECRET") {
			t.Errorf("GET /%s: %d %q", p, code, body)
		}
	}
}

func TestBusyPortMovesOn(t *testing.T) {
	site := testSite(t)
	first, _ := startServer(t, site)
	port := first.URL()[len("http://127.0.0.1:") : len(first.URL())-1]
	console := &syncBuffer{}
	var p int
	for _, c := range port {
		p = p*10 + int(c-'0')
	}
	second, err := Start(Options{Site: site, Port: p, Log: console})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if second.URL() == first.URL() || !strings.Contains(console.String(), "is in use; serving on port") {
		t.Errorf("second server at %s; console:\n%s", second.URL(), console.String())
	}
}

// TestBuiltSiteHasNoLiveReload: the script is injected by serve only.
func TestBuiltSiteHasNoLiveReload(t *testing.T) {
	site := testSite(t)
	out := filepath.Join(t.TempDir(), "public")
	if res := build.Run(build.Options{Site: site, Out: out}); res.Failed(false) {
		t.Fatalf("build failed: %v", res.Diags)
	}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			if bytes.Contains(data, []byte("livereload")) || bytes.Contains(data, []byte(EventsPath)) {
				t.Errorf("%s mentions the live reload client", p)
			}
		}
		return nil
	})
}

// On a large docset the first page is served while the first build is
// still running: the author does not wait for every page.
func TestFirstPageDuringFirstBuild(t *testing.T) {
	site := t.TempDir()
	const pages = 600
	files := map[string]string{
		"docloom.yaml": "title: Big\ndefaultLocale: en-us\nlocales:\n  - code: en-us\nmonikers:\n  - name: a\n  - name: b\n",
	}
	for i := range pages {
		files[fmt.Sprintf("content/en-us/p%04d.md", i)] = fmt.Sprintf("# Page %d\n\nText of page %d.\n\n```powershell\nGet-Item C:\\%d\n```\n", i, i, i)
	}
	writeFiles(t, site, files)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	console := &syncBuffer{}
	type answer struct {
		code       int
		body       string
		afterBuilt bool
	}
	got := make(chan answer, 1)
	go func() {
		url := fmt.Sprintf("http://127.0.0.1:%d/en-us/b/p%04d", port, pages-1)
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if res, err := http.Get(url); err == nil {
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				got <- answer{res.StatusCode, string(body), strings.Contains(console.String(), "docloom: built ")}
				return
			}
			time.Sleep(2 * time.Millisecond)
		}
		got <- answer{}
	}()
	srv, err := Start(Options{Site: site, Port: port, Log: console})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	a := <-got
	if a.code != http.StatusOK || !strings.Contains(a.body, fmt.Sprintf("Text of page %d.", pages-1)) || !strings.Contains(a.body, ScriptTag) {
		t.Fatalf("first page: %d\n%s", a.code, a.body)
	}
	if a.afterBuilt {
		t.Errorf("the page was answered only after the first build:\n%s", console.String())
	}
	if _, after := get(t, srv.URL()+fmt.Sprintf("en-us/b/p%04d", pages-1)); after != a.body {
		t.Errorf("the page served during the first build differs from the built one")
	}
}
