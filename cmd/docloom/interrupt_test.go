package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/docloom/docloom/internal/output"
)

// TestInterruptedBuilds kills real docloom processes (kill -9 and SIGTERM)
// at three moments of a rebuild: after its first file is written, with the
// new tree complete just before the swap, and just after the swap. Each
// time the output folder must hold a complete site (the previous one, or
// after the swap the new one, file for file as a clean build makes it),
// SIGTERM must say so and exit non-zero, and the next build must complete
// and leave nothing beside the output folder but the previous site it
// keeps for the build after it. Each case is run twice: the killed build
// starting from an empty folder, and from the tree the build before it
// kept (which it changes in place before the kill).
func TestInterruptedBuilds(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("kills processes with Unix signals; the swap is atomic on Linux")
	}
	bin := filepath.Join(t.TempDir(), "docloom")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The example site (two locales, three clouds, media), edited for the
	// rebuild: a page changed, a page removed, an image added.
	base := t.TempDir()
	copyTree(t, "../../docloom.yaml", filepath.Join(base, "v1", "docloom.yaml"))
	copyTree(t, "../../content", filepath.Join(base, "v1", "content"))
	v2 := filepath.Join(base, "v2")
	copyTree(t, filepath.Join(base, "v1"), v2)
	page := filepath.Join(v2, "content/en-us/admin/index.md")
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(page, append(data, "\nEdited for the rebuild.\n"...), 0o644)
	removed := firstPage(t, filepath.Join(v2, "content/nl-nl"))
	os.Remove(removed)
	os.WriteFile(filepath.Join(v2, "content/en-us/media/added.svg"), []byte("<svg/>"), 0o644)

	want1 := snapshot(t, buildSite(t, bin, filepath.Join(base, "v1"), filepath.Join(base, "clean1", "public")))
	want2 := snapshot(t, buildSite(t, bin, v2, filepath.Join(base, "clean2", "public")))

	// recycled: the killed build starts from the tree the build before it
	// kept beside the output folder (output's recycle.go), here the v2 site
	// itself; else from an empty folder.
	for _, recycled := range []bool{false, true} {
		for _, point := range []string{"write", "swap", "swapped"} {
			for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGTERM} {
				name := point + "-" + strings.ToLower(sig.String()[:4])
				if recycled {
					name += "-recycled"
				}
				t.Run(name, func(t *testing.T) {
					dir := t.TempDir()
					site := filepath.Join(dir, "site")
					out := filepath.Join(dir, "public")
					if recycled {
						copyTree(t, v2, site)
						buildSite(t, bin, site, out)
						os.RemoveAll(site)
					}
					copyTree(t, filepath.Join(base, "v1"), site)
					buildSite(t, bin, site, out)
					if _, err := os.Stat(filepath.Join(dir, ".public.previous")); err != nil && recycled {
						t.Fatalf("no tree kept for the next build: %v", err)
					}
					os.RemoveAll(site)
					copyTree(t, v2, site)

					code, stderr := killAt(t, bin, site, out, point, sig)
					want, which := want1, "the previous site"
					if point == "swapped" {
						want, which = want2, "the new site"
					}
					if diff := compare(snapshot(t, out), want); diff != "" {
						t.Errorf("after %s at %q the output is not %s: %s", sig, point, which, diff)
					}
					if sig == syscall.SIGTERM {
						if code != 143 {
							t.Errorf("exit code %d after SIGTERM, want 143", code)
						}
						msg := "build cancelled; previous site intact"
						if point == "swapped" {
							msg = "build cancelled after the new site was in place"
						}
						if !strings.Contains(stderr, msg) {
							t.Errorf("stderr does not say %q:\n%s", msg, stderr)
						}
						assertClean(t, out) // SIGTERM cleans up at once
					}

					buildSite(t, bin, site, out)
					if diff := compare(snapshot(t, out), want2); diff != "" {
						t.Errorf("the build after the interrupted one is not the clean build: %s", diff)
					}
					assertClean(t, out)
				})
			}
		}
	}
}

// killAt runs a build that pauses at point, sends sig, and returns the
// exit code and stderr.
func killAt(t *testing.T, bin, site, out, point string, sig syscall.Signal) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, "build", "--out", out, site)
	cmd.Env = append(os.Environ(), "DOCLOOM_TEST_PAUSE="+point)
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	paused := make(chan bool, 1)
	// The reader owns log until readDone is closed, at the end of stderr.
	// cmd.Wait closes the pipe once the process has exited, so it is only
	// called after readDone: otherwise the last lines (the cancellation
	// message) could be lost when Wait wins the race.
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(pipe)
		said := false
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if !said && strings.Contains(sc.Text(), "paused at "+point) {
				said = true
				paused <- true
			}
		}
		if !said {
			paused <- false
		}
	}()
	select {
	case ok := <-paused:
		if !ok {
			cmd.Wait()
			t.Fatalf("the build never reached %q:\n%s", point, log.String())
		}
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the build did not reach %q in 60 s", point)
	}
	cmd.Process.Signal(sig)
	select {
	case <-readDone:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-readDone
		cmd.Wait()
		t.Fatalf("the build did not exit within 30 s of %s", sig)
	}
	cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	if sig == syscall.SIGKILL && code != -1 {
		t.Errorf("exit code %d after kill -9", code)
	}
	return code, log.String()
}

func buildSite(t *testing.T, bin, site, out string) string {
	t.Helper()
	cmd := exec.Command(bin, "build", "--out", out, site)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build of %s: %v\n%s", site, err, msg)
	}
	return out
}

// snapshot maps every file of a site to a hash of its bytes (docloom's own
// files, which record file times, aside).
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	files := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || output.Own(d.Name()) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("%s holds %d files: not a site", dir, len(files))
	}
	return files
}

func compare(got, want map[string][32]byte) string {
	var diffs []string
	for rel, h := range want {
		if g, ok := got[rel]; !ok {
			diffs = append(diffs, "missing "+rel)
		} else if g != h {
			diffs = append(diffs, "different "+rel)
		}
	}
	for rel := range got {
		if _, ok := want[rel]; !ok {
			diffs = append(diffs, "extra "+rel)
		}
	}
	if len(diffs) > 5 {
		diffs = append(diffs[:5], "...")
	}
	return strings.Join(diffs, ", ")
}

// assertClean: nothing but the output folder in its parent, and the
// previous site kept for the next build.
func assertClean(t *testing.T, out string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(out)+".") && e.Name() != "."+filepath.Base(out)+".previous" {
			t.Errorf("left beside the output: %s", e.Name())
		}
	}
}

func firstPage(t *testing.T, dir string) string {
	t.Helper()
	var found string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if found == "" && err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "index.md") {
			found = p
		}
		return nil
	})
	if found == "" {
		t.Fatalf("no page in %s", dir)
	}
	return found
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		os.MkdirAll(filepath.Dir(target), 0o755)
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		outf, err := os.Create(target)
		if err != nil {
			return err
		}
		defer outf.Close()
		_, err = io.Copy(outf, in)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
