package hours

import (
	"sort"
	"time"
)

// referenceDay is when frozen conversions are undone. The pages show a
// support centre's hours converted once, mostly at the centre's winter
// offset, so January offsets reproduce them.
var referenceDay = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

// conversionShift is how many minutes to add to a time shown in zone local
// to get the same instant's time in zone centre, at the reference day.
func conversionShift(local, centre *time.Location) int {
	_, lo := referenceDay.In(local).Zone()
	_, co := referenceDay.In(centre).Zone()
	return (co - lo) / 60
}

// Shift moves every span of s by minutes on the weekly circle (a positive
// shift moves Friday 22:00 towards Saturday) and regroups the result into
// rules. The result is re-parsed, so an error means the shifted week is not
// expressible in the strict grammar (for example a rule sharing a day with
// another rule's after-midnight tail).
func (s Schedule) Shift(minutes int) (Schedule, error) {
	if s.always || len(s.rules) == 0 || minutes%weekMinutes == 0 {
		return s, nil
	}
	var perDay [7][]Span
	for _, r := range s.rules {
		for d := 0; d < 7; d++ {
			if r.Days&(1<<d) == 0 {
				continue
			}
			for _, sp := range r.Spans {
				a := ((d*dayMinutes+sp.Start+minutes)%weekMinutes + weekMinutes) % weekMinutes
				start := a % dayMinutes
				end := (start + sp.length()) % dayMinutes
				if end == 0 {
					end = dayMinutes
				}
				perDay[a/dayMinutes] = append(perDay[a/dayMinutes], Span{start, end})
			}
		}
	}
	var out Schedule
	for d := 0; d < 7; d++ {
		spans := perDay[d]
		if len(spans) == 0 {
			continue
		}
		sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
		merged := false
		for i := range out.rules {
			if equalSpans(out.rules[i].Spans, spans) {
				out.rules[i].Days |= 1 << d
				merged = true
			}
		}
		if !merged {
			out.rules = append(out.rules, Rule{Days: 1 << d, Spans: spans})
		}
	}
	return ParseSchedule(out.String())
}

func equalSpans(a, b []Span) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
