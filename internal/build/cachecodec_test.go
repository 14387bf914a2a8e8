package build

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/docloom/docloom/internal/diag"
	"github.com/docloom/docloom/internal/dialect"
	"github.com/docloom/docloom/internal/search"
)

// TestCacheCodecFields fails when a struct that cachecodec.go writes field
// by field gains, loses or changes a field: update the codec (and
// cacheVersion) with it, then this list.
func TestCacheCodecFields(t *testing.T) {
	want := map[string]string{
		"cachedPage": "Src [32]uint8, Files []build.fileSum, Deps []build.pageSum, Title string, Headings []dialect.Heading, Own []dialect.Heading, Anchors []string, ParseDiags []diag.Diagnostic, RenderDiags []diag.Diagnostic, IncVia []build.incVia, Docs []build.cachedDoc, DepKeys []string",
		"fileSum":    "Abs string, Sum [32]uint8",
		"pageSum":    "Key string, Sum [32]uint8",
		"incVia":     "Abs string, Pos diag.Pos",
		"cachedDoc":  "Rel string, M int, Hash [16]uint8, Size int64, Indexed bool, Search search.Doc, Entry [32]uint8",
		"Heading":    "ID string, Level int, Text string, Zone moniker.Set, Explicit bool, Offset int",
		"Diagnostic": "Pos diag.Pos, Severity diag.Severity, Code string, Message string, Via string",
		"Pos":        "File string, Line int, Col int",
		"Doc":        "URL string, Title string, Breadcrumb []string",
		"Stored":     "Strings []string, Stems []uint32, Weights []uint8, Words []uint32, Fragment []uint8, FragmentName string",
		"shardPage":  "Key string, Page *build.cachedPage",
		"shardEntry": "Key [32]uint8, Stored search.Stored",
		"fileStat":   "Size int64, Mtime int64, Ctime int64, Ino uint64",
		"frontEntry": "Key string, Src [32]uint8, File [32]uint8, Stat build.fileStat, Meta map[string]interface {}, MetaSum [32]uint8, Title string, Guessed bool, Monikers uint64, MayZone bool, Diags []diag.Diagnostic",
	}
	for _, v := range []any{cachedPage{}, fileSum{}, pageSum{}, incVia{}, cachedDoc{}, dialect.Heading{}, diag.Diagnostic{},
		diag.Pos{}, search.Doc{}, search.Stored{}, shardPage{}, shardEntry{}, frontEntry{}, fileStat{}} {
		rt := reflect.TypeOf(v)
		var fields []string
		for i := 0; i < rt.NumField(); i++ {
			fields = append(fields, rt.Field(i).Name+" "+rt.Field(i).Type.String())
		}
		if got := strings.Join(fields, ", "); got != want[rt.Name()] {
			t.Errorf("%s has the fields\n  %s\nthe cache codec writes\n  %s", rt.Name(), got, want[rt.Name()])
		}
	}
}

// TestCacheCodecRoundTrip: what is encoded decodes to the same values, and
// a payload cut short or with a byte changed is refused or decodes without
// a panic.
func TestCacheCodecRoundTrip(t *testing.T) {
	pages := []shardPage{{Key: "en-us/a.md", Page: &cachedPage{
		Src: [32]byte{1}, Files: []fileSum{{"/x/inc.md", [32]byte{2}}}, Deps: []pageSum{{"page:en-us/b.md", [32]byte{3}}},
		Title: "A é", Headings: []dialect.Heading{{ID: "a", Level: 2, Text: "A", Zone: 6, Explicit: true, Offset: 40}},
		Anchors:    []string{"x", ""},
		ParseDiags: []diag.Diagnostic{{Pos: diag.Pos{File: "a.md", Line: 3, Col: -1}, Severity: diag.Error, Code: "c", Message: "m", Via: "v"}},
		IncVia:     []incVia{{"/x/inc.md", diag.Pos{File: "a.md", Line: 9}}},
		Docs: []cachedDoc{{Rel: "en-us/a/a.html", M: 2, Hash: [16]byte{4}, Size: 1 << 40, Indexed: true,
			Search: search.Doc{URL: "/a", Title: "A", Breadcrumb: []string{"Docs", "A"}}, Entry: [32]byte{5}}},
		DepKeys: []string{"page:en-us/b.md", "/x/inc.md"},
	}}, {Key: "en-us/b.md", Page: &cachedPage{}}}
	entries := []shardEntry{{Key: [32]byte{9}, Stored: search.Stored{Strings: []string{"w", "s"}, Stems: []uint32{1, 1 << 31},
		Weights: []uint8{3, 0}, Words: []uint32{0, 1}, Fragment: []byte("<p>x</p>"), FragmentName: "f.html"}}}
	pdata, edata := encodePages(pages), encodeEntries(entries)
	if got, ok := decodePages(pdata); !ok || !reflect.DeepEqual(got, pages) {
		t.Errorf("pages: %v %+v", ok, got)
	}
	if got, ok := decodeEntries(edata); !ok || !reflect.DeepEqual(got, entries) {
		t.Errorf("entries: %v %+v", ok, got)
	}
	for i := 0; i < len(pdata); i++ {
		if _, ok := decodePages(pdata[:i]); ok {
			t.Errorf("pages cut at %d of %d decoded", i, len(pdata))
		}
		bad := append([]byte(nil), pdata...)
		bad[i] ^= 0xff
		decodePages(bad)
	}
	for i := 0; i < len(edata); i++ {
		if _, ok := decodeEntries(edata[:i]); ok {
			t.Errorf("entries cut at %d of %d decoded", i, len(edata))
		}
	}
}

// TestFrontCodecRoundTrip: front entries decode to the same values, every
// kind of metadata value included, and a cut payload is refused.
func TestFrontCodecRoundTrip(t *testing.T) {
	entries := []frontEntry{{Key: "en-us/a.md", Src: [32]byte{1}, File: [32]byte{3}, Stat: fileStat{Size: 9, Mtime: -1 << 62, Ctime: 1 << 62, Ino: 1 << 63}, MetaSum: [32]byte{2}, Title: "A", Guessed: true,
		Monikers: 7, MayZone: true, Diags: []diag.Diagnostic{{Pos: diag.Pos{File: "a.md", Line: 2}, Code: "c", Message: "m"}},
		Meta: map[string]any{"s": "x", "t": true, "f": false, "i": -3, "i64": int64(1) << 40, "u": uint64(1) << 63,
			"fl": 2.5, "nil": nil, "list": []any{"x", 1, []any{}}, "nillist": []any(nil), "map": map[string]any{"s": "x"},
			"nilmap": map[string]any(nil)}},
		{Key: "en-us/b.md", Meta: map[string]any{}}}
	for _, e := range entries {
		if !encodable(e.Meta) {
			t.Fatalf("%s: not encodable", e.Key)
		}
	}
	if encodable(map[string]any{"t": struct{}{}}) {
		t.Error("a struct value is encodable")
	}
	data := encodeFront(entries)
	got, ok := decodeFront(data)
	if !ok || !reflect.DeepEqual(got, entries) {
		t.Errorf("decoded %v %+v", ok, got)
	}
	if again := encodeFront(got); !bytes.Equal(again, data) {
		t.Error("encoding the decoded entries gives other bytes")
	}
	for i := 0; i < len(data); i++ {
		if _, ok := decodeFront(data[:i]); ok {
			t.Errorf("cut at %d of %d decoded", i, len(data))
		}
		bad := append([]byte(nil), data...)
		bad[i] ^= 0xff
		decodeFront(bad)
	}
}
