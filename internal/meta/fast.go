package meta

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// fastFrontMatter reads the common shape of Learn front matter (flat
// `key: value` lines and `- item` lists under a key, plain or simply
// quoted scalars) without a YAML parser: go.yaml.in/yaml/v3 cost about a
// quarter of a page's Markdown parse. Anything it is not sure to read
// exactly as YAML 1.2 does (numbers, booleans, nulls, dates, escapes,
// nesting, flow collections, anchors, block scalars, comments after
// values, duplicate keys) makes it give up (ok=false), and the caller
// uses the real parser. A fuzz test checks both agree.
func fastFrontMatter(header []byte) (m map[string]any, ok bool) {
	if !printable(header) {
		return nil, false
	}
	m = map[string]any{}
	var listKey string
	var list []any
	listIndent := -1 // the indent of the list's items: YAML wants them all at one

	flush := func() {
		if listKey != "" && len(list) > 0 {
			m[listKey] = list
		}
		listKey, list, listIndent = "", nil, -1
	}
	for _, raw := range strings.Split(string(header), "\n") {
		line := strings.TrimRight(raw, " \t")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsAny(line, "\t\r") {
			return nil, false
		}
		trimmed := strings.TrimLeft(line, " ")
		if strings.HasPrefix(trimmed, "- ") || trimmed == "-" {
			if listKey == "" {
				return nil, false
			}
			if indent := len(line) - len(trimmed); listIndent < 0 {
				listIndent = indent
			} else if indent != listIndent {
				return nil, false
			}
			v, ok := fastScalar(strings.TrimSpace(strings.TrimPrefix(trimmed, "-")))
			if !ok || v == nil {
				return nil, false
			}
			list = append(list, v)
			continue
		}
		if trimmed != line { // an indented line that is not a list item
			return nil, false
		}
		flush()
		key, value, found := strings.Cut(line, ":")
		if !found || !fastKey(key) {
			return nil, false
		}
		if _, dup := m[key]; dup {
			return nil, false
		}
		if value == "" {
			m[key] = nil
			listKey, list = key, []any{}
			continue
		}
		if value[0] != ' ' {
			return nil, false
		}
		v, ok := fastScalar(strings.TrimSpace(value))
		if !ok {
			return nil, false
		}
		m[key] = v
	}
	flush()
	return m, true
}

var keyRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)

func fastKey(k string) bool { return keyRE.MatchString(k) && !yamlWord[k] }

// yamlWord are plain scalars YAML 1.2 reads as something other than a
// string.
var yamlWord = map[string]bool{
	"~": true, "null": true, "Null": true, "NULL": true,
	"true": true, "True": true, "TRUE": true, "false": true, "False": true, "FALSE": true,
	"y": true, "Y": true, "n": true, "N": true, "yes": true, "Yes": true, "YES": true,
	"no": true, "No": true, "NO": true, "on": true, "On": true, "ON": true, "off": true, "Off": true, "OFF": true,
}

// fastScalar reads a value, or says it cannot be sure.
func fastScalar(v string) (any, bool) {
	if v == "" {
		return nil, false
	}
	switch v[0] {
	case '"':
		if len(v) < 2 || v[len(v)-1] != '"' || strings.ContainsAny(v[1:len(v)-1], `"\`) {
			return nil, false
		}
		return v[1 : len(v)-1], true
	case '\'':
		if len(v) < 2 || v[len(v)-1] != '\'' || strings.Contains(v[1:len(v)-1], "'") {
			return nil, false
		}
		return v[1 : len(v)-1], true
	case '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#', '.', '<', '?', ':', ',', ']', '}', '-', '+', '=':
		return nil, false
	}
	if yamlWord[v] || strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.HasSuffix(v, ":") {
		return nil, false
	}
	if c := v[0]; c >= '0' && c <= '9' && (numberish(v) || (len(v) >= 10 && v[4] == '-' && v[7] == '-')) {
		// Digits with underscores, signs, dots, exponents, radix
		// prefixes, colons or dashes: YAML libraries read such plain
		// scalars as numbers, times or dates in ways that differ
		// ("0800_" is 800 to yaml.v3, an invalid octal to strconv), so
		// the YAML parser decides.
		return nil, false
	}
	return v, true
}

// numberish reports whether v (starting with a digit) is made only of
// characters a YAML number, timestamp or sexagesimal value can hold:
// digits, "_.+-:", an exponent's e, a timestamp's t and z, and hex digits
// after a 0x prefix (0o and 0b take digits only). A commit hash such as
// 27b2b2e5c4… is not: it stays on the fast path as the string it is.
func numberish(v string) bool {
	hex := len(v) > 2 && v[0] == '0' && (v[1] == 'x' || v[1] == 'X')
	start := 0
	if len(v) > 2 && v[0] == '0' && strings.IndexByte("xXoObB", v[1]) >= 0 {
		start = 2
	}
	for i := start; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
		case hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		case strings.IndexByte("_.+-:eEtTzZ", c) >= 0:
		default:
			return false
		}
	}
	return true
}

// printable reports whether header is valid UTF-8 made of characters YAML
// accepts in a document (no control characters but the line break).
func printable(header []byte) bool {
	if !utf8.Valid(header) {
		return false
	}
	for _, r := range string(header) {
		switch {
		case r == '\n':
		case r < 0x20, r >= 0x7f && r <= 0x9f, r == 0xfeff, r == 0xfffe, r == 0xffff:
			return false
		}
	}
	return true
}
