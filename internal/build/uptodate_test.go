package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestUpToDate: a build with the same inputs as the one that made the
// output keeps it and reports the same diagnostics; any change to an
// input, a file missing from the output, or other options build again.
func TestUpToDate(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0 // the test's edits all move file times
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":          "title: U\nlocales:\n  - code: en-us\n",
		"content/en-us/TOC.yml": "- name: A\n  href: a.md\n- name: B\n  href: b.md\n",
		"content/en-us/a.md":    "# A\n\n[broken](nowhere.md)\n",
		"content/en-us/b.md":    "# B\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	first := mustBuild(t, Options{Site: site, Out: out})
	if first.UpToDate || first.Warnings == 0 {
		t.Fatalf("first build: up to date %v, %d warnings", first.UpToDate, first.Warnings)
	}
	again := mustBuild(t, Options{Site: site, Out: out})
	if !again.UpToDate || !strings.Contains(again.Summary(), "up to date") {
		t.Fatalf("an unchanged site was built again: %s", again.Summary())
	}
	if !slices.Equal(diagStrings(again), diagStrings(first)) || !slices.Equal(again.Files, first.Files) || again.Outputs != first.Outputs {
		t.Errorf("an up-to-date build reports other diagnostics or files:\n%v\n%v", diagStrings(again), diagStrings(first))
	}
	if res := mustBuild(t, Options{Site: site, Out: out, Strict: false, Workers: 1}); !res.UpToDate {
		t.Error("the worker count changed the verdict")
	}
	if res := Run(Options{Site: site, Out: out, Strict: true}); res.UpToDate {
		t.Error("--strict reused a build made without it")
	}

	os.WriteFile(filepath.Join(site, "content/en-us/b.md"), []byte("# B edited\n"), 0o644)
	edited := mustBuild(t, Options{Site: site, Out: out})
	if edited.UpToDate || !strings.Contains(readFile(t, filepath.Join(out, fileEnding(t, edited, "/b.html"))), "B edited") {
		t.Fatalf("an edited page was not built: %s", edited.Summary())
	}
	if res := mustBuild(t, Options{Site: site, Out: out}); !res.UpToDate {
		t.Error("not up to date after the rebuild")
	}

	a := filepath.Join(out, fileEnding(t, edited, "/a.html"))
	os.Remove(a)
	if res := mustBuild(t, Options{Site: site, Out: out}); res.UpToDate {
		t.Error("an output with a file missing was kept")
	}
	if _, err := os.Stat(a); err != nil {
		t.Error("the missing file was not written again")
	}

	os.WriteFile(filepath.Join(site, "content/en-us/c.md"), []byte("# C\n"), 0o644)
	if res := mustBuild(t, Options{Site: site, Out: out}); res.UpToDate {
		t.Error("a new page did not rebuild the site")
	}
}

// TestUpToDateFollowsGit: a commit changes the pages' "last updated" dates,
// so it builds again even though no file changed.
func TestUpToDateFollowsGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":       "title: G\nlocales:\n  - code: en-us\n",
		"content/en-us/a.md": "# A\n",
	})
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", site, "-c", "user.name=T", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	out := filepath.Join(t.TempDir(), "public")
	mustBuild(t, Options{Site: site, Out: out})
	if res := mustBuild(t, Options{Site: site, Out: out}); !res.UpToDate {
		t.Fatal("not up to date without a change")
	}
	git("commit", "-q", "--allow-empty", "-m", "two")
	if res := mustBuild(t, Options{Site: site, Out: out}); res.UpToDate {
		t.Error("a new commit did not build again")
	}
}

func diagStrings(r *Result) []string {
	var out []string
	for _, d := range r.Diags {
		out = append(out, d.String())
	}
	return out
}

func fileEnding(t *testing.T, r *Result, suffix string) string {
	t.Helper()
	for _, f := range r.Files {
		if strings.HasSuffix(f, suffix) {
			return f
		}
	}
	t.Fatalf("no output file ends in %s: %v", suffix, r.Files)
	return ""
}

// TestUpToDateOutputInSite: with the output folder inside the site (the
// default <site>/public), the previous site kept beside it for the next
// build (output's recycle.go) is not an input: a rebuild is followed by an
// up-to-date build.
func TestUpToDateOutputInSite(t *testing.T) {
	defer func(d time.Duration) { racyWindow = d }(racyWindow)
	racyWindow = 0
	site := t.TempDir()
	writeSite(t, site, map[string]string{
		"docloom.yaml":          "title: U\nlocales:\n  - code: en-us\n",
		"content/en-us/TOC.yml": "- name: A\n  href: a.md\n",
		"content/en-us/a.md":    "# A\n",
	})
	out := filepath.Join(site, "public")
	mustBuild(t, Options{Site: site, Out: out})
	os.WriteFile(filepath.Join(site, "content/en-us/a.md"), []byte("# A edited\n"), 0o644)
	mustBuild(t, Options{Site: site, Out: out})
	if _, err := os.Stat(filepath.Join(site, ".public.previous")); err != nil {
		t.Fatalf("the rebuild kept no previous tree beside the output: %v", err)
	}
	if res := mustBuild(t, Options{Site: site, Out: out}); !res.UpToDate {
		t.Errorf("the kept previous tree made an unchanged site build again: %s", res.Summary())
	}
}
