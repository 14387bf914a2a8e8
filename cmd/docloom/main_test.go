package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// The command is tested by scripts (testdata/script/*.txtar) that run the
// real docloom binary on small sites, as cmd/go's and Hugo's tests do.
func TestMain(m *testing.M) {
	if os.Getenv("DOCLOOM_TEST_RUN_MAIN") == "1" { // runDocloom's subprocess
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	testscript.Main(m, map[string]func(){
		"docloom": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script"})
}
