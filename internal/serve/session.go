package serve

import (
	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/config"
)

// OpenSession opens the incremental build session (build.Open), the engine
// serve uses by default.
func OpenSession(opts build.Options) (Engine, *build.Result) {
	s, res := build.Open(opts)
	if s == nil {
		return nil, res
	}
	return sessionEngine{s}, res
}

// sessionEngine adapts *build.Session to Engine.
type sessionEngine struct{ s *build.Session }

func (e sessionEngine) Update(paths []string) (*build.Result, Changes) {
	res, ch := e.s.Update(paths)
	if ch == nil {
		return res, Changes{}
	}
	return res, Changes{Full: ch.Full, Pages: ch.Pages, Assets: ch.Assets, NewAssets: ch.NewAssets, CSSOnly: ch.CSSOnly, Rendered: ch.Rendered}
}

func (e sessionEngine) Lookup(rel string) ([]byte, bool) { return e.s.Lookup(rel) }
func (e sessionEngine) Roots() []string                  { return e.s.Roots() }
func (e sessionEngine) Site() *config.Site               { return e.s.Site() }
