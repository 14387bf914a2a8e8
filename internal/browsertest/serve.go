package browsertest

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Serve serves the folder dir over HTTP on 127.0.0.1 until the test ends and
// returns the base URL (no trailing slash). Responses are marked uncacheable
// so a reload always sees the files as they are.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
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
