package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/docloom/docloom/internal/output"
)

// cancelOnInterrupt makes Ctrl+C (SIGINT) and SIGTERM cancel a build
// cleanly: the temporary folder is removed, the previous site in out stays
// as it was, and docloom exits with 130 (SIGINT) or 143 (SIGTERM). A second
// signal while cancelling kills docloom at once (the next build removes
// what is left). The returned stop ends the handling once the build is
// over; if a signal arrived meanwhile, stop waits for the handler to exit
// the process, so the build's own summary is not printed after the
// cancellation's.
func cancelOnInterrupt(stderr io.Writer, out string) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	var mu sync.Mutex // held by the handler from a signal to the exit
	finished := false
	go func() {
		sig, ok := <-sigs
		if !ok {
			return
		}
		mu.Lock()
		if finished {
			mu.Unlock()
			return
		}
		signal.Reset(os.Interrupt, syscall.SIGTERM)
		if output.Cancel() {
			fmt.Fprintf(stderr, "docloom: build cancelled after the new site was in place in %s\n", out)
		} else {
			fmt.Fprintf(stderr, "docloom: build cancelled; previous site intact in %s\n", out)
		}
		code := 130
		if sig == syscall.SIGTERM {
			code = 143
		}
		os.Exit(code)
	}()
	return func() {
		signal.Stop(sigs)
		mu.Lock() // blocks for good if a signal is being handled
		finished = true
		mu.Unlock()
		close(sigs)
	}
}
