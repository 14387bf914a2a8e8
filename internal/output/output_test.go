package output

import (
	"os"
	"path/filepath"
	"testing"
)

func TestAbortKeepsPreviousOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	d.Write("a/index.html", []byte("v1"))
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	d2, _ := Begin(out)
	d2.Write("a/index.html", []byte("v2"))
	d2.Abort()
	got, _ := os.ReadFile(filepath.Join(out, "a/index.html"))
	if string(got) != "v1" {
		t.Fatalf("after an aborted build the output holds %q, want the previous v1", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Fatalf("temporary folders left behind: %v", entries)
	}
	if err := d2.Write("../escape", nil); err == nil {
		t.Fatal("writing outside the output folder must fail")
	}
}
