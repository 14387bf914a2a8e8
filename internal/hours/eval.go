package hours

import (
	"sort"
	"time"
)

// horizon is how far ahead State looks for the next change. A week plus a
// day covers every weekly schedule; anything further means "never".
const horizon = 8 * 24 * time.Hour

// interval is one occurrence of a span as real instants, [from, to).
type interval struct{ from, to time.Time }

// State reports whether the schedule is open at t in the zone loc, and the
// next instant at which that answer flips. ok is false when the answer does
// not change within eight days (24/7, off, or a longer closure).
//
// The semantics are those of opening_hours.js and RFC 5545: every rule
// occurrence is an interval whose wall-clock ends are turned into instants
// with "compatible" disambiguation (see Resolve); the start is inclusive,
// the end exclusive, and touching intervals merge.
func (s Schedule) State(loc *time.Location, t time.Time) (open bool, next time.Time, ok bool) {
	if s.always {
		return true, time.Time{}, false
	}
	if len(s.rules) == 0 {
		return false, time.Time{}, false
	}
	ivs := merge(s.intervals(loc, t))
	for _, iv := range ivs {
		if t.Before(iv.from) {
			next = iv.from
			break
		}
		if t.Before(iv.to) {
			open, next = true, iv.to
			break
		}
	}
	if next.IsZero() || next.Sub(t) > horizon {
		return open, time.Time{}, false
	}
	return open, next.UTC(), true
}

// intervals lists the occurrences that start on the local dates from two
// days before t to nine days after it.
func (s Schedule) intervals(loc *time.Location, t time.Time) []interval {
	y, m, d := t.In(loc).Date()
	var out []interval
	for i := -2; i <= 9; i++ {
		day := time.Date(y, m, d+i, 0, 0, 0, 0, time.UTC)
		wd := (int(day.Weekday()) + 6) % 7 // Monday = 0
		for _, r := range s.rules {
			if r.Days&(1<<wd) == 0 {
				continue
			}
			for _, sp := range r.Spans {
				end := sp.End
				if sp.Overnight() {
					end += dayMinutes
				}
				iv := interval{Resolve(loc, day, sp.Start), Resolve(loc, day, end)}
				if iv.from.Before(iv.to) { // a span lost inside a gap is empty
					out = append(out, iv)
				}
			}
		}
	}
	return out
}

// merge sorts intervals and joins those that overlap or touch, so that no
// change is reported where one interval ends exactly as the next begins.
func merge(ivs []interval) []interval {
	sort.Slice(ivs, func(i, j int) bool { return ivs[i].from.Before(ivs[j].from) })
	var out []interval
	for _, iv := range ivs {
		if n := len(out); n > 0 && !iv.from.After(out[n-1].to) {
			if iv.to.After(out[n-1].to) {
				out[n-1].to = iv.to
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// Resolve returns the instant at which the clock of loc shows the civil
// date of day (its year, month and day, read in UTC) plus minutes, which
// may exceed a day. It uses the "compatible" rule of RFC 5545 and
// Temporal: a wall time skipped by a forward jump is read with the offset
// in force before the jump (so it lands that much later); a wall time that
// occurs twice takes its first occurrence.
//
// time.Date is not used for this because its choice inside gaps and
// overlaps is unspecified and differs between zones.
func Resolve(loc *time.Location, day time.Time, minutes int) time.Time {
	x := time.Date(day.Year(), day.Month(), day.Day(), 0, minutes, 0, 0, time.UTC)
	before := offsetAt(loc, x.Add(-24*time.Hour))
	after := offsetAt(loc, x.Add(24*time.Hour))
	a := x.Add(-before)
	if before == after {
		return a
	}
	b := x.Add(-after)
	aOK := offsetAt(loc, a) == before
	bOK := offsetAt(loc, b) == after
	switch {
	case aOK && bOK:
		if b.Before(a) {
			return b
		}
		return a
	case bOK:
		return b
	default: // a alone, or neither (a gap): the offset before the jump
		return a
	}
}

func offsetAt(loc *time.Location, t time.Time) time.Duration {
	_, off := t.In(loc).Zone()
	return time.Duration(off) * time.Second
}
