package serve

import (
	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/config"
)

// Engine is the build the server drives: a full build at start, then
// rebuilds of what the changed files affect. The server reads outputs only
// through Lookup, so it never touches a file outside the built site.
type Engine interface {
	// Update rebuilds after the given absolute paths changed. A failed
	// rebuild keeps the last good output; the Result holds the diagnostics.
	Update(paths []string) (*build.Result, Changes)
	// Lookup returns the bytes of an output path such as
	// "en-us/o365-worldwide/admin/index.html".
	Lookup(rel string) ([]byte, bool)
	// Roots are the folders to watch recursively.
	Roots() []string
	// Site is the configuration of the last good build (nil if none).
	Site() *config.Site
}

// Changes says what a rebuild changed in the output.
type Changes struct {
	Full   bool     // everything was rebuilt (config, layouts or static changed)
	Pages  []string // output paths whose bytes changed, were added or removed
	Assets []string // output paths of changed bundled assets
	// NewAssets are Assets that did not exist before: pages that link to
	// them are in Pages, and no other tab reloads.
	NewAssets []string
	CSSOnly   bool // only stylesheets changed
	Rendered  int  // documents re-rendered
}

// OpenFunc starts an Engine with a full build. Options.Open takes one so
// tests can drive the server with a fake engine.
type OpenFunc func(opts build.Options) (Engine, *build.Result)
