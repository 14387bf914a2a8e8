package build

import (
	"fmt"
	"sync"

	"github.com/docloom/docloom/internal/diag"
)

// ledger holds diagnostics by owner (a stage, a page's parse, a page's
// render, an include's parse), so an incremental rebuild can drop exactly
// the diagnostics of what it redoes and keep the rest.
type ledger struct {
	mu sync.Mutex
	m  map[string][]diag.Diagnostic
}

func (l *ledger) add(owner string, ds ...diag.Diagnostic) {
	if len(ds) == 0 {
		return
	}
	l.mu.Lock()
	if l.m == nil {
		l.m = map[string][]diag.Diagnostic{}
	}
	l.m[owner] = append(l.m[owner], ds...)
	l.mu.Unlock()
}

func (l *ledger) addf(owner string, pos diag.Pos, sev diag.Severity, code, format string, args ...any) {
	l.add(owner, diag.Diagnostic{Pos: pos, Severity: sev, Code: code, Message: fmt.Sprintf(format, args...)})
}

// reset forgets an owner's diagnostics before its work is redone.
func (l *ledger) reset(owner string) {
	l.mu.Lock()
	delete(l.m, owner)
	l.mu.Unlock()
}

// get returns a copy of an owner's diagnostics.
func (l *ledger) get(owner string) []diag.Diagnostic {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]diag.Diagnostic(nil), l.m[owner]...)
}

// has reports whether owner has a diagnostic with code.
func (l *ledger) has(owner, code string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.m[owner] {
		if d.Code == code {
			return true
		}
	}
	return false
}

// all returns every diagnostic, sorted and de-duplicated.
func (l *ledger) all() []diag.Diagnostic {
	l.mu.Lock()
	var out []diag.Diagnostic
	for _, ds := range l.m {
		out = append(out, ds...)
	}
	l.mu.Unlock()
	return diag.SortUnique(out)
}

// Owners of diagnostics.
func ownerParse(locale, rel string) string  { return "parse:" + locale + "/" + rel }
func ownerRender(locale, rel string) string { return "render:" + locale + "/" + rel }
func ownerInclude(abs string) string        { return "include:" + abs }
func ownerStage(name string) string         { return "stage:" + name }
