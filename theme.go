// Package docloom holds the default theme (layouts and static assets) that
// every site builds with unless it brings its own files of the same names.
// The theme lives at the repository root so authors find it where the
// example site's own layouts/ and static/ folders are.
package docloom

import "embed"

// Theme is the default layouts/ and static/ folders.
//
//go:embed layouts static
var Theme embed.FS
