package gitlog

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func git(t *testing.T, dir, date string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE="+date, "GIT_AUTHOR_DATE="+date,
		"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHistory: one git log gives every file its last commit date, also
// for names with spaces; a shallow clone leaves out files whose last
// change is older than the clone.
func TestHistory(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	repo := t.TempDir()
	git(t, repo, "2024-01-01T00:00:00Z", "init", "-q")
	write(t, filepath.Join(repo, "docs/a.md"), "1")
	write(t, filepath.Join(repo, "docs/old one.md"), "1")
	git(t, repo, "2024-01-01T00:00:00Z", "add", ".")
	git(t, repo, "2024-01-01T00:00:00Z", "commit", "-qm", "one")
	write(t, filepath.Join(repo, "docs/a.md"), "2")
	git(t, repo, "2024-03-05T10:00:00Z", "commit", "-qam", "two")

	h := Load(filepath.Join(repo, "docs"))
	if h == nil || h.Shallow {
		t.Fatalf("Load = %+v", h)
	}
	want := map[string]string{"docs/a.md": "2024-03-05", "docs/old one.md": "2024-01-01"}
	for rel, day := range want {
		d, ok := h.Date(filepath.Join(repo, rel))
		if !ok || d.Format("2006-01-02") != day {
			t.Errorf("%s: %v %v, want %s", rel, d, ok, day)
		}
	}
	if h.Rel(filepath.Join(repo, "docs/a.md")) != "docs/a.md" {
		t.Errorf("Rel = %q", h.Rel(filepath.Join(repo, "docs/a.md")))
	}

	clone := filepath.Join(t.TempDir(), "clone")
	git(t, repo, "2024-03-05T10:00:00Z", "clone", "-q", "--depth", "1", "file://"+repo, clone)
	s := Load(clone)
	if s == nil || !s.Shallow {
		t.Fatalf("shallow Load = %+v", s)
	}
	if _, ok := s.Date(filepath.Join(clone, "docs/old one.md")); ok {
		t.Error("a shallow clone dated a file by its oldest commit, not by its change")
	}
	if Load(t.TempDir()) != nil {
		t.Error("a folder outside git has a history")
	}
}
