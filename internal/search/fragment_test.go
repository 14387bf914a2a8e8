package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"testing"
)

// marshalFragment is what fragment writes, by encoding/json.
func marshalFragment(x Extracted, description string) []byte {
	text := x.Text
	if len(text) > maxFragmentText {
		cut := maxFragmentText
		for cut > 0 && text[cut]&0xc0 == 0x80 {
			cut--
		}
		text = text[:cut]
	}
	f := fragmentJSON{Text: text, Description: description}
	at, units := 0, 0
	for _, h := range x.Headings {
		if h.Offset > len(text) {
			break
		}
		units += utf16Len(text[at:h.Offset])
		at = h.Offset
		if h.ID != "" {
			f.Headings = append(f.Headings, []any{units, h.ID})
		}
	}
	data, _ := json.Marshal(f)
	return data
}

func gunzip(t testing.TB, data []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzFragmentJSON: the fragment's hand-written JSON is byte for byte what
// encoding/json writes (escapes for HTML, control characters, invalid
// UTF-8, U+2028), so the browser's JSON.parse reads it the same.
func FuzzFragmentJSON(f *testing.F) {
	for _, s := range []string{"", "plain text", `quote " and \ back`, "<b>&amp;</b>", "tab\there\nnew\r\f\b\x00\x1f\x7f",
		"bad \xff\xfe utf8 \xe2\x82", "line\u2028sep\u2029", "café 日本語 🎉", "id-with-\"quote"} {
		f.Add(s, s, "heading")
	}
	f.Fuzz(func(t *testing.T, text, desc, id string) {
		x := Extracted{Text: text, Headings: []Heading{{Offset: 0, ID: id}, {Offset: len(text) / 2, ID: ""}, {Offset: len(text), ID: id + "2"}}}
		data, _ := fragment(x, desc)
		got, want := gunzip(t, data), marshalFragment(x, desc)
		if !bytes.Equal(got, want) {
			t.Fatalf("fragment JSON\n got %q\nwant %q", got, want)
		}
	})
}
