// Site search, the reader's side. The header's search box is a plain form
// to the results page (/<locale>/<moniker>/search?q=), which works without
// JavaScript (the page then says JavaScript is needed). With it, the box
// becomes a WAI-ARIA combobox: results from the page's locale and cloud
// show as you type, arrow keys move through them, Enter opens one, Escape
// closes the list; "/" and Ctrl+K focus the box from anywhere. The results
// page lists every result. Words come from the layout, localized there.

import { Engine, Fragment, Meta, parseQuery, Result, words as wordsOf } from "./engine";

const popupSize = 8;
const pageSize = 20;

interface Strings {
  count: string;
  one: string;
  none: string;
  loading: string;
  error: string;
  all: string;
  more: string;
  for: string;
  empty: string;
}

function strings(form: HTMLElement): Strings {
  const d = form.dataset;
  return {
    count: d.tCount || "{n} results",
    one: d.tOne || "1 result",
    none: d.tNone || "No results for “{q}”",
    loading: d.tLoading || "Searching…",
    error: d.tError || "Search is not available right now.",
    all: d.tAll || "See all results for “{q}”",
    more: d.tMore || "Show more results",
    for: d.tFor || "{n} results for “{q}”",
    empty: d.tEmpty || "",
  };
}

function fill(s: string, n: number, q: string): string {
  return s.replace("{n}", String(n)).replace("{q}", q);
}

function countText(t: Strings, n: number, q: string): string {
  if (n === 0) return fill(t.none, n, q);
  return fill(n === 1 ? t.one : t.count, n, q);
}

// A shown result: the page's metadata and snippet.
interface Shown {
  url: string;
  title: string;
  crumbs: string[];
  snippet: Node[];
}

// matcher says whether a word of the page's text matched the query.
function matcher(r: Result): (w: string) => boolean {
  return (w: string) => r.words.has(w) || (r.prefix.length >= 2 && w.startsWith(r.prefix));
}

const wordRE = /[\p{L}\p{Nd}][\p{L}\p{Nd}\p{M}]*/gu;
const snippetLen = 180;

// snippet picks the part of the text with the most matched words and
// marks them; it falls back on the description, then the text's start.
// It returns the nodes and the heading id the snippet stands under.
function snippet(f: Fragment, r: Result): { nodes: Node[]; heading: string } {
  const isMatch = matcher(r);
  const text = f.t || "";
  const hits: { at: number; end: number; w: string }[] = [];
  for (const m of text.matchAll(wordRE)) {
    const w = wordsOf(m[0])[0] || "";
    if (w && isMatch(w)) hits.push({ at: m.index || 0, end: (m.index || 0) + m[0].length, w });
    if (hits.length > 400) break;
  }
  if (!hits.length) {
    const src = f.d || text;
    return { nodes: [document.createTextNode(cut(src, 0, snippetLen))], heading: "" };
  }
  // The window with the most distinct matched words wins.
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i < hits.length; i++) {
    const seen = new Set<string>();
    for (let k = i; k < hits.length && hits[k].at < hits[i].at + snippetLen; k++) seen.add(hits[k].w);
    if (seen.size > bestScore) {
      bestScore = seen.size;
      best = i;
    }
  }
  let start = Math.max(0, hits[best].at - 40);
  const sp = text.lastIndexOf(" ", start);
  if (start > 0 && sp >= 0 && hits[best].at - sp < 60) start = sp + 1;
  let end = Math.min(text.length, start + snippetLen);
  const sp2 = text.indexOf(" ", end);
  if (sp2 >= 0 && sp2 - end < 20) end = sp2;
  const nodes: Node[] = [];
  let pos = start;
  if (start > 0) nodes.push(document.createTextNode("… "));
  for (const h of hits) {
    if (h.at < start || h.end > end) continue;
    if (h.at > pos) nodes.push(document.createTextNode(text.slice(pos, h.at)));
    const mk = document.createElement("mark");
    mk.textContent = text.slice(h.at, h.end);
    nodes.push(mk);
    pos = h.end;
  }
  nodes.push(document.createTextNode(text.slice(pos, end) + (end < text.length ? " …" : "")));
  let heading = "";
  const hs = f.h || [];
  for (let i = 0; i < hs.length; i++) {
    if (hs[i][0] <= hits[best].at) heading = i > 0 ? hs[i][1] : "";
  }
  return { nodes, heading };
}

function cut(s: string, from: number, n: number): string {
  if (s.length <= from + n) return s.slice(from);
  const sp = s.lastIndexOf(" ", from + n);
  return s.slice(from, sp > from ? sp : from + n) + " …";
}

async function show(engine: Engine, home: string, id: number, r: Result): Promise<Shown | null> {
  const meta: Meta | null = await engine.meta(id);
  if (!meta) return null;
  let nodes: Node[] = [];
  let heading = "";
  try {
    const s = snippet(await engine.fragment(meta), r);
    nodes = s.nodes;
    heading = s.heading;
  } catch {
    // A missing fragment costs the snippet, not the result.
  }
  const url = home + meta[0] + (heading ? "#" + encodeURIComponent(heading) : "");
  return { url, title: meta[1], crumbs: meta[2], snippet: nodes };
}

