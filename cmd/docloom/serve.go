package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/docloom/docloom/internal/serve"
)

// cmdServe runs `docloom serve`: an in-memory build served over HTTP, rebuilt
// on every save, with live reload in the open tabs. It runs until
// interrupted.
func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	site := fs.String("site", "", "site folder: holds docloom.yaml, or is a DocFX docset (default: the argument, else .)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on (0.0.0.0 shares the preview on the network)")
	port := fs.Int("port", 1313, "port to listen on; when busy the next free one is used (0: any free port)")
	strict := fs.Bool("strict", false, "treat warnings as errors in the browser overlay")
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "docloom serve: one site folder at most, got %q\n", fs.Args())
		return 2
	}
	if *site == "" {
		*site = "."
		if fs.NArg() == 1 {
			*site = fs.Arg(0)
		}
	} else if fs.NArg() == 1 {
		fmt.Fprintf(stderr, "docloom serve: give the site either as --site or as an argument, not both\n")
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "docloom serve: --port must be 0 to 65535, not %d\n", *port)
		return 2
	}
	if !checkSite("serve", *site, stderr) {
		return 2
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(stop)
	srv, err := serve.Start(serve.Options{Site: *site, Bind: *bind, Port: *port, Strict: *strict, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "docloom serve: %v\n", err)
		return 1
	}
	<-stop
	fmt.Fprintln(stderr, "docloom: stopping")
	srv.Close()
	return 0
}
