package docfx

import "testing"

// BenchmarkLoadRedirections reads the 121 KB nl-NL redirection file, the
// largest JSON file a build reads.
func BenchmarkLoadRedirections(b *testing.B) {
	data := readFixture(b, "nl-nl/.openpublishing.redirection.json")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		LoadRedirections("r.json", data)
	}
}

// BenchmarkMetadataFor looks up the metadata of one page in the en-US
// docfx.json (four keys, 57 glob rules).
func BenchmarkMetadataFor(b *testing.B) {
	cfg, _ := LoadDocfx("docfx.json", readFixture(b, "en-us/microsoft-365/docfx.json"))
	for b.Loop() {
		cfg.MetadataFor("admin/support/netherlands.md")
	}
}
