package dialect

import (
	"fmt"
	"regexp"
	"strings"
)

// Picking the lines of a code file that a code include shows: a named
// region, a line range, or the whole file; then the indentation common to
// the lines is removed (or ?dedent=N spaces), as DocFX does.
//
// Regions are marked with comment lines in any of the styles DocFX knows,
// whatever the file's language (a name matches case-insensitively):
//
//	// <name> … // </name>          C#, C, C++, Java, JavaScript, TypeScript, Go, F#, Rust, …
//	# <name> … # </name>            PowerShell, Python, Ruby, Bash, YAML, …
//	' <name> … ' </name>            Visual Basic
//	<!-- <name> --> … <!-- </name> -->  XML, XAML, HTML
//	-- <name> … -- </name>          SQL
//	REM <name> … REM </name>        batch files
//	/* <name> */ … /* </name> */    CSS, C
//	(* <name> *) … (* </name> *)    F#, OCaml
//	% <name>, ; <name>              Erlang, Lisp
//	#region name … #endregion       C# (and #Region "name" … #End Region in Visual Basic)
//
// Other regions' marker lines inside the picked lines are left out.

var (
	tagLineRE = regexp.MustCompile(`(?i)^\s*(?://|#|'|--|rem\s|%|;|<!--|/\*|\(\*)\s*<\s*(/?)\s*([\w.\-]+)\s*>\s*(?:-->|\*/|\*\))?\s*$`)
	regionRE  = regexp.MustCompile(`(?i)^\s*#\s*region\b\s*"?([^"]*?)"?\s*$`)
	endRegRE  = regexp.MustCompile(`(?i)^\s*#\s*end\s*region\b.*$`)
)

// tagOf reports whether line is a region marker: its name, and whether it
// ends a region. Region names of #endregion are empty (they close the
// innermost open one).
func tagOf(line string) (name string, end, ok bool) {
	if m := tagLineRE.FindStringSubmatch(line); m != nil {
		return strings.ToLower(m[2]), m[1] == "/", true
	}
	if m := regionRE.FindStringSubmatch(line); m != nil {
		return strings.ToLower(strings.TrimSpace(m[1])), false, true
	}
	if endRegRE.MatchString(line) {
		return "", true, true
	}
	return "", false, false
}

// pickLines returns the code the spec shows from a file's text.
func pickLines(text string, s CodeSpec) (string, error) {
	text = strings.TrimPrefix(text, "\ufeff")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var lines []string
	if text != "" {
		lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	var out []string
	switch {
	case s.Name != "":
		var err error
		if out, err = region(lines, s.Name); err != nil {
			return "", err
		}
	case !s.Range.empty():
		for _, sp := range s.Range.spans {
			if sp[0] > len(lines) {
				return "", fmt.Errorf("line %d is past the end of the file (%d lines)", sp[0], len(lines))
			}
			end := sp[1]
			if end == 0 || end > len(lines) {
				end = len(lines)
			}
			out = append(out, lines[sp[0]-1:end]...)
		}
	default:
		out = lines
	}
	out = dedent(out, s.Dedent)
	return strings.Join(out, "\n") + "\n", nil
}

// region returns the lines of region name without the marker lines of any
// region. A name that no region has also finds "snippet"+name, the
// prefix .NET samples give their regions (DocFX does the same).
func region(lines []string, name string) ([]string, error) {
	out, err := regionNamed(lines, name)
	if err != nil && !strings.HasPrefix(strings.ToLower(name), "snippet") {
		if o, e := regionNamed(lines, "snippet"+name); e == nil {
			return o, nil
		}
	}
	return out, err
}

// regionNamed finds the region: for comment markers, the first one
// closed, from the latest opening before it (a name opened twice gives
// the inner lines, as DocFX gives them); for #region, the first one opened.
func regionNamed(lines []string, name string) ([]string, error) {
	want := strings.ToLower(name)
	open := -1
	for i, l := range lines {
		tag, end, ok := tagOf(l)
		if !ok || tag != want || !tagLineRE.MatchString(l) {
			continue
		}
		if !end {
			open = i
			continue
		}
		if open >= 0 {
			var out []string
			for _, x := range lines[open+1 : i] {
				if _, _, marker := tagOf(x); !marker {
					out = append(out, x)
				}
			}
			return out, nil
		}
	}
	start := -1
	byRegion := false // the wanted region is a #region … #endregion
	depth := 0        // #region nesting inside the wanted region
	var out []string
	for i, l := range lines {
		tag, end, ok := tagOf(l)
		if start < 0 {
			if ok && !end && tag == want {
				start, byRegion = i, !tagLineRE.MatchString(l)
			}
			continue
		}
		if ok {
			switch {
			case end && tag == want:
				return out, nil
			case end && tag == "" && depth == 0 && byRegion:
				return out, nil // the #endregion of #region want
			case end && tag == "" && depth > 0:
				depth--
			case !end && !tagLineRE.MatchString(l):
				depth++ // a nested #region
			}
			continue
		}
		out = append(out, l)
	}
	if start < 0 {
		return nil, fmt.Errorf("no region %q (mark it with a comment such as // <%s> … // </%s> or #region %s)", name, name, name, name)
	}
	return nil, fmt.Errorf("region %q that starts on line %d is never closed", name, start+1)
}

// dedent removes n leading spaces (or tabs) from every line, or, for n <
// 0, the indentation all non-blank lines share.
func dedent(lines []string, n int) []string {
	if n == 0 || len(lines) == 0 {
		return lines
	}
	if n < 0 {
		n = -1
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				continue
			}
			ind := len(l) - len(strings.TrimLeft(l, " \t"))
			if n < 0 || ind < n {
				n = ind
			}
		}
		if n <= 0 {
			return lines
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		k := 0
		for k < n && k < len(l) && (l[k] == ' ' || l[k] == '\t') {
			k++
		}
		out[i] = l[k:]
	}
	return out
}
