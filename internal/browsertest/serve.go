package browsertest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// Serve serves the folder dir over HTTP on 127.0.0.1 until the test ends and
// returns the base URL (no trailing slash). Responses are marked uncacheable
// so a reload always sees the files as they are.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	files := Files(dir)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("browsertest: listening on 127.0.0.1: %v", err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}

// Files serves a built site the way Netlify does with its default pretty
// URLs: "/x" is answered from x.html when there is no file x, and "/x/"
// redirects to "/x" when there is x.html but no x/index.html. docloom
// publishes pages as x.html, so a plain file server would not do.
func Files(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	isFile := func(p string) bool {
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Clean("/"+p))))
		return err == nil && !st.IsDir()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p != "/" && strings.HasSuffix(p, "/") && !isFile(p+"index.html") && isFile(strings.TrimSuffix(p, "/")+".html"):
			target := strings.TrimSuffix(p, "/")
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		case !strings.HasSuffix(p, "/") && path.Ext(p) == "" && !isFile(p) && isFile(p+".html"):
			r2 := r.Clone(r.Context())
			r2.URL.Path = p + ".html"
			// http.FileServer redirects "/x.html" nowhere; it serves it.
			files.ServeHTTP(w, r2)
			return
		}
		files.ServeHTTP(w, r)
	})
}
