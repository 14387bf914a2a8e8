//go:build !unix

package docset

import (
	"io"
	"os"
)

// readHead reads the first n bytes of a file (fewer when it is shorter;
// nil when it cannot be read).
func readHead(abs string, n int) []byte {
	f, err := os.Open(abs)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, n)
	k, _ := io.ReadFull(f, buf)
	return buf[:k]
}

// ReadFile reads a docset file.
func ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }
