package publish

import (
	"fmt"
	"strconv"
	"strings"
)

// Rule is one line of a Netlify _redirects file:
//
//	from [key=value ...] to [status[!]] [Condition=v1,v2 ...]
//
// From may hold :placeholders (one path segment each) and end in a *
// splat; To may use them as :name and :splat.
type Rule struct {
	From string
	// Query lists the query parameters the request must carry: a literal
	// value must match exactly, a :placeholder value matches any value and
	// can be used in To.
	Query  []Param
	To     string
	Status int  // 0 means 301
	Force  bool // apply even when a file exists at the path (the ! suffix)
	// Conditions such as Language=nl or Country=cn; a rule with several
	// applies only when all of them hold.
	Conditions []Condition
}

// Param is one query parameter of a rule.
type Param struct{ Key, Value string }

// Condition is one Key=v1,v2 condition of a rule.
type Condition struct {
	Key    string
	Values []string
}

// String writes the rule as a _redirects line.
func (r Rule) String() string {
	var b strings.Builder
	b.WriteString(r.From)
	for _, q := range r.Query {
		b.WriteString(" " + q.Key + "=" + q.Value)
	}
	b.WriteString(" " + r.To)
	status := r.Status
	if status == 0 {
		status = 301
	}
	b.WriteString(" " + strconv.Itoa(status))
	if r.Force {
		b.WriteString("!")
	}
	for _, c := range r.Conditions {
		b.WriteString(" " + c.Key + "=" + strings.Join(c.Values, ","))
	}
	return b.String()
}

// Section is a commented group of rules in a _redirects file.
type Section struct {
	Comment string
	Rules   []Rule
}

// FormatRedirects writes the sections in order (Netlify applies the first
// matching rule, so order is meaning).
func FormatRedirects(sections []Section) []byte {
	var b strings.Builder
	b.WriteString("# Written by docloom build; edit the docset, not this file.\n")
	for _, s := range sections {
		if len(s.Rules) == 0 {
			continue
		}
		b.WriteString("\n")
		for _, line := range strings.Split(strings.TrimSpace(s.Comment), "\n") {
			if line != "" {
				b.WriteString("# " + line + "\n")
			}
		}
		for _, r := range s.Rules {
			b.WriteString(r.String() + "\n")
		}
	}
	return []byte(b.String())
}

// ParseError is a line of a _redirects file that is not a rule.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// ParseRedirects reads a _redirects file. Blank lines and # comments are
// skipped; the first malformed line is an error.
func ParseRedirects(data []byte) ([]Rule, error) {
	var rules []Rule
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r, err := parseRule(line)
		if err != nil {
			return rules, &ParseError{Line: i + 1, Msg: err.Error()}
		}
		rules = append(rules, r)
	}
	return rules, nil
}

func isDest(f string) bool {
	return strings.HasPrefix(f, "/") || strings.Contains(f, "://")
}

func parseRule(line string) (Rule, error) {
	f := strings.Fields(line)
	var r Rule
	if !isDest(f[0]) {
		return r, fmt.Errorf("rule %q does not start with a path", line)
	}
	r.From = f[0]
	i := 1
	for ; i < len(f) && !isDest(f[i]); i++ {
		k, v, ok := strings.Cut(f[i], "=")
		if !ok || k == "" {
			return r, fmt.Errorf("%q is neither a query parameter (key=value) nor a destination", f[i])
		}
		r.Query = append(r.Query, Param{k, v})
	}
	if i == len(f) {
		return r, fmt.Errorf("rule %q has no destination", line)
	}
	r.To = f[i]
	i++
	if i < len(f) && f[i] != "" && f[i][0] >= '0' && f[i][0] <= '9' {
		s := f[i]
		if strings.HasSuffix(s, "!") {
			r.Force, s = true, strings.TrimSuffix(s, "!")
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 100 || n > 599 {
			return r, fmt.Errorf("status %q is not an HTTP status", f[i])
		}
		r.Status = n
		i++
	}
	for ; i < len(f); i++ {
		k, v, ok := strings.Cut(f[i], "=")
		if !ok || k == "" || v == "" {
			return r, fmt.Errorf("condition %q is not Key=value", f[i])
		}
		r.Conditions = append(r.Conditions, Condition{Key: k, Values: strings.Split(v, ",")})
	}
	return r, nil
}
