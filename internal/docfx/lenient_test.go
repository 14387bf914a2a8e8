package docfx

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
)

// render gives the diagnostics one per line, as the command prints them.
func render(ds []diag.Diagnostic) string {
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.String())
	}
	return strings.Join(lines, "\n")
}

func TestDecodeLenientRepairs(t *testing.T) {
	const nbsp = "\u00a0"
	tests := []struct {
		name, in, want, diags string
	}{
		{"strict", `{"a": [1, 2.5, "x"], "b": null}`, `{"a":[1,2.5,"x"],"b":null}`, ""},
		{"bom", "\xEF\xBB\xBF{\"a\": 1}", `{"a":1}`, ""},
		{"crlf", "{\r\n  \"a\": 1,\r\n  \"b\": 2\r\n}\r\n", `{"a":1,"b":2}`, ""},
		{"one nbsp", "{\n" + nbsp + "\"a\": 1}", `{"a":1}`,
			"f.json:2:1: warning json-nbsp-whitespace: U+00A0 (no-break space) used as whitespace outside a string; read as a space"},
		{"nbsp indentation summarized", "{\r\n  \"a\": [\r\n" + nbsp + nbsp + "1,\r\n" + nbsp + nbsp + "2\r\n  ]\r\n}",
			`{"a":[1,2]}`,
			"f.json:3:1: warning json-nbsp-whitespace: U+00A0 (no-break space) used as whitespace outside a string; read as a space (4 times in this file; first here)"},
		{"nbsp inside a string is content", `{"a": "x` + nbsp + `y"}`, `{"a":"x` + nbsp + `y"}`, ""},
		{"ideographic space", "[1,\u3000 2]", `[1,2]`,
			"f.json:1:4: warning json-unicode-whitespace: non-ASCII whitespace outside a string; read as a space"},
		{"missing comma in object", "{\n  \"a\": [\"x\"]\n  \"b\": 2\n}", `{"a":["x"],"b":2}`,
			"f.json:2:13: warning json-missing-comma: missing ',' between two values on different lines; assumed"},
		{"missing comma in array, CRLF", "[\r\n  true\r\n  {}\r\n]", `[true,{}]`,
			"f.json:2:7: warning json-missing-comma: missing ',' between two values on different lines; assumed"},
		{"column counts characters", "{\"é€\": 1\n\"b\": 2}", `{"b":2,"é€":1}`,
			"f.json:1:9: warning json-missing-comma: missing ',' between two values on different lines; assumed"},
		{"trailing commas", "{\"a\": [1, 2,],\n \"b\": 3,\n}", `{"a":[1,2],"b":3}`,
			"f.json:1:12: warning json-trailing-comma: comma before ']'; ignored\n" +
				"f.json:2:8: warning json-trailing-comma: comma before '}'; ignored"},
		{"comments", "// header\n{\"a\": /* inline */ 1 // end\n}", `{"a":1}`,
			"f.json:1:1: warning json-comment: comment in JSON; ignored (3 times in this file; first here)"},
		{"comment stands for the line break", "[1 // one\n2]", `[1,2]`,
			"f.json:1:4: warning json-comment: comment in JSON; ignored\n" +
				"f.json:1:3: warning json-missing-comma: missing ',' between two values on different lines; assumed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			ds := DecodeLenient("f.json", []byte(tt.in), &v)
			got, _ := json.Marshal(v)
			if string(got) != tt.want {
				t.Errorf("value = %s, want %s", got, tt.want)
			}
			if g := render(ds); g != sortedLines(tt.diags) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", g, sortedLines(tt.diags))
			}
		})
	}
}

// sortedLines puts expected diagnostics in diag.SortUnique's order.
func sortedLines(s string) string {
	if s == "" {
		return ""
	}
	var ds []diag.Diagnostic
	for _, l := range strings.Split(s, "\n") {
		ds = append(ds, parseDiag(l))
	}
	return render(diag.SortUnique(ds))
}

