package meta

import (
	"bytes"
	"strings"
)

// Lines reads front matter the way PlatyPS writes and reads it: one
// "key: value" a line, and "  - item" lines making a list of the key
// above. PlatyPS cmdlet pages hold values no YAML parser accepts (an alias
// list item "- %"), which Learn's PlatyPS conversion reads all the same;
// for those pages this is the reader that matches.
func Lines(header []byte) map[string]any {
	out := map[string]any{}
	last := ""
	for _, raw := range bytes.Split(header, []byte("\n")) {
		line := strings.TrimRight(string(raw), " \t\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case strings.HasPrefix(trimmed, "- ") || trimmed == "-":
			if last == "" {
				continue
			}
			item := unquote(strings.TrimSpace(strings.TrimPrefix(trimmed, "-")))
			list, _ := out[last].([]any)
			out[last] = append(list, item)
			continue
		case line != trimmed: // an indented line that is not a list item
			continue
		}
		k, v, ok := strings.Cut(trimmed, ":")
		if !ok {
			continue
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		last = k
		if v == "" {
			out[k] = nil
			continue
		}
		out[k] = unquote(v)
	}
	for k, v := range out {
		if v == nil {
			out[k] = ""
		}
	}
	return out
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
		return v[1 : len(v)-1]
	}
	return v
}
