package hours

import (
	"fmt"
	"strings"
	"unicode"
)

// An hours line is "Label: schedule [zone]" in the page's language. The
// grammar is the same for every language; only the words differ (see
// lexicon.go). The schedule part is read as tokens:
//
//	days   = day [to day] { and day [to day] }
//	time   = [ampm] N[(:|.)MM] [o'clock [MM] [minute] [half]] [ampm] | midnight | noon
//	span   = [from] time to time | time and time      ("between 9 and 17")
//	rule   = days span { and span } | span { and span } days [closed]
//	line   = { rule [and] | always | zone | local | skip }
//
// Days and times may come in either order, and the first rule's order holds
// for the rest ("man–fre 09–16, lørdag 10–14" is two rules); days before a
// colon are days, not a label ("H-P: 8:00 - 17:00"). Commas, brackets and a
// "to" right before a trailing zone are ignored. A line needs days and a span,
// or a round-the-clock phrase, or "not available by phone"; anything else,
// an unknown word included, leaves the line without a schedule.

type token struct {
	kind   tokKind
	val    string
	prefix bool
	min    int  // for tTime: minutes after midnight (before AM/PM)
	hasMin bool // for tTime: minutes were written ("9:00", not "9")
	hour   int
	text   string
	end    bool // a weekday that ends a range by itself (see entry.end)
}

// hoursLine is what the grammar gets out of one line.
type hoursLine struct {
	label    string
	schedule Schedule
	zoneWord string // a zone ID, "local", "ET" or ""
	ok       bool
	problem  string
}

// parseHoursLine splits "Label: schedule" and parses the schedule with the
// words of the page's language.
func parseHoursLine(text string, lx *lexicon) hoursLine {
	orig := []rune(strings.TrimSpace(text))
	norm := foldRunes(orig)
	// The label ends at the first colon; with no colon, at the first day.
	label, rest := "", norm
	if i := indexRune(norm, ':'); i >= 0 && !isTimeColon(norm, i) && !onlyDays(tokenize(norm[:i], lx)) {
		label, rest = strings.TrimSpace(string(orig[:i])), norm[i+1:]
	}
	toks := tokenize(rest, lx)
	if label == "" {
		// "English Mon-Fri 8 AM-9 PM": unknown words before the first day.
		n := 0
		for n < len(toks) && toks[n].kind == tUnknown {
			n++
		}
		if n > 0 && n < len(toks) && toks[n].kind == tDay {
			if f := strings.Fields(string(orig)); n <= len(f) {
				label = strings.Join(f[:n], " ")
			}
			toks = toks[n:]
		}
	}
	hl := hoursLine{label: label}
	hl.schedule, hl.zoneWord, hl.ok, hl.problem = readSchedule(toks)
	return hl
}

// onlyDays reports whether what stands before a colon is days, not a
// label: "Hétfő - Péntek: 07:30 - 16:30", "H-P: 8:00 - 17:00".
func onlyDays(toks []token) bool {
	day := false
	for _, t := range toks {
		switch t.kind {
		case tDay:
			day = true
		case tTo, tAnd:
		default:
			return false
		}
	}
	return day
}

func indexRune(rs []rune, r rune) int {
	for i, x := range rs {
		if x == r {
			return i
		}
	}
	return -1
}

// isTimeColon reports a colon between digits ("9:00"), which is no label.
func isTimeColon(rs []rune, i int) bool {
	return i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
}

func tokenize(text []rune, lx *lexicon) []token {
	var toks []token
	i := 0
	for i < len(text) {
		r := text[i]
		// A colon here is not a time's (those are read with their digits)
		// nor the label's: it follows days ("Po - Pá: 8:30 - 18:00").
		if r == ' ' || r == ',' || r == '(' || r == ')' || r == '.' || r == ';' || r == '。' || r == '[' || r == ']' || r == ':' {
			i++
			continue
		}
		// Offsets such as "(UTC+1)" restate the zone.
		if e := utcOffset(text, i); e > i {
			i = e
			continue
		}
		matched := false
		for _, en := range lx.byFirst[r] {
			if e := matchAt(text, i, en.text); e >= 0 {
				toks = append(toks, token{kind: en.kind, val: en.val, prefix: en.prefix, end: en.end, text: string(text[i:e])})
				i, matched = e, true
				break
			}
		}
		if matched {
			continue
		}
		if unicode.IsDigit(r) {
			j := i
			for j < len(text) && unicode.IsDigit(text[j]) {
				j++
			}
			t := token{kind: tUnknown, text: string(text[i:j])}
			if j-i <= 2 {
				h := atoi(text[i:j])
				t = token{kind: tTime, hour: h, min: h * 60, text: string(text[i:j])}
				if j < len(text) && (text[j] == ':' || text[j] == '.') && isDigits(text, j+1, 2) && (j+3 >= len(text) || !unicode.IsDigit(text[j+3])) {
					t.min += atoi(text[j+1 : j+3])
					t.hasMin = true
					t.text = string(text[i : j+3])
					j += 3
				}
			}
			toks = append(toks, t)
			i = j
			continue
		}
		if r == '-' {
			toks = append(toks, token{kind: tTo, text: "-"})
			i++
			continue
		}
		// An unknown word: a run of letters, or one wide character.
		j := i + 1
		if isWordRune(r) {
			for j < len(text) && isWordRune(text[j]) {
				j++
			}
		}
		toks = append(toks, token{kind: tUnknown, text: string(text[i:j])})
		i = j
	}
	return toks
}

