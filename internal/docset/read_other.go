//go:build !unix

package docset

import "os"

// ReadFile reads a docset file.
func ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }
