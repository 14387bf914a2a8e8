package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/docloom/docloom/internal/config"
)

// checkSite makes a mistyped or wrong site path bad usage (exit 2) before
// anything is built or created: `docloom build /no/such/site` used to create
// the folder's public/, and a folder that merely holds a docset somewhere
// below used to be walked whole. It looks where docloom's discovery looks
// and nowhere else: docloom.yaml, docfx.json and the publish config in the
// folder, docfx.json in the folders one level down.
func checkSite(name, dir string, stderr io.Writer) bool {
	st, err := os.Stat(dir)
	switch {
	case os.IsNotExist(err):
		fmt.Fprintf(stderr, "docloom %s: %s: no such folder\n", name, dir)
		return false
	case err != nil:
		fmt.Fprintf(stderr, "docloom %s: %v\n", name, err)
		return false
	case !st.IsDir():
		fmt.Fprintf(stderr, "docloom %s: %s is a file, not a site folder\n", name, dir)
		return false
	}
	for _, f := range []string{config.FileName, "docfx.json", config.PublishConfigName} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			return true
		}
	}
	if len(config.FindDocfx(dir)) > 0 {
		return true
	}
	fmt.Fprintf(stderr, "docloom %s: %s is not a site: it has no %s, docfx.json or %s, and none of its folders has a docfx.json (folders further down are not searched)\n",
		name, dir, config.FileName, config.PublishConfigName)
	return false
}