func utcOffset(text []rune, i int) int {
	s := string(text[i:])
	for _, p := range []string{"utc", "gmt"} {
		if strings.HasPrefix(s, p) {
			j := i + 3
			if j < len(text) && (text[j] == '+' || text[j] == '-') {
				j++
				k := j
				for j < len(text) && (unicode.IsDigit(text[j]) || text[j] == ':') {
					j++
				}
				if j > k {
					return j
				}
			}
		}
	}
	return i
}

func isDigits(rs []rune, i, n int) bool {
	if i+n > len(rs) {
		return false
	}
	for _, r := range rs[i : i+n] {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func atoi(rs []rune) int {
	n := 0
	for _, r := range rs {
		n = n*10 + int(r-'0')
		if n > 10000 {
			return 10000
		}
	}
	return n
}

// clockTok is a time being assembled from tokens.
type clockTok struct {
	min     int
	hasMin  bool
	period  tokKind // tAM, tPM or 0
	special tokKind // tMidnight, tNoon or 0
	oclock  bool    // an o'clock word followed the number ("9 시", "9 Uhr")
}

// marked reports a clock that cannot be a bare count: it has minutes, an
// AM/PM word or an o'clock word.
func (c clockTok) marked() bool { return c.hasMin || c.period != 0 || c.oclock || c.special != 0 }

// readSchedule runs the grammar over the tokens.
func readSchedule(toks []token) (Schedule, string, bool, string) {
	// Merge times with what belongs to them: o'clock words, minutes after
	// them ("9h00", "9時30分", "5 時半") and AM/PM words on either side.
	var items []any // clockTok or token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case tTime, tMidnight, tNoon:
			c := clockTok{min: t.min, hasMin: t.hasMin}
			if t.kind != tTime {
				c.special = t.kind
			}
			if n := len(items); n > 0 {
				if p, ok := items[n-1].(token); ok && (p.kind == tAM || p.kind == tPM) && p.prefix {
					c.period = p.kind
					items = items[:n-1]
				}
			}
			for i+1 < len(toks) {
				n := toks[i+1]
				switch {
				case n.kind == tOclock:
					c.oclock = true
					i++
					continue
				case n.kind == tTime && !c.hasMin && i > 0 && toks[i].kind == tOclock && len(n.text) == 2 && !n.hasMin && n.hour < 60:
					c.min += n.hour
					c.hasMin = true
					i++
					continue
				case n.kind == tMinute:
					i++
					continue
				case n.kind == tHalf && !c.hasMin:
					c.min += 30
					c.hasMin = true
					i++
					continue
				case (n.kind == tAM || n.kind == tPM) && c.period == 0 && (!n.prefix || !nextIsTime(toks, i+2)):
					c.period = n.kind
					i++
					continue
				}
				break
			}
			items = append(items, c)
		case tOclock, tMinute, tSkip, tFrom:
			// o'clock after a span ("9:00-17:00 Uhr"), fillers
		default:
			items = append(items, t)
		}
	}
	// A line may hold several rules, each days with their spans:
	// "man–fre 09–16, lørdag 10–14", "H-P: 8:00-18:00, Szo: 8:00-13:00".
	// The first rule sets the order (days first, or times first); a day
	// after a rule's times, or times after its days, begins the next rule.
	// A "closed" word leaves its rule's days out.
	type rule struct {
		days, spans []string
		closed      bool
	}
	rules := []*rule{{}}
	daysFirst, ordered := true, false
	cur := func() *rule { return rules[len(rules)-1] }
	addDay := func(d string) {
		if !ordered {
			daysFirst, ordered = true, true
		}
		r := cur()
		if len(r.days) > 0 && (r.closed || (daysFirst && len(r.spans) > 0)) {
			rules = append(rules, &rule{})
		}
		cur().days = append(cur().days, d)
	}
	addSpan := func(sp string) {
		if !ordered {
			daysFirst, ordered = false, true
		}
		r := cur()
		if !daysFirst && len(r.days) > 0 && len(r.spans) > 0 {
			rules = append(rules, &rule{})
		}
		cur().spans = append(cur().spans, sp)
	}
	always, off := false, false
	zone := ""
	for i := 0; i < len(items); i++ {
		switch it := items[i].(type) {
		case clockTok:
			// span = time to time; "between 9 and 17" is one too.
			var end clockTok
			switch {
			case i+2 < len(items) && isTo(items[i+1]):
				e, ok := items[i+2].(clockTok)
				if !ok {
					return Schedule{}, "", false, "a time range without an end"
				}
				end = e
			case i+2 < len(items) && isKind(items[i+1], tAnd) && isClock(items[i+2]) && !(i+3 < len(items) && isTo(items[i+3])):
				end = items[i+2].(clockTok)
			default:
				// "오전 9 시 Mon-Fri 오후 6 시": machine translation moved the
				// days between the two ends of the span.
				j := i + 1
				if j < len(items) && isKind(items[j], tDay) {
					d := items[j].(token).val
					j++
					if j+1 < len(items) && isTo(items[j]) && isKind(items[j+1], tDay) {
						d += "-" + items[j+1].(token).val
						j += 2
					}
					if j < len(items) && isClock(items[j]) && it.marked() && items[j].(clockTok).marked() && !(j+1 < len(items) && isTo(items[j+1])) {
						s, e, err := spanMinutes(it, items[j].(clockTok))
						if err != "" {
							return Schedule{}, "", false, err
						}
						addDay(d)
						addSpan(clock(s) + "-" + endClock(e))
						i = j
						continue
					}
				}
				return Schedule{}, "", false, "a time without a range"
			}
			s, e, err := spanMinutes(it, end)
			if err != "" {
				return Schedule{}, "", false, err
			}
			addSpan(clock(s) + "-" + endClock(e))
			i += 2
			if i+2 < len(items) && isKind(items[i+1], tAnd) {
				if _, ok := items[i+2].(clockTok); ok {
					i++
				}
			}
		case token:
			switch it.kind {
			case tDay:
				d := it.val
				switch {
				case i+2 < len(items) && isTo(items[i+1]) && isKind(items[i+2], tDay):
					d += "-" + items[i+2].(token).val
					i += 2
				case i+1 < len(items) && isKind(items[i+1], tDay) && items[i+1].(token).end:
					// "hétfőtől péntekig": the second day ends the range.
					d += "-" + items[i+1].(token).val
					i++
				}
				addDay(d)
				if i+1 < len(items) && isKind(items[i+1], tAnd) && i+2 < len(items) && isKind(items[i+2], tDay) {
					i++
				}
			case tAlways:
				always = true
			case tNotByPhone:
				off = true
			case tClosed:
				cur().closed = true
			case tZone:
				if zone != "" && zone != it.val {
					return Schedule{}, "", false, "two zones"
				}
				zone = it.val
			case tLocal:
				zone = "local"
			case tTo, tAnd:
				// A dangling "to" before a trailing zone ("à Londres"), or
				// "et", which is French for "and" and also Eastern Time.
				if it.kind == tAnd && i == len(items)-1 && fold(it.text) == "et" {
					zone = "ET"
					continue
				}
				if i+1 < len(items) && (isKind(items[i+1], tZone) || isKind(items[i+1], tLocal)) {
					continue
				}
				// "and" between two rules: "Ma-Pe klo 10-18 ja La 9-15".
				if it.kind == tAnd && i > 0 && i+1 < len(items) && len(cur().spans) > 0 && (isKind(items[i+1], tDay) || isClock(items[i+1])) {
					continue
				}
				return Schedule{}, "", false, fmt.Sprintf("unexpected %q", it.text)
			case tAM, tPM:
				return Schedule{}, "", false, fmt.Sprintf("unexpected %q", it.text)
			default:
				return Schedule{}, "", false, fmt.Sprintf("unexpected text %q", it.text)
			}
		}
	}
	nDays, nSpans := 0, 0
	for _, r := range rules {
		nDays += len(r.days)
		nSpans += len(r.spans)
	}
	switch {
	case off && nDays == 0 && nSpans == 0 && !always:
		return Schedule{}, zone, true, ""
	case always && nSpans == 0:
		if nDays == 0 {
			return Schedule{always: true}, zone, true, ""
		}
		for _, r := range rules {
			r.spans = []string{"00:00-24:00"}
		}
	case nDays == 0 && nSpans == 0:
		return Schedule{}, "", false, "no day range and time range found"
	case nDays == 0:
		return Schedule{}, "", false, "no days"
	case nSpans == 0:
		return Schedule{}, "", false, "no time range"
	}
	// A later rule's days replace an earlier rule's, as in opening_hours:
	// "arkisin klo 9.00–15.00 (keskiviikkoisin 9–12)" is Wednesday 9-12.
	for i, r := range rules {
		later := 0
		for _, q := range rules[i+1:] {
			if len(q.spans) > 0 || q.closed {
				later |= daySet(q.days)
			}
		}
		if mine := daySet(r.days); mine&later != 0 {
			r.days = nil
			for d := 0; d < 7; d++ {
				if mine&^later&(1<<d) != 0 {
					r.days = append(r.days, dayNames[d])
				}
			}
			if len(r.days) == 0 {
				r.closed, r.spans = true, nil
			}
		}
	}
	var parts []string
	for _, r := range rules {
		switch {
		case r.closed && len(r.spans) == 0:
			// closed days: no rule
		case len(r.days) == 0:
			return Schedule{}, "", false, "no days"
		case len(r.spans) == 0:
			return Schedule{}, "", false, "no time range"
		default:
			parts = append(parts, strings.Join(r.days, ",")+" "+strings.Join(r.spans, ","))
		}
	}
	if len(parts) == 0 {
		return Schedule{}, "", false, "no time range"
	}
	src := strings.Join(parts, "; ")
	s, err := ParseSchedule(src)
	if err != nil {
		if se, ok := err.(*ScheduleError); ok {
			return Schedule{}, "", false, se.Message
		}
		return Schedule{}, "", false, err.Error()
	}
	if s.String() == "Mo-Su 00:00-24:00" {
		s = Schedule{always: true}
	}
	return s, zone, true, ""
}