function resultBody(s: Shown, tag: "span" | "div"): HTMLElement[] {
  const title = document.createElement(tag);
  title.className = "search-hit-title";
  title.textContent = s.title;
  const crumbs = document.createElement(tag);
  crumbs.className = "search-hit-crumbs";
  crumbs.textContent = s.crumbs.join(" › ");
  const snip = document.createElement(tag);
  snip.className = "search-hit-snippet";
  snip.append(...s.snippet);
  return s.crumbs.length ? [title, crumbs, snip] : [title, snip];
}

let uid = 0;

// Combobox enhances the header's search form.
class Combobox {
  private input: HTMLInputElement;
  private popup: HTMLDivElement;
  private status: HTMLParagraphElement;
  private list: HTMLUListElement;
  private allLink: HTMLAnchorElement;
  private active = -1;
  private seq = 0;
  private t: Strings;

  constructor(private form: HTMLFormElement, private engine: Engine, private home: string) {
    this.t = strings(form);
    this.input = form.querySelector<HTMLInputElement>("input[name=q]")!;
    const n = ++uid;
    this.popup = document.createElement("div");
    this.popup.className = "search-popup";
    this.popup.hidden = true;
    this.status = document.createElement("p");
    this.status.className = "search-status";
    this.status.setAttribute("role", "status");
    this.list = document.createElement("ul");
    this.list.id = "site-search-list-" + n;
    this.list.className = "search-list";
    this.list.setAttribute("role", "listbox");
    this.list.setAttribute("aria-label", this.input.labels?.[0]?.textContent || "Search");
    this.allLink = document.createElement("a");
    this.allLink.className = "search-all";
    this.popup.append(this.status, this.list, this.allLink);
    form.append(this.popup);
    const i = this.input;
    i.setAttribute("role", "combobox");
    i.setAttribute("aria-autocomplete", "list");
    i.setAttribute("aria-expanded", "false");
    i.setAttribute("aria-controls", this.list.id);
    i.addEventListener("input", () => this.update());
    i.addEventListener("focus", () => {
      if (i.value.trim()) this.update();
    });
    i.addEventListener("keydown", (e) => this.key(e));
    form.addEventListener("focusout", (e) => {
      const to = (e as FocusEvent).relatedTarget as Node | null;
      if (!to || !form.contains(to)) this.close();
    });
    this.list.addEventListener("mousedown", (e) => e.preventDefault()); // keep focus in the box
    // Enter with a result selected opens it, however the key reached the
    // form (a keydown the browser did not cancel submits the form).
    form.addEventListener("submit", (e) => {
      const a = this.activeLink();
      if (a) {
        e.preventDefault();
        location.href = a.href;
      }
    });
  }

  private activeLink(): HTMLAnchorElement | null {
    if (this.popup.hidden) return null;
    return this.options()[this.active]?.querySelector("a") || null;
  }

  private options(): HTMLElement[] {
    return Array.from(this.list.querySelectorAll<HTMLElement>("[role=option]"));
  }

  private setActive(k: number): void {
    const opts = this.options();
    this.active = opts.length ? (k + opts.length) % opts.length : -1;
    opts.forEach((o, j) => o.setAttribute("aria-selected", j === this.active ? "true" : "false"));
    if (this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", opts[this.active].id);
      opts[this.active].scrollIntoView({ block: "nearest" });
    } else this.input.removeAttribute("aria-activedescendant");
  }

  private key(e: KeyboardEvent): void {
    const open = !this.popup.hidden;
    switch (e.key) {
      case "ArrowDown":
        if (!open) {
          this.update();
          return;
        }
        e.preventDefault();
        this.setActive(this.active + 1);
        break;
      case "ArrowUp":
        if (!open) return;
        e.preventDefault();
        this.setActive(this.active < 0 ? -1 : this.active - 1);
        break;
      case "Enter": {
        const a = this.activeLink();
        if (a) {
          e.preventDefault();
          location.href = a.href;
        }
        break;
      }
      case "Escape":
        if (open) {
          e.preventDefault();
          this.close();
        } else if (this.input.value) {
          e.preventDefault();
          this.input.value = "";
        }
        break;
    }
  }

  close(): void {
    this.popup.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  }

