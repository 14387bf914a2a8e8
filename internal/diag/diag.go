// Package diag is how every stage of the docloom pipeline reports a problem
// with its input. A diagnostic is data (position, severity, stable code,
// message); stages collect them in a List and the command decides how to
// print them. No stage prints and none panics on bad input.
package diag

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Severity orders diagnostics; an Error fails the build, a Warning fails it
// only under --strict.
type Severity int

const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "info"
	}
}

// Pos is a place in a source file. Line and Col are 1-based; 0 means unknown.
// File is the path as the author would type it (relative to the site root
// where possible) so that editors can jump to it.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Diagnostic is one problem. Code is stable across releases (authors search
// for it); Learn's code names are reused where Learn has one.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Message  string
	// Via names the page that pulled the file in, for problems found in an
	// include: "included from page.md:8".
	Via string
}

// String renders the cmd/go-style line `path:line:col: severity code: message`.
func (d Diagnostic) String() string {
	var b strings.Builder
	if p := d.Pos.String(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(" ")
	b.WriteString(d.Code)
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Via != "" {
		b.WriteString(" (")
		b.WriteString(d.Via)
		b.WriteString(")")
	}
	return b.String()
}

// List collects diagnostics from concurrent workers.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records a diagnostic.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Addf is a shorthand for Add.
func (l *List) Addf(pos Pos, sev Severity, code, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Merge appends every diagnostic of ds.
func (l *List) Merge(ds []Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Sorted returns the diagnostics sorted by file, line, column, code and
// message, with exact duplicates removed (a problem in an include used by
// many pages, or in a page built for three clouds, is reported once).
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	return SortUnique(out)
}

// SortUnique sorts ds in place and drops exact duplicates.
func SortUnique(ds []Diagnostic) []Diagnostic {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Via < b.Via
	})
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && sameProblem(d, ds[i-1]) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// sameProblem ignores Via, so an include's problem reached from several
// pages is reported once, with the first page that reached it.
func sameProblem(a, b Diagnostic) bool {
	return a.Pos == b.Pos && a.Severity == b.Severity && a.Code == b.Code && a.Message == b.Message
}

// Count returns how many diagnostics of each severity ds holds.
func Count(ds []Diagnostic) (errors, warnings int) {
	for _, d := range ds {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return
}