// daySet is the days of "Mo", "Mo-Fr" or "Fr-Mo" entries as bits (Monday
// is bit 0); an entry it cannot read counts as no day.
func daySet(days []string) int {
	idx := func(d string) int {
		for i, n := range dayNames {
			if n == d {
				return i
			}
		}
		return -1
	}
	set := 0
	for _, d := range days {
		a, b, ok := strings.Cut(d, "-")
		i, j := idx(a), idx(a)
		if ok {
			j = idx(b)
		}
		if i < 0 || j < 0 {
			continue
		}
		for k := i; ; k = (k + 1) % 7 {
			set |= 1 << k
			if k == j {
				break
			}
		}
	}
	return set
}

func isClock(x any) bool {
	_, ok := x.(clockTok)
	return ok
}

func nextIsTime(toks []token, i int) bool {
	return i < len(toks) && toks[i].kind == tTime
}

func isTo(x any) bool { return isKind(x, tTo) }

func isKind(x any, k tokKind) bool {
	t, ok := x.(token)
	return ok && t.kind == k
}

// spanMinutes resolves a start and an end, with AM/PM, noon and midnight.
func spanMinutes(a, b clockTok) (int, int, string) {
	s, ok1 := resolve(a, false)
	e, ok2 := resolve(b, true)
	if !ok1 || !ok2 {
		return 0, 0, "time out of range"
	}
	if s >= dayMinutes {
		return 0, 0, "time out of range"
	}
	return s, e, ""
}

