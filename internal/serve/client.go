package serve

import (
	_ "embed"
	"errors"
	"io/fs"
	"strings"

	docloom "github.com/docloom/docloom"
	"github.com/evanw/esbuild/pkg/api"
)

// clientSource is the live reload client in the theme. It is bundled here,
// at server start, and never by the site build: built sites do not carry it.
const clientSource = "static/ts/livereload.ts"

// overlayCSS styles the error overlay the client shows; served at
// OverlayCSSPath.
//
//go:embed overlay.css
var overlayCSS []byte

// bundleClient compiles the live reload client with esbuild (a few ms).
func bundleClient() ([]byte, error) {
	src, err := fs.ReadFile(docloom.Theme, clientSource)
	if err != nil {
		return nil, err
	}
	res := api.Build(api.BuildOptions{
		Stdin: &api.StdinOptions{
			Contents:   string(src),
			Sourcefile: clientSource,
			Loader:     api.LoaderTS,
		},
		Bundle:            true,
		Write:             false,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Format:            api.FormatIIFE,
		Target:            api.ES2020,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			msgs = append(msgs, m.Text)
		}
		return nil, errors.New("bundling the live reload client: " + strings.Join(msgs, "; "))
	}
	if len(res.OutputFiles) != 1 {
		return nil, errors.New("bundling the live reload client: no output")
	}
	return res.OutputFiles[0].Contents, nil
}
