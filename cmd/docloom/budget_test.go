package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runDocloom runs the command in a subprocess (this test binary, see
// TestMain) and kills it after limit: a pathological input must end in a
// diagnostic, not in a stalled process, and a subprocess is the only way to
// bound a hang without hanging the test.
func runDocloom(t *testing.T, limit time.Duration, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DOCLOOM_TEST_RUN_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("docloom %s did not finish within %v:\n%s", strings.Join(args, " "), limit, errb.String())
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String(), errb.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, out.String(), errb.String()
}

// pathologicalSite writes a one-locale site whose deep.md is body, beside a
// normal page.
func pathologicalSite(t *testing.T, body []byte) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string][]byte{
		"docloom.yaml":           []byte("locales:\n  - code: en-us\n"),
		"content/en-us/index.md": []byte("# Home\n\n[The other page](deep.md)\n"),
		"content/en-us/deep.md":  body,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func indentedList(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("# Deep\n\n")
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- item\n")
	}
	return b.Bytes()
}

// Inputs that took goldmark half a minute and most of a gigabyte (a list
// 3,000 deep), never finished (10,000 deep) or took 737 MB (a flat 20 MB
// page) end within seconds in an error at the page, and the rest of the
// site is still checked.
func TestPathologicalPagesEndInDiagnostics(t *testing.T) {
	flat := bytes.Repeat([]byte("Words and more words in a paragraph of a very long page.\n\n"), 20<<20/58)
	shallowThenDeep := append([]byte("# Fine\n\n- a\n  - b\n\n"), indentedList(3000)[8:]...)
	for _, tc := range []struct {
		name, want string
		body       []byte
	}{
		{"list-3000-deep", "content/en-us/deep.md:67:1: error page-too-deep", indentedList(3000)},
		{"list-10000-deep", "content/en-us/deep.md:67:1: error page-too-deep", indentedList(10000)},
		{"shallow-then-deep", "content/en-us/deep.md:70:1: error page-too-deep", shallowThenDeep},
		{"flat-20MB", "content/en-us/deep.md:1:1: error page-too-large", append([]byte("# Flat\n\n"), flat...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := pathologicalSite(t, tc.body)
			os.WriteFile(filepath.Join(site, "content/en-us/broken.md"), []byte("# Broken\n\n[gone](nowhere.md)\n"), 0o644)
			code, _, stderr := runDocloom(t, 20*time.Second, "check", site)
			if code != 1 || !strings.Contains(stderr, tc.want) {
				t.Fatalf("exit %d, want 1 and %q in:\n%s", code, tc.want, stderr)
			}
			if !strings.Contains(stderr, "content/en-us/broken.md:3:") {
				t.Errorf("the other pages were not checked (no file-not-found for broken.md):\n%s", stderr)
			}
		})
	}
}

// --workers beyond the page count used to start a renderer per worker (a
// million turned a 50 ms build into 37 s); the pool is at most one per page.
func TestWorkersClampedToPages(t *testing.T) {
	site := pathologicalSite(t, []byte("# Other\n"))
	code, _, stderr := runDocloom(t, 15*time.Second, "build", "--workers", "1000000", site)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

// A path that is not a site is bad usage, exit 2, and nothing is created.
func TestNotASiteIsUsageError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "file.md"), []byte("# x\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "deep/er"), 0o755)
	os.WriteFile(filepath.Join(dir, "deep/er/docfx.json"), []byte("{}"), 0o644)
	for _, args := range [][]string{
		{"build", filepath.Join(dir, "no/such/site")},
		{"build", "--out", filepath.Join(dir, "out"), filepath.Join(dir, "file.md")},
		{"build", "--out", filepath.Join(dir, "out"), dir}, // docfx.json two levels down is not looked for
		{"check", dir},
		{"serve", "--port", "0", dir},
	} {
		code, stdout, stderr := runDocloom(t, 20*time.Second, args...)
		if code != 2 || stdout != "" || !strings.Contains(stderr, "docloom "+args[0]+": ") {
			t.Errorf("docloom %q: exit %d, want 2 and a message\nstdout: %s\nstderr: %s", args, code, stdout, stderr)
		}
	}
	for _, p := range []string{"no", "out", "public"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err == nil {
			t.Errorf("%s was created", p)
		}
	}
}
