// Live reload for `docloom serve` (never part of a built site). The server
// pushes Server-Sent Events on /_docloom/events:
//
//   hello  {instance, gen}       sent on every (re)connect
//   reload {full, paths[]}       output URL paths whose bytes changed
//   css    {assets[]}            only stylesheets changed: swap, do not reload
//   error  {diagnostics[]}       the last rebuild failed: show the overlay
//   ok     {}                    a rebuild succeeded: clear the overlay
//
// Browsers allow six HTTP/1.1 connections per host, so a hidden tab closes
// its stream and reopens it when shown again; on reopening it tells the
// server which build it last saw, and the server says whether this page
// changed in the meantime.

interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
}

const endpoint = "/_docloom/events";
const overlayID = "docloom-overlay";

let source: EventSource | null = null;
let instance = "";
let gen = -1;
let lastFocus: Element | null = null;

// here is this page's output URL path in the form the server sends.
function here(): string {
  let p = location.pathname;
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep the raw path
  }
  if (p.endsWith("/index.html")) {
    p = p.slice(0, -"index.html".length);
  } else if (p.endsWith(".html")) {
    p = p.slice(0, -".html".length);
  }
  return p.toLowerCase();
}

function parse<T>(e: Event): T | null {
  try {
    return JSON.parse((e as MessageEvent).data) as T;
  } catch {
    return null;
  }
}

function connect(): void {
  if (source) {
    return;
  }
  let url = endpoint + "?page=" + encodeURIComponent(here());
  if (gen >= 0) {
    url += "&instance=" + encodeURIComponent(instance) + "&since=" + gen;
  }
  const es = new EventSource(url);
  source = es;
  es.addEventListener("hello", (e) => {
    const m = parse<{ instance: string; gen: number }>(e);
    if (!m) {
      return;
    }
    if (instance !== "" && m.instance !== instance) {
      // The server restarted: nothing is known about what changed.
      location.reload();
      return;
    }
    instance = m.instance;
    gen = m.gen;
  });
  es.addEventListener("reload", (e) => {
    const m = parse<{ full: boolean; paths: string[]; gen: number }>(e);
    if (!m) {
      return;
    }
    if (typeof m.gen === "number") {
      gen = m.gen;
    }
    if (m.full || (m.paths || []).indexOf(here()) >= 0) {
      location.reload();
    }
  });
  es.addEventListener("css", (e) => {
    const m = parse<{ gen: number }>(e);
    if (m && typeof m.gen === "number") {
      gen = m.gen;
    }
    swapStylesheets();
  });
  es.addEventListener("error", (e) => {
    // EventSource also fires a plain "error" Event on a dropped connection;
    // only a server-sent one (a MessageEvent) carries diagnostics.
    if (!(e instanceof MessageEvent)) {
      return;
    }
    const m = parse<{ diagnostics: Diagnostic[] }>(e);
    if (m) {
      showOverlay(m.diagnostics || []);
    }
  });
  es.addEventListener("ok", () => hideOverlay());
}

function disconnect(): void {
  if (source) {
    source.close();
    source = null;
  }
}

// swapStylesheets fetches this page again and points each stylesheet link at
// the new (content-hashed) file, so the page restyles without losing its
// scroll position or state.
async function swapStylesheets(): Promise<void> {
  const bust = (href: string): string => {
    const u = new URL(href, location.href);
    u.searchParams.set("docloom", String(Date.now()));
    return u.toString();
  };
  const links = Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).filter((l) => l.id !== overlayID + "-style");
  try {
    const res = await fetch(location.href, { cache: "no-store" });
    const doc = new DOMParser().parseFromString(await res.text(), "text/html");
    const fresh = Array.from(doc.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')).map((l) => l.getAttribute("href") || "");
    if (fresh.length === links.length) {
      links.forEach((l, i) => {
        l.href = fresh[i] === l.getAttribute("href") ? bust(fresh[i]) : fresh[i];
      });
      return;
    }
  } catch {
    // fall through to cache-busting the current links
  }
  links.forEach((l) => {
    l.href = bust(l.href);
  });
}

// The overlay's styles come from the preview server as a stylesheet file
// (overlayCSSPath), not an inline <style>: the preview sends the site's
// Content-Security-Policy, which blocks inline styles.
const overlayCSSPath = "/_docloom/livereload.css";

function showOverlay(diags: Diagnostic[]): void {
  hideOverlay(false);
  if (!document.getElementById(overlayID + "-style")) {
    const link = document.createElement("link");
    link.id = overlayID + "-style";
    link.rel = "stylesheet";
    link.href = overlayCSSPath;
    document.head.appendChild(link);
  }
  lastFocus = document.activeElement;
  const root = document.createElement("div");
  root.id = overlayID;
  const box = document.createElement("div");
  box.className = "dl-box";
  box.setAttribute("role", "alertdialog");
  box.setAttribute("aria-modal", "true");
  box.setAttribute("aria-labelledby", overlayID + "-title");
  box.setAttribute("aria-describedby", overlayID + "-list");
  box.tabIndex = -1;
  const h = document.createElement("h2");
  h.id = overlayID + "-title";
  const errors = diags.filter((d) => d.severity === "error").length;
  h.textContent = errors === 1 ? "docloom: the rebuild failed (1 error)" : `docloom: the rebuild failed (${errors} errors)`;
  const list = document.createElement("ol");
  list.id = overlayID + "-list";
  for (const d of diags) {
    const li = document.createElement("li");
    const pos = document.createElement("span");
    pos.className = "dl-pos";
    let where = d.file || "";
    if (where && d.line > 0) {
      where += ":" + d.line + (d.col > 0 ? ":" + d.col : "");
    }
    pos.textContent = (where ? where + ": " : "") + d.severity + " " + d.code;
    const msg = document.createElement("span");
    msg.className = "dl-msg";
    msg.textContent = d.message;
    li.append(pos, msg);
    list.appendChild(li);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Dismiss";
  close.addEventListener("click", () => hideOverlay());
  box.append(h, list, close);
  root.appendChild(box);
  root.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      hideOverlay();
    } else if (e.key === "Tab") {
      // The only control is the button: keep focus inside the dialog.
      e.preventDefault();
      close.focus();
    }
  });
  document.body.appendChild(root);
  close.focus();
}

function hideOverlay(restore = true): void {
  const el = document.getElementById(overlayID);
  if (!el) {
    return;
  }
  el.remove();
  if (restore && lastFocus instanceof HTMLElement) {
    lastFocus.focus();
  }
  lastFocus = null;
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") {
    disconnect();
  } else {
    connect();
  }
});
window.addEventListener("pagehide", disconnect);
window.addEventListener("pageshow", (e) => {
  if (e.persisted && document.visibilityState !== "hidden") {
    connect(); // restored from the back/forward cache
  }
});

if (document.visibilityState !== "hidden") {
  connect();
}
