// Package gitlog reads when each file of a site was last changed from the
// git repository that holds it, for the "last updated" line of every page.
// It runs one `git log` for the whole repository (never one per file: on a
// 3,000-page docset that would be 3,000 processes).
package gitlog

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// History is the last change of each file of a repository.
type History struct {
	// Top is the repository's root folder.
	Top string
	// Shallow is true in a shallow clone: files last changed before its
	// oldest commit have no date here (their change is not in the history).
	Shallow bool
	dates   map[string]time.Time // path relative to Top, forward slashes
}

// Timeout bounds the git log run; a repository too large for it has no
// dates (pages fall back to ms.date).
var Timeout = 2 * time.Minute

// Load reads the history of the repository holding dir. It returns nil
// when dir is in no git repository or git is not installed.
func Load(dir string) *History {
	if _, err := exec.LookPath("git"); err != nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	run := func(args ...string) ([]byte, error) {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
		return cmd.Output()
	}
	top, err := run("rev-parse", "--show-toplevel")
	if err != nil {
		return nil
	}
	h := &History{Top: filepath.Clean(strings.TrimSpace(string(top))), dates: map[string]time.Time{}}
	boundary := map[string]bool{}
	if out, err := run("rev-parse", "--is-shallow-repository"); err == nil && strings.TrimSpace(string(out)) == "true" {
		h.Shallow = true
		if gd, err := run("rev-parse", "--absolute-git-dir"); err == nil {
			data, _ := os.ReadFile(filepath.Join(strings.TrimSpace(string(gd)), "shallow"))
			for _, id := range strings.Fields(string(data)) {
				boundary[id] = true
			}
		}
	}
	// Newest first: the first commit that names a file is its last change.
	// A commit line is "\x01<hash> <unix time>"; file names follow, NUL
	// separated (-z keeps odd names intact).
	out, err := run("log", "-z", "--no-renames", "--format=%x01%H %ct", "--name-only", "HEAD")
	if err != nil {
		return h
	}
	h.parse(out, boundary)
	return h
}

func (h *History) parse(out []byte, boundary map[string]bool) {
	var when time.Time
	skip := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	sc.Split(splitNUL)
	for sc.Scan() {
		tok := strings.TrimLeft(sc.Text(), "\n")
		for strings.HasPrefix(tok, "\x01") {
			// A commit header, possibly followed by its first file name
			// on the next line.
			head, rest, _ := strings.Cut(tok[1:], "\n")
			id, ts, _ := strings.Cut(head, " ")
			sec, _ := strconv.ParseInt(strings.TrimSpace(ts), 10, 64)
			when, skip = time.Unix(sec, 0).UTC(), boundary[id]
			tok = strings.TrimLeft(rest, "\n")
		}
		if tok == "" || skip {
			continue
		}
		if _, seen := h.dates[tok]; !seen {
			h.dates[tok] = when
		}
	}
}

func splitNUL(data []byte, atEOF bool) (int, []byte, error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// Date is when the file at abs (an absolute path) was last committed.
func (h *History) Date(abs string) (time.Time, bool) {
	if h == nil {
		return time.Time{}, false
	}
	rel, err := filepath.Rel(h.Top, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return time.Time{}, false
	}
	t, ok := h.dates[filepath.ToSlash(rel)]
	return t, ok
}

// Rel is abs relative to the repository root, forward slashes; "" when it
// lies outside it.
func (h *History) Rel(abs string) string {
	if h == nil {
		return ""
	}
	rel, err := filepath.Rel(h.Top, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return ""
	}
	return filepath.ToSlash(rel)
}

// Len is how many files have a date.
func (h *History) Len() int {
	if h == nil {
		return 0
	}
	return len(h.dates)
}