func resolve(c clockTok, isEnd bool) (int, bool) {
	switch c.special {
	case tNoon:
		return 12 * 60, true
	case tMidnight:
		if isEnd {
			return dayMinutes, true
		}
		return 0, true
	}
	h, m := c.min/60, c.min%60
	if m > 59 {
		return 0, false
	}
	switch c.period {
	case tAM:
		if h > 12 || h == 0 {
			return 0, false
		}
		if h == 12 {
			h = 0
		}
	case tPM:
		if h > 12 || h == 0 {
			return 0, false
		}
		if h != 12 {
			h += 12
		}
	}
	if h > 24 || (h == 24 && m > 0) {
		return 0, false
	}
	return h*60 + m, true
}

func endClock(e int) string {
	if e == dayMinutes || e == 0 {
		return "24:00"
	}
	return clock(e)
}

// zoneFor maps a zone word to an IANA zone for a country; "" keeps the
// country's zone.
func zoneFor(word, iso string) string {
	switch word {
	case "", "local":
		return ""
	case "ET":
		if iso == "CA" {
			return "America/Toronto"
		}
		return "America/New_York"
	}
	return word
}

// implausible returns a reason when a parsed range looks like a typo or a
// frozen conversion: a window under 2 h or over 16 h, or a Sun-Fri week.
func implausible(s Schedule) string {
	for _, r := range s.rules {
		if r.Days == 0b1011111 {
			return "a Sun-Fri week usually means a converted schedule"
		}
		for _, sp := range r.Spans {
			if n := sp.length(); n < 120 || n > 16*60 {
				return fmt.Sprintf("a %s window of %dh%02d is unusual", sp, n/60, n%60)
			}
		}
	}
	return ""
}
