package dialect

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/hours"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// `:::hours zone="Europe/Berlin" schedule="Mo-Fr 09:00-17:00" label="Billing":::`
// is docloom's own inline token for support hours. The page shows the
// hours as text in the page's language; the data- attributes carry the
// normalized schedule and zone so the client can say "open now" in the
// reader's own time. A bad zone or schedule is an error and the token
// stays as text.

// Hours is an inline support-hours token.
type Hours struct {
	ast.BaseInline
	Zone     string
	Schedule hours.Schedule
	Label    string
}

// KindHours is the node kind of Hours.
var KindHours = ast.NewNodeKind("Hours")

func (n *Hours) Kind() ast.NodeKind { return KindHours }
func (n *Hours) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Zone": n.Zone, "Schedule": n.Schedule.String()}, nil)
}

type hoursParser struct{}

func (hoursParser) Trigger() []byte { return []byte{':'} }

func (hoursParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.PrecendingCharacter() == ':' {
		return nil
	}
	line, seg := block.PeekLine()
	rest, _, colons, ok := colonToken(line, "hours", 0)
	if !ok || colons != 3 {
		return nil
	}
	head := len(line) - len(rest)
	end := bytes.Index(rest, []byte(":::"))
	if end < 0 {
		report(pc, seg.Start, diag.Error, "invalid-hours", "the hours token has no closing ':::'; end it with ::: on the same line")
		return nil
	}
	a, err := parseColonAttrs(string(rest[:end]))
	if err == nil {
		err = a.onlyAttrs("zone", "schedule", "label")
	}
	if err != nil {
		report(pc, seg.Start, diag.Error, "invalid-hours", err.Error()+"; the token is shown as text")
		return nil
	}
	h := &Hours{}
	h.Zone, _ = a.get("zone")
	h.Label, _ = a.get("label")
	sched, hasSched := a.get("schedule")
	failed := false
	if err := hours.ValidateZone(h.Zone); err != nil {
		report(pc, seg.Start, diag.Error, hours.CodeUnknownZone, err.Error()+"; the token is shown as text")
		failed = true
	}
	if !hasSched {
		report(pc, seg.Start, diag.Error, hours.CodeBadSchedule, `schedule="..." is required, e.g. schedule="Mo-Fr 09:00-17:00"`)
		return nil
	}
	s, err := hours.ParseSchedule(sched)
	if err != nil {
		at, msg := seg.Start, err.Error()
		var se *hours.ScheduleError
		if errors.As(err, &se) {
			msg = se.Message
			if i := bytes.Index(rest[:end], []byte(`schedule="`)); i >= 0 {
				at = seg.Start + head + i + len(`schedule="`) + se.Offset
			}
		}
		report(pc, at, diag.Error, hours.CodeBadSchedule, fmt.Sprintf("bad schedule %q: %s; the token is shown as text", sched, msg))
		return nil
	}
	if failed {
		return nil
	}
	h.Schedule = s
	block.Advance(head + end + 3)
	return h
}

type hoursExt struct{}

func (hoursExt) ExtendParser(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(hoursParser{}, 92)))
}

func (hoursExt) RenderFuncs(st *State) []util.PrioritizedValue {
	return []util.PrioritizedValue{util.Prioritized(hoursRenderer{st}, 100)}
}

type hoursRenderer struct{ st *State }

func (r hoursRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHours, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		h := n.(*Hours)
		_, _ = w.WriteString(`<span class="hours" data-zone="`)
		_, _ = w.Write(util.EscapeHTML([]byte(h.Zone)))
		_, _ = w.WriteString(`" data-schedule="`)
		_, _ = w.Write(util.EscapeHTML([]byte(h.Schedule.String())))
		_, _ = w.WriteString(`">`)
		if h.Label != "" {
			_, _ = w.Write(util.EscapeHTML([]byte(h.Label + ": ")))
		}
		_, _ = w.Write(util.EscapeHTML([]byte(HumanSchedule(h.Schedule, r.st.Locale))))
		_, _ = w.WriteString(`</span>`)
		return ast.WalkSkipChildren, nil
	})
}

// dayWords are the weekday names per language, Monday first.
var dayWords = map[string][7]string{
	"en": {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	"nl": {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"},
}

// HumanSchedule writes a schedule for readers of locale, e.g.
// "Monday to Friday 09:00–17:00" or "maandag t/m vrijdag 09:00–17:00".
func HumanSchedule(s hours.Schedule, locale string) string {
	switch {
	case s.Always():
		return Phrase(locale, "hours-always")
	case s.Off():
		return Phrase(locale, "hours-off")
	}
	lang, _, _ := strings.Cut(strings.ToLower(locale), "-")
	days, ok := dayWords[lang]
	if !ok {
		days = dayWords["en"]
	}
	var parts []string
	for _, rule := range s.Rules() {
		spans := make([]string, len(rule.Spans))
		for i, sp := range rule.Spans {
			spans[i] = strings.Replace(sp.String(), "-", "–", 1)
		}
		parts = append(parts, humanDays(rule.Days, days, Phrase(locale, "hours-through"), Phrase(locale, "hours-every-day"))+" "+strings.Join(spans, ", "))
	}
	return strings.Join(parts, "; ")
}

// humanDays names a set of days (bit 0 Monday), writing runs of three or
// more days in a row, wrapping over Sunday, as "first to last".
func humanDays(set uint8, days [7]string, through, every string) string {
	if set&0x7f == 0x7f {
		return every
	}
	var out []string
	for d := 0; d < 7; d++ {
		if set&(1<<d) == 0 || set&(1<<((d+6)%7)) != 0 {
			continue // not set, or not the start of a run
		}
		n := 1
		for n < 7 && set&(1<<((d+n)%7)) != 0 {
			n++
		}
		switch n {
		case 1:
			out = append(out, days[d])
		case 2:
			out = append(out, days[d], days[(d+1)%7])
		default:
			out = append(out, days[d]+" "+through+" "+days[(d+n-1)%7])
		}
	}
	return strings.Join(out, ", ")
}