// parseDiag reads back a line written by Diagnostic.String (test helper).
func parseDiag(line string) diag.Diagnostic {
	var d diag.Diagnostic
	head, msg, _ := strings.Cut(line, ": warning ")
	d.Severity = diag.Warning
	if !strings.Contains(line, ": warning ") {
		head, msg, _ = strings.Cut(line, ": error ")
		d.Severity = diag.Error
	}
	parts := strings.Split(head, ":")
	d.Pos.File = parts[0]
	d.Pos.Line = atoi(parts[1])
	d.Pos.Col = atoi(parts[2])
	d.Code, d.Message, _ = strings.Cut(msg, ": ")
	return d
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestDecodeLenientErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "f.json:1:1: error json-syntax-error: unexpected end of input; expected a value"},
		{"missing comma on one line", `{"a": 1 "b": 2}`,
			`f.json:1:9: error json-syntax-error: unexpected character '"'; expected ',' or '}'`},
		{"unclosed object", "{\n  \"a\": 1,\n  \"b\": [1]\n",
			"f.json:4:1: error json-syntax-error: unexpected end of input; the object opened at 1:1 is not closed"},
		{"unclosed string", "[\"abc\n]", "f.json:1:2: error json-syntax-error: string is not closed before the end of the line"},
		{"unclosed comment", "[1] /* x", "f.json:1:5: error json-syntax-error: comment is not closed"},
		{"double comma", "[1,,2]", "f.json:1:4: error json-syntax-error: unexpected character ','; expected a value"},
		{"text after the value", "{}\n{}", "f.json:2:1: error json-syntax-error: unexpected character '{' after the end of the JSON value"},
		{"single quotes", "{'a': 1}", "f.json:1:2: error json-syntax-error: unexpected character '\\''; expected a member name in double quotes"},
		{"bad escape", `["a\q"]`, `f.json:1:4: error json-syntax-error: invalid escape character 'q' in string`},
		{"leading zero", "[01]", "f.json:1:3: error json-syntax-error: unexpected character '1'; expected ',' or ']'"},
		{"repairs before the error are kept", "[1,\n\u00a02 3]",
			"f.json:2:1: warning json-nbsp-whitespace: U+00A0 (no-break space) used as whitespace outside a string; read as a space\n" +
				"f.json:2:4: error json-syntax-error: unexpected character '3'; expected ',' or ']'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := "untouched"
			ds := DecodeLenient("f.json", []byte(tt.in), &v)
			if got := render(ds); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
			if v != "untouched" {
				t.Errorf("v changed to %q on a syntax error", v)
			}
		})
	}
}

func TestDecodeLenientTypeMismatch(t *testing.T) {
	var v struct {
		Files []string `json:"files"`
	}
	ds := DecodeLenient("f.json", []byte("{\n  \"files\": [\n    \"a\",\n    7\n  ]\n}"), &v)
	if len(ds) != 1 || ds[0].Code != "json-type-mismatch" || ds[0].Pos.Line != 4 || ds[0].Pos.Col != 5 {
		t.Fatalf("got %v, want json-type-mismatch at 4:5", ds)
	}
}

// FuzzDecodeLenient checks that DecodeLenient never panics, that every
// diagnostic has a position, and that strict JSON decodes exactly as
// encoding/json decodes it, without diagnostics.
func FuzzDecodeLenient(f *testing.F) {
	for _, s := range []string{
		`{"a": [1, 2.5e3, -0, "x\u00e9\n"], "b": {"c": null, "d": true}}`,
		"{\r\n\u00a0\u00a0\"a\": 1\r\n\u00a0\u00a0\"b\": [1,]\r\n}",
		"// c\n[1 /* c */ , 2,\n]",
		"\xEF\xBB\xBF[]", `"\ud800"`, "[1e999]", `{"a":1,"a":2}`, "[\"\xff\"]", "[[[[]]]]", "{\"a\" 1}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var got any
		ds := DecodeLenient("f.json", data, &got)
		for _, d := range ds {
			if d.Pos.File != "f.json" || (d.Code != "json-decode-error" && d.Code != "json-type-mismatch" && (d.Pos.Line < 1 || d.Pos.Col < 1)) {
				t.Fatalf("diagnostic without a position: %v", d)
			}
		}
		if !json.Valid(data) {
			return
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			if errs, _ := diag.Count(ds); errs == 0 {
				t.Fatalf("encoding/json fails (%v) but DecodeLenient reports no error", err)
			}
			return
		}
		if len(ds) != 0 {
			t.Fatalf("strict JSON gave diagnostics: %v", ds)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("DecodeLenient = %#v, encoding/json = %#v", got, want)
		}
	})
}
