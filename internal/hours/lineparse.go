package hours

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The country pages write hours in English ("Mon-Fri 9 AM-5 PM") or in a
// machine translation that keeps the English weekdays but spells times in
// several ways ("09:00- 17:00 uur", "10:00 tot 18:00 uur", "09.00-17.00
// uur", "9:00-20 uur", "van 06:00 tot 14:00 uur"). One small grammar
// covers both; anything else stays text.

var (
	always24 = regexp.MustCompile(`(?i)^(24 uur per dag, 7 dagen per week|24 hours a day, 7 days a week)\.?$`)
	notByTel = regexp.MustCompile(`(?i)^(niet beschikbaar per telefoon|not available by phone)\.?$`)

	timeRe  = `(\d{1,2}(?:[:.]\d{2})?(?:\s*[AP]M)?|noon|midnight|middernacht)`
	rangeRe = regexp.MustCompile(`(?i)^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*-\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s+(?:van\s+|from\s+)?` +
		timeRe + `\s*(?:-|–|tot|to)\s*` + timeRe + `(?:\s+(.*))?$`)
	labelNoColon = regexp.MustCompile(`^([^:]*?)\s+((?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*-.*)$`)
	clockRe      = regexp.MustCompile(`(?i)^(\d{1,2})(?:[:.](\d{2}))?(?:\s*([AP]M))?$`)
)

var dayAbbrev = map[string]string{"mon": "Mo", "tue": "Tu", "wed": "We", "thu": "Th", "fri": "Fr", "sat": "Sa", "sun": "Su"}

// hoursLine is what the grammar gets out of one line.
type hoursLine struct {
	label    string
	schedule Schedule
	zoneWord string // "moscow", "london", "local", "et", "berlin", "beijing" or ""
	ok       bool
	problem  string
}

// parseHoursLine splits "Label: schedule [zone word]" and parses the
// schedule. A missing colon is tolerated when a day range follows the label.
func parseHoursLine(text string) hoursLine {
	label, rest, found := strings.Cut(text, ":")
	if looksLikeSchedule(text) {
		label, rest, found = "", text, true
	}
	if !found || !looksLikeSchedule(strings.TrimSpace(rest)) {
		if m := labelNoColon.FindStringSubmatch(text); m != nil {
			label, rest = m[1], m[2]
		} else if !found {
			label, rest = "", text
		}
	}
	hl := hoursLine{label: strings.TrimSpace(label)}
	rest = strings.TrimSpace(rest)
	switch {
	case always24.MatchString(rest):
		hl.schedule, hl.ok = Schedule{always: true}, true
		return hl
	case notByTel.MatchString(rest):
		hl.schedule, hl.ok = Schedule{}, true
		return hl
	}
	m := rangeRe.FindStringSubmatch(rest)
	if m == nil {
		hl.problem = "no day range and time range found"
		return hl
	}
	start, err1 := parseLooseClock(m[3], false)
	end, err2 := parseLooseClock(m[4], true)
	if err1 != nil || err2 != nil {
		hl.problem = "time out of range"
		return hl
	}
	word, ok := zoneWord(m[5])
	if !ok {
		hl.problem = fmt.Sprintf("unexpected text %q after the times", m[5])
		return hl
	}
	src := dayAbbrev[strings.ToLower(m[1])] + "-" + dayAbbrev[strings.ToLower(m[2])] + " " + clock(start) + "-" + clock(end%dayMinutes)
	if end == dayMinutes {
		src = src[:len(src)-5] + "24:00"
	}
	s, err := ParseSchedule(src)
	if err != nil {
		hl.problem = err.(*ScheduleError).Message
		return hl
	}
	hl.schedule, hl.zoneWord, hl.ok = s, word, true
	return hl
}

func looksLikeSchedule(s string) bool {
	return always24.MatchString(s) || notByTel.MatchString(s) || rangeRe.MatchString(s)
}

// parseLooseClock reads "9:00", "09.00", "9 AM", "noon", "middernacht" and,
// only for an end time, a bare hour such as "20".
func parseLooseClock(s string, isEnd bool) (int, error) {
	switch strings.ToLower(s) {
	case "noon":
		return 12 * 60, nil
	case "midnight", "middernacht":
		if isEnd {
			return dayMinutes, nil
		}
		return 0, nil
	}
	m := clockRe.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("bad time %q", s)
	}
	h, _ := strconv.Atoi(m[1])
	min := 0
	if m[2] != "" {
		min, _ = strconv.Atoi(m[2])
	} else if m[3] == "" && !isEnd {
		return 0, fmt.Errorf("bare hour %q as a start", s)
	}
	switch strings.ToUpper(m[3]) {
	case "AM":
		if h == 12 {
			h = 0
		}
	case "PM":
		if h != 12 {
			h += 12
		}
	}
	if h > 24 || min > 59 || (h == 24 && min > 0) || (m[3] != "" && (h > 23 || m[1] == "0")) {
		return 0, fmt.Errorf("time %q out of range", s)
	}
	return h*60 + min, nil
}

// zoneWord classifies what follows the times: "uur" is just "o'clock".
func zoneWord(s string) (string, bool) {
	w := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ".")))
	w = strings.TrimSpace(strings.TrimPrefix(w, "uur"))
	switch w {
	case "":
		return "", true
	case "moskou", "moscow", "moscow time":
		return "moscow", true
	case "londen", "london", "london time":
		return "london", true
	case "lokaal", "local", "lokale tijd", "local time":
		return "local", true
	case "et":
		return "et", true
	case "berlijn", "berlin", "berlijn (utc+1)", "berlin (utc+1)":
		return "berlin", true
	case "beijing", "lokale tijd beijing", "(lokale tijd beijing)", "beijing time", "(beijing time)":
		return "beijing", true
	}
	return "", false
}

// wordZone maps a zone word to an IANA zone for a country; "" keeps the
// country's zone.
func wordZone(word, iso string) string {
	switch word {
	case "moscow":
		return "Europe/Moscow"
	case "london":
		return "Europe/London"
	case "berlin":
		return "Europe/Berlin"
	case "beijing":
		return "Asia/Shanghai"
	case "et":
		if iso == "CA" {
			return "America/Toronto"
		}
		return "America/New_York"
	}
	return ""
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
