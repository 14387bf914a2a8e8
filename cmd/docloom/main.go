// Command docloom builds a static documentation site from Learn-style
// (DocFX-flavoured) Markdown docsets: every page once per locale and once
// per cloud.
//
//	docloom build [flags] [site]   build the site into public/
//	docloom check [flags] [site]   report every problem, write nothing
//
// Exit status: 0 success, 1 the build or check found errors (or warnings
// under --strict), 2 bad usage.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"

	"github.com/docloom/docloom/internal/build"
	"github.com/docloom/docloom/internal/diag"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: docloom <command> [flags] [site]

commands:
  build   build the site (default output: <site>/public)
  check   report problems without writing a site
  serve   preview the site on http://127.0.0.1:1313/, rebuilt on every save
  version print docloom's version

Run 'docloom <command> -h' for a command's flags.
`

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr, false)
	case "check":
		return cmdBuild(args[1:], stdout, stderr, true)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "version", "--version":
		return cmdVersion(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "docloom: unknown command %q\n%s", args[0], usage)
		return 2
	}
}

func cmdBuild(args []string, stdout, stderr io.Writer, check bool) int {
	name := "build"
	if check {
		name = "check"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	site := fs.String("site", "", "site folder: holds docloom.yaml, or is a DocFX docset (default: the argument, else .)")
	out := new(string)
	if !check {
		out = fs.String("out", "", "output folder (default: <site>/public)")
	}
	strict := fs.Bool("strict", false, "fail on warnings too")
	format := fs.String("format", "text", "diagnostics format: text, json or github (GitHub Actions annotations)")
	workers := fs.Int("workers", 0, "pages rendered in parallel (default: one per core)")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	noSearch := new(bool)
	if !check {
		noSearch = fs.Bool("no-search", false, "write no site search index and no search box (for a site with a search of its own, or to measure what the index costs)")
	}
	baseURL := fs.String("base-url", "", "the site's absolute URL (overrides baseURL; canonical, hreflang and sitemap URLs use it)")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "docloom %s: one site folder at most, got %q\n", name, fs.Args())
		return 2
	}
	if !checkWorkers(name, *workers, stderr) {
		return 2
	}
	if *site == "" {
		*site = "."
		if fs.NArg() == 1 {
			*site = fs.Arg(0)
		}
	} else if fs.NArg() == 1 {
		fmt.Fprintf(stderr, "docloom %s: give the site either as --site or as an argument, not both\n", name)
		return 2
	}
	if !checkSite(name, *site, stderr) {
		return 2
	}
	switch *format {
	case "text", "json", "github":
	default:
		fmt.Fprintf(stderr, "docloom %s: --format must be text, json or github, not %q\n", name, *format)
		return 2
	}
	if *out == "" {
		*out = filepath.Join(*site, "public")
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintf(stderr, "docloom %s: %v\n", name, err)
			return 2
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	stop := func() {}
	if !check {
		stop = cancelOnInterrupt(stderr, *out)
	}
	res := build.Run(build.Options{Site: *site, Out: *out, Strict: *strict, NoWrite: check, Workers: *workers, BaseURL: *baseURL, NoSearch: *noSearch})
	stop()
	if check {
		promote(res)
	}
	printDiags(stdout, stderr, res.Diags, *format)
	failed := res.Failed(*strict)
	verb := "built"
	if check {
		verb = "checked"
	}
	if *format != "json" {
		switch {
		case failed && !check:
			fmt.Fprintf(stderr, "docloom: build failed (%s); the previous output in %s is unchanged\n", res.Summary(), *out)
		case failed:
			fmt.Fprintf(stderr, "docloom: check failed: %s\n", res.Summary())
		default:
			where := ""
			if !check {
				where = " into " + *out
			}
			fmt.Fprintf(stderr, "docloom: %s%s: %s\n", verb, where, res.Summary())
		}
	}
	if failed {
		return 1
	}
	return 0
}

// checkErrors are warnings during a build (the site is still usable) that
// docloom check reports as errors: it is what CI runs before publishing,
// and a broken link or unreadable front matter should stop a merge
// (dfm-spec's proposed docloom levels).
var checkErrors = map[string]bool{
	"file-not-found":           true,
	"include-not-found":        true,
	"invalid-code":             true,
	"yaml-header-syntax-error": true,
	"yaml-header-not-object":   true,
	"yaml-header-unclosed":     true,
}

func promote(res *build.Result) {
	for i, d := range res.Diags {
		if d.Severity == diag.Warning && checkErrors[d.Code] {
			res.Diags[i].Severity = diag.Error
		}
	}
	res.Errors, res.Warnings = diag.Count(res.Diags)
}

func printDiags(stdout, stderr io.Writer, ds []diag.Diagnostic, format string) {
	switch format {
	case "json":
		type jd struct {
			File     string `json:"file,omitempty"`
			Line     int    `json:"line,omitempty"`
			Col      int    `json:"col,omitempty"`
			Severity string `json:"severity"`
			Code     string `json:"code"`
			Message  string `json:"message"`
			Via      string `json:"via,omitempty"`
		}
		out := []jd{}
		for _, d := range ds {
			out = append(out, jd{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Code, d.Message, d.Via})
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(out)
	case "github":
		for _, d := range ds {
			kind := map[diag.Severity]string{diag.Error: "error", diag.Warning: "warning", diag.Info: "notice"}[d.Severity]
			props := []string{}
			if d.Pos.File != "" {
				props = append(props, "file="+ghEscape(d.Pos.File, true))
			}
			if d.Pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
			}
			if d.Pos.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
			}
			props = append(props, "title="+ghEscape(d.Code, true))
			msg := d.Message
			if d.Via != "" {
				msg += " (" + d.Via + ")"
			}
			fmt.Fprintf(stdout, "::%s %s::%s\n", kind, strings.Join(props, ","), ghEscape(msg, false))
		}
	default:
		for _, d := range ds {
			fmt.Fprintln(stderr, d.String())
		}
	}
}

// ghEscape escapes workflow-command data as GitHub Actions requires.
func ghEscape(s string, prop bool) string {
	s = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
	if prop {
		s = strings.NewReplacer(":", "%3A", ",", "%2C").Replace(s)
	}
	return s
}