  private async update(): Promise<void> {
    const raw = this.input.value;
    const q = parseQuery(raw);
    const seq = ++this.seq;
    if (!q.words.length) {
      this.list.replaceChildren();
      this.close();
      return;
    }
    this.popup.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    let shown: (Shown | null)[];
    let total = 0;
    try {
      const r = await this.engine.search(q);
      if (seq !== this.seq) return;
      total = r.hits.length;
      shown = await Promise.all(r.hits.slice(0, popupSize).map((h) => show(this.engine, this.home, h.id, r)));
    } catch {
      if (seq === this.seq) this.status.textContent = this.t.error;
      return;
    }
    if (seq !== this.seq) return;
    const items: HTMLElement[] = [];
    shown.forEach((s, k) => {
      if (!s) return;
      const li = document.createElement("li");
      li.setAttribute("role", "option");
      li.id = this.list.id + "-" + k;
      li.setAttribute("aria-selected", "false");
      const a = document.createElement("a");
      a.href = s.url;
      a.tabIndex = -1;
      a.append(...resultBody(s, "span"));
      li.append(a);
      items.push(li);
    });
    this.list.replaceChildren(...items);
    this.list.dataset.query = raw.trim();
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.status.textContent = countText(this.t, total, raw.trim());
    const all = new URL(this.form.action, location.href);
    all.searchParams.set("q", raw.trim());
    this.allLink.href = all.pathname + all.search;
    this.allLink.textContent = fill(this.t.all, total, raw.trim());
    this.allLink.hidden = total <= items.length;
  }
}

// ResultsPage fills the results page from its ?q= and keeps it current
// as the header box is edited there.
class ResultsPage {
  private status: HTMLParagraphElement;
  private list: HTMLOListElement;
  private more: HTMLButtonElement;
  private seq = 0;
  private result: Result | null = null;
  private shownCount = 0;
  private t: Strings;

  constructor(private root: HTMLElement, private engine: Engine, private home: string, private input: HTMLInputElement, form: HTMLElement) {
    this.t = strings(form);
    this.status = document.createElement("p");
    this.status.className = "search-status";
    this.status.setAttribute("role", "status");
    this.list = document.createElement("ol");
    this.list.className = "search-results";
    this.more = document.createElement("button");
    this.more.type = "button";
    this.more.className = "search-more";
    this.more.textContent = this.t.more;
    this.more.hidden = true;
    this.more.addEventListener("click", () => this.page());
    root.append(this.status, this.list, this.more);
    const q = new URLSearchParams(location.search).get("q") || "";
    input.value = q;
    input.addEventListener("input", () => {
      const u = new URL(location.href);
      u.searchParams.set("q", input.value);
      history.replaceState(null, "", u.pathname + u.search);
      this.run(input.value);
    });
    this.run(q);
  }

  private async run(raw: string): Promise<void> {
    const seq = ++this.seq;
    const q = parseQuery(raw);
    this.list.replaceChildren();
    this.more.hidden = true;
    if (!q.words.length) {
      this.status.textContent = this.t.empty;
      return;
    }
    this.status.textContent = this.t.loading;
    try {
      const r = await this.engine.search(q);
      if (seq !== this.seq) return;
      this.result = r;
      this.shownCount = 0;
      const n = r.hits.length;
      this.status.textContent = n ? fill(n === 1 ? this.t.one : this.t.for, n, raw.trim()) : fill(this.t.none, n, raw.trim());
      await this.page();
    } catch {
      if (seq === this.seq) this.status.textContent = this.t.error;
    }
  }

  private async page(): Promise<void> {
    const r = this.result;
    if (!r) return;
    const seq = this.seq;
    const ids = r.hits.slice(this.shownCount, this.shownCount + pageSize);
    const shown = await Promise.all(ids.map((h) => show(this.engine, this.home, h.id, r)));
    if (seq !== this.seq) return;
    const first = this.shownCount;
    for (const s of shown) {
      if (!s) continue;
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = s.url;
      const [title, ...rest] = resultBody(s, "div");
      a.append(title);
      li.append(a, ...rest);
      this.list.append(li);
    }
    this.shownCount += ids.length;
    this.more.hidden = this.shownCount >= r.hits.length;
    if (first > 0) this.list.children[first]?.querySelector("a")?.focus();
  }
}

function editable(el: Element | null): boolean {
  if (!el) return false;
  const h = el as HTMLElement;
  return h.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT";
}

export function initSearch(root: Document): void {
  const form = root.querySelector<HTMLFormElement>("form.site-search");
  if (!form || typeof DecompressionStream === "undefined") return;
  const index = form.dataset.searchIndex;
  const files = form.dataset.searchFiles;
  const input = form.querySelector<HTMLInputElement>("input[name=q]");
  if (!index || !files || !input) return;
  const engine = new Engine(index, files);
  const home = form.dataset.searchHome || "/";
  const page = root.querySelector<HTMLElement>("[data-search-page]");
  if (page) new ResultsPage(page, engine, home, input, form);
  else new Combobox(form, engine, home);
  root.addEventListener("keydown", (e) => {
    const k = e.key;
    if ((k === "/" && !e.ctrlKey && !e.metaKey && !e.altKey && !editable(root.activeElement)) || ((e.ctrlKey || e.metaKey) && (k === "k" || k === "K"))) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
}
