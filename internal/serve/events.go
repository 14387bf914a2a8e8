package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/docloom/docloom/internal/diag"
)

// Heartbeat is how often an idle event stream gets a comment line, so that
// proxies and the browser keep the connection open and a dead client is
// noticed by the server.
const Heartbeat = 15 * time.Second

// event is one Server-Sent Event.
type event struct {
	name string
	data []byte
}

// hub fans events out to every open /_docloom/events stream and remembers
// enough state to bring a reconnecting tab up to date: which output URL
// paths changed in which build generation, and the last failure.
type hub struct {
	instance string

	mu       sync.Mutex
	clients  map[chan event]struct{}
	gen      int
	fullGen  int            // last generation that reloads every page
	changed  map[string]int // URL path -> generation it last changed in
	failure  []byte         // JSON of the current error event, nil when ok
	closed   bool
	shutdown chan struct{}
}

func newHub() *hub {
	return &hub{
		instance: strconv.FormatInt(time.Now().UnixNano(), 36),
		clients:  map[chan event]struct{}{},
		changed:  map[string]int{},
		shutdown: make(chan struct{}),
	}
}

type wireDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// maxOverlayDiags bounds the error event: an overlay with hundreds of
// entries helps no one, and the console has them all.
const maxOverlayDiags = 50

// overlaid reports whether a diagnostic shows in the browser overlay (and
// holds back the reload): errors, warnings under --strict, and front matter
// that could not be read, which docloom check rejects too: the page would
// otherwise change silently, without its title and metadata.
func overlaid(d diag.Diagnostic, strict bool) bool {
	return d.Severity == diag.Error || (strict && d.Severity == diag.Warning) || strings.HasPrefix(d.Code, "yaml-header-")
}

func errorPayload(ds []diag.Diagnostic, strict bool) []byte {
	list := []wireDiag{}
	for _, d := range ds {
		if overlaid(d, strict) {
			msg := d.Message
			if d.Via != "" {
				msg += " (" + d.Via + ")"
			}
			list = append(list, wireDiag{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Code, msg})
		}
		if len(list) == maxOverlayDiags {
			break
		}
	}
	data, _ := json.Marshal(map[string]any{"diagnostics": list})
	return data
}

// failed records a failed build and tells every tab.
func (h *hub) failed(payload []byte) {
	h.mu.Lock()
	h.failure = payload
	h.mu.Unlock()
	h.broadcast(event{"error", payload})
}

// succeeded records a good build: it clears the overlay, then asks the tabs
// showing changed pages to reload (or to swap stylesheets).
func (h *hub) succeeded(urls []string, full, cssOnly bool) {
	h.mu.Lock()
	h.failure = nil
	h.gen++
	gen := h.gen
	if full {
		h.fullGen = gen
	}
	for _, u := range urls {
		h.changed[u] = gen
	}
	h.mu.Unlock()
	h.broadcast(event{"ok", []byte(`{}`)})
	switch {
	case cssOnly: // hashed names change every page's <link>; a swap is enough
		data, _ := json.Marshal(map[string]any{"gen": gen})
		h.broadcast(event{"css", data})
	case full || len(urls) > 0:
		if urls == nil {
			urls = []string{}
		}
		data, _ := json.Marshal(map[string]any{"gen": gen, "full": full, "paths": urls})
		h.broadcast(event{"reload", data})
	}
}

func (h *hub) broadcast(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- ev:
		default: // a stalled client misses the event; it catches up on reconnect
		}
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.shutdown)
	}
}

func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// ServeHTTP streams events to one tab. The query may carry page (the tab's
// URL path), instance and since (the server instance and generation the tab
// last saw), so a tab that was hidden learns whether its page changed.
func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	q := r.URL.Query()
	page := q.Get("page")
	since, sinceErr := strconv.Atoi(q.Get("since"))

	c := make(chan event, 16)
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "server stopping", http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = struct{}{}
	gen := h.gen
	hello, _ := json.Marshal(map[string]any{"instance": h.instance, "gen": gen})
	initial := []event{{"hello", hello}}
	if sinceErr == nil && q.Get("instance") == h.instance && since < gen {
		if h.fullGen > since || h.changed[page] > since {
			data, _ := json.Marshal(map[string]any{"gen": gen, "full": true, "paths": []string{}})
			initial = append(initial, event{"reload", data})
		}
	}
	if h.failure != nil {
		initial = append(initial, event{"error", h.failure})
	}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, "retry: 1000\n\n")
	for _, ev := range initial {
		writeEvent(w, ev)
	}
	fl.Flush()

	tick := time.NewTicker(Heartbeat)
	defer tick.Stop()
	for {
		select {
		case ev := <-c:
			if writeEvent(w, ev) != nil {
				return
			}
			fl.Flush()
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": heartbeat\n\n"); err != nil {
				return
			}
			fl.Flush()
		case <-r.Context().Done():
			return
		case <-h.shutdown:
			return
		}
	}
}

// writeEvent writes one event; the JSON payloads hold no newlines.
func writeEvent(w http.ResponseWriter, ev event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
	return err
}
