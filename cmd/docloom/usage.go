package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// commandHelp is what `docloom <command> -h` prints above the flags.
var commandHelp = map[string]string{
	"build": `usage: docloom build [flags] [site]

Build the site: every page once per locale and per cloud, written into a
temporary folder beside --out and swapped in only when the build succeeds.
`,
	"check": `usage: docloom check [flags] [site]

Render the whole site and report every problem, writing nothing. Broken
links and unreadable front matter are errors here (what CI runs before
publishing).
`,
	"serve": `usage: docloom serve [flags] [site]

Preview the site over HTTP, built in memory and rebuilt on every save; open
pages reload themselves and show build errors in an overlay.
`,
}

const siteArgHelp = `
site: the site folder (default: the current folder). It holds docloom.yaml,
or is a DocFX docset: docfx.json at its root or one folder down, or a
.openpublishing.publish.config.json (a Learn repository).

flags:
`

// parseFlags parses a command's flags. Asked for help (-h, --help), it
// prints the command's description, its argument and its flags on stdout
// and the command exits 0; a bad flag is bad usage (exit 2), with the flag
// package's message and a pointer to -h on stderr. done reports that the
// command should return code now.
func parseFlags(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := parseInterspersed(fs, args)
	switch {
	case err == nil:
		fs.SetOutput(stderr)
		return 0, false
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, commandHelp[fs.Name()], siteArgHelp)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0, true
	default:
		fmt.Fprintf(stderr, "docloom %s: %v\nRun 'docloom %s -h' for its flags.\n", fs.Name(), err, fs.Name())
		return 2, true
	}
}

// parseInterspersed parses flags wherever they stand, so that
// `docloom build site --out dir` means what `docloom build --out dir site`
// does (the flag package alone stops at the first argument that is not a
// flag). A lone "--" ends the flags; what follows is positional. Afterwards
// fs.Args() holds the positional arguments in their order.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		// fs.Parse consumed a "--" itself when it was the stop; look back
		// at what it was given to tell "a -- b" from "a b".
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

// checkWorkers rejects a negative --workers; 0 means one per core, and the
// build uses at most one worker per page.
func checkWorkers(name string, n int, stderr io.Writer) bool {
	if n < 0 {
		fmt.Fprintf(stderr, "docloom %s: --workers must be 0 (one per core) or more, not %d\n", name, n)
		return false
	}
	return true
}

// cmdVersion prints docloom's version: the module version and VCS revision
// the binary was built from, and the Go release that built it.
func cmdVersion(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if args[0] == "-h" || args[0] == "--help" {
			fmt.Fprintln(stdout, "usage: docloom version\n\nPrint the version of docloom and of the Go release that built it.")
			return 0
		}
		fmt.Fprintf(stderr, "docloom version: takes no arguments, got %q\n", args)
		return 2
	}
	fmt.Fprintln(stdout, versionString())
	return 0
}

func versionString() string {
	version, rev, dirty := "(devel)", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	out := "docloom " + version
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		out += " " + rev
		if dirty {
			out += "+dirty"
		}
	}
	return out + " " + runtime.Version()
}
