// Progressive enhancement of the support country picker. The server renders
// a labelled list of links to every country page (the whole UI without
// JavaScript). With JavaScript this module fetches the locale's support
// directory (the URL is on <body data-support-directory>) and replaces the
// list by a searchable combobox (ARIA 1.2 pattern: input + listbox +
// aria-activedescendant) and a panel with the chosen country's numbers and
// live hours.

import { now, keepFresh } from "./clock";
import { describe, pageLocale, phrase, plural, readerZone, strings, Strings } from "./format";
import { zoneName } from "./zonename";
import { evaluate } from "./evaluate";

interface Phone { number: string; tel: string; kind: string; label: string; note: string; cloud?: string; section?: string }
interface Line { group: string; label: string; schedule: string | null; zone: string; text: string; local?: boolean; original?: string; cloud?: string; section?: string }
interface Country {
  slug: string; name: string; iso: string; zone: string; zones: string[]; page: string;
  phones: Phone[]; dial: string[]; lines: Line[];
  // Other names to search by (CLDR names in other languages, codes).
  search?: string[];
  // The country calling code (libphonenumber's, at build time): "+49".
  cc?: number;
}
interface Directory { locale: string; countries: Country[]; zoneCountries: Record<string, string> }
interface Entry { c: Country; href: string; key: string; alt: string[]; digits: string[]; cc: string; intl: string[] }

const STORE = "docloom.support.country";
let counter = 0;

export function initPickers(root: Document): void {
  const navs = root.querySelectorAll("[data-country-picker]");
  const url = root.body ? root.body.getAttribute("data-support-directory") : null;
  if (!navs.length || !url) return;
  fetch(url, { credentials: "same-origin" })
    .then((r: Response) => (r.ok ? r.json() : null))
    .then((dir: Directory | null) => {
      if (!dir || !Array.isArray(dir.countries)) return;
      navs.forEach((nav: Element) => enhance(nav as HTMLElement, dir));
    })
    .catch(() => { /* keep the plain list of links */ });
}

// fold makes matching accent- and case-insensitive: "Curaçao" ~ "curacao".
export function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

// intlDigits are a country's numbers as dialled from abroad: a "+" number's
// digits; a national number behind the calling code, without its trunk
// prefix (0; 1 in the NANP; 8 in Russia and Kazakhstan) and with it (Italy
// keeps its 0).
function intlDigits(c: Country): string[] {
  const cc = c.cc ? String(c.cc) : "";
  const trunk = cc === "1" ? /^1/ : cc === "7" ? /^8/ : /^0/;
  const out: string[] = [];
  for (const p of c.phones || []) {
    const d = (p.tel || p.number || "").replace(/\D/g, "");
    if (!d) continue;
    if ((p.tel || "").charAt(0) === "+") out.push(d);
    else if (cc) out.push(cc + d.replace(trunk, ""), cc + d);
  }
  return out;
}

function slugOf(href: string): string {
  const parts = href.split(/[?#]/)[0].split("/").filter((p: string) => p !== "");
  return parts.length ? parts[parts.length - 1].toLowerCase() : "";
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function readStored(): string | null {
  try { return window.localStorage.getItem(STORE); } catch (e) { return null; }
}

function store(slug: string): void {
  try { window.localStorage.setItem(STORE, slug); } catch (e) { /* private mode */ }
}

// preselect: the stored choice, else the reader's zone, else the region of
// the reader's languages.
function preselect(entries: Entry[], dir: Directory): Entry | null {
  const bySlug = (s: string | null) => entries.find((e: Entry) => e.c.slug === s) || null;
  const byIso = (iso: string | undefined) => (iso ? entries.find((e: Entry) => e.c.iso === iso.toUpperCase()) || null : null);
  const stored = bySlug(readStored());
  if (stored) return stored;
  const zoned = byIso((dir.zoneCountries || {})[readerZone()]);
  if (zoned) return zoned;
  const langs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    const m = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})\b/i.exec(l || "");
    const hit = m ? byIso(m[1]) : null;
    if (hit) return hit;
  }
  return null;
}

function enhance(nav: HTMLElement, dir: Directory): void {
  const list = nav.querySelector("ul");
  if (!list) return;
  const locale = pageLocale();
  const str = strings(locale);
  const hrefs = new Map<string, string>();
  list.querySelectorAll("a[href]").forEach((a: Element) => {
    hrefs.set(slugOf(a.getAttribute("href") || ""), a.getAttribute("href") || "");
  });
  const collator = new Intl.Collator(locale);
  const entries: Entry[] = dir.countries
    .map((c: Country) => ({
      c: c, href: hrefs.get(c.slug) || c.page, key: fold(c.name),
      alt: (c.search || []).map(fold),
      digits: (c.phones || []).map((p: Phone) => (p.tel || p.number || "").replace(/\D/g, "")).filter((d: string) => d.length > 0),
      cc: c.cc ? String(c.cc) : "",
      intl: intlDigits(c),
    }))
    .sort((a: Entry, b: Entry) => collator.compare(a.c.name, b.c.name));

  const id = "cp" + ++counter;
  const oldLabel = nav.querySelector(".op-single-selector-label") || nav.querySelector("p");
  const label = el("label", "op-single-selector-label cp-label", oldLabel ? oldLabel.textContent || "" : str.search);
  label.id = (oldLabel && oldLabel.id) || id + "-label";
  label.htmlFor = id + "-input";
  if (oldLabel) oldLabel.replaceWith(label); else nav.prepend(label);
  nav.setAttribute("aria-labelledby", label.id);

  const combo = el("div", "cp-combo");
  const input = el("input", "cp-input");
  input.id = id + "-input";
  input.type = "text";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.placeholder = str.search;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", id + "-list");
  const box = el("ul", "cp-listbox");
  box.id = id + "-list";
  box.setAttribute("role", "listbox");
  box.setAttribute("aria-labelledby", label.id);
  box.hidden = true;
  // "No match" is a message beside the listbox, never an option in it;
  // the status announces how many entries a search found.
  const empty = el("p", "cp-empty", str.noMatch);
  empty.hidden = true;
  const count = el("p", "cp-count visually-hidden");
  count.setAttribute("role", "status");
  count.setAttribute("aria-live", "polite");
  combo.append(input, box, empty, count);
  const panel = el("div", "cp-panel");
  panel.id = id + "-panel";
  panel.hidden = true;
  const toggle = el("button", "cp-show-all", str.showAll);
  toggle.type = "button";
  toggle.setAttribute("aria-expanded", "false");
  list.replaceWith(combo);
  combo.after(panel, toggle);
  toggle.addEventListener("click", () => {
    const showing = list.isConnected;
    if (showing) list.remove(); else toggle.after(list);
    toggle.setAttribute("aria-expanded", String(!showing));
    toggle.textContent = showing ? str.showAll : str.hideAll;
  });

  let matches: Entry[] = [];
  let active = -1;
  let chosen: Entry | null = null;
  let stopRefresh: (() => void) | null = null;

  const setActive = (i: number): void => {
    active = i;
    box.querySelectorAll("[role=option]").forEach((o: Element, j: number) => {
      const on = j === i;
      o.classList.toggle("cp-active", on);
      o.setAttribute("aria-selected", String(on || (i < 0 && matches[j] === chosen)));
      if (on) (o as HTMLElement).scrollIntoView({ block: "nearest" });
    });
    if (i >= 0) input.setAttribute("aria-activedescendant", id + "-opt-" + matches[i].c.slug);
    else input.removeAttribute("aria-activedescendant");
  };
  let countTimer = 0;
  const open = (filter: string): void => {
    const raw = filter.trim();
    const q = fold(raw);
    const qs = q.replace(/\s+/g, "-");
    // A number ("0800 589") finds the countries whose numbers hold those
    // digits. Written internationally ("+49", "0049", "+49 69 …") it finds
    // the countries of that calling code (+1: the NANP countries, +7:
    // Russia and Kazakhstan), then those listing a number that starts so.
    const numeric = /^[+\d][\d\s().\-\/]*$/.test(raw);
    const intl = numeric && /^(\+|00)/.test(raw);
    const qd = numeric ? raw.replace(/\D/g, "").replace(intl ? /^00/ : /^$/, "") : "";
    const score = (e: Entry): number => {
      if (!q) return 1;
      // An exact other name ("UK", "Holland") ranks with the names it
      // would otherwise lose to ("Ukraine" starts with "uk").
      if (e.key === q || e.alt.some((a: string) => a === q)) return 0;
      if (e.key.indexOf(q) === 0 || e.c.slug.indexOf(qs) === 0) return 1;
      if (e.key.indexOf(q) >= 0 || e.c.slug.indexOf(qs) >= 0) return 2;
      if (q.length >= 3 && e.alt.some((a: string) => a.indexOf(q) === 0)) return 3;
      if (intl && qd) {
        // A whole number ("+1 800 865 9408") finds the countries that list
        // it before the others of its code.
        const listed = e.intl.some((d: string) => d.indexOf(qd) === 0);
        if (listed && qd.length > e.cc.length + 2) return 0;
        if (e.cc && qd.indexOf(e.cc) === 0) return 1;
        if (e.cc && e.cc.indexOf(qd) === 0) return 3;
        if (listed) return 4;
        return -1;
      }
      if (qd.length >= 2 && e.digits.some((d: string) => d.indexOf(qd) >= 0)) return 4;
      return -1;
    };
    const scored = entries.map((e: Entry) => ({ e: e, s: score(e) })).filter((x) => x.s >= 0);
    matches = scored.sort((a, b) => a.s - b.s).map((x) => x.e);
    box.textContent = "";
    matches.forEach((e: Entry) => {
      const li = el("li", "cp-option", e.c.name);
      li.id = id + "-opt-" + e.c.slug;
      li.setAttribute("role", "option");
      li.addEventListener("mousedown", (ev: MouseEvent) => ev.preventDefault());
      li.addEventListener("click", () => choose(e, true));
      box.append(li);
    });
    empty.hidden = matches.length > 0;
    box.hidden = matches.length === 0;
    input.setAttribute("aria-expanded", String(matches.length > 0));
    setActive(-1);
    // Announced once typing pauses, not on every key.
    window.clearTimeout(countTimer);
    countTimer = window.setTimeout(() => {
      count.textContent = matches.length ? plural(phrase(str, "results"), matches.length, locale) : str.noMatch;
    }, 400);
  };
  const close = (): void => {
    box.hidden = true;
    empty.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  };
  const choose = (e: Entry, remember: boolean): void => {
    chosen = e;
    input.value = e.c.name;
    close();
    if (remember) store(e.c.slug);
    if (stopRefresh) stopRefresh();
    stopRefresh = showCountry(panel, e, locale, str);
  };

  input.addEventListener("input", () => open(input.value));
  input.addEventListener("click", () => {
    if (box.hidden) open(chosen && input.value === chosen.c.name ? "" : input.value);
  });
  input.addEventListener("blur", () => close());
  input.addEventListener("keydown", (ev: KeyboardEvent) => {
    const n = matches.length;
    switch (ev.key) {
      case "ArrowDown":
      case "ArrowUp": {
        const down = ev.key === "ArrowDown";
        if (box.hidden) {
          // On a chosen country the list opens whole, at that country, so
          // Enter keeps the choice rather than replacing it by the first.
          const onChosen = chosen !== null && input.value === chosen.c.name;
          open(onChosen ? "" : input.value);
          const at = onChosen ? matches.indexOf(chosen!) : -1;
          if (at >= 0) {
            setActive(at);
            break;
          }
        }
        if (!matches.length) break;
        if (down) setActive(active < 0 ? 0 : Math.min(active + 1, matches.length - 1));
        else setActive(active <= 0 ? matches.length - 1 : active - 1);
        break;
      }
      case "Enter":
        if (box.hidden) return;
        if (active >= 0) choose(matches[active], true);
        else if (n === 1) choose(matches[0], true);
        else return;
        break;
      case "Escape":
        if (!box.hidden) close();
        else input.value = "";
        break;
      default:
        return;
    }
    ev.preventDefault();
  });

  const first = preselect(entries, dir);
  if (first) choose(first, false);
}

function groupName(group: string, str: Strings): string {
  return group === "billing" ? str.billing : group === "technical" ? str.technical : str.other;
}

// showCountry fills the panel for one country and keeps its statuses live.
// It returns the function that stops the updates.
function showCountry(panel: HTMLElement, e: Entry, locale: string, str: Strings): () => void {
  const c = e.c;
  panel.textContent = "";
  panel.hidden = false;
  panel.setAttribute("data-country", c.slug);
  panel.append(el("p", "cp-country", c.name));
  // A country with several zones says which one its hours are in.
  if (c.zones && c.zones.length > 1) panel.append(el("p", "cp-zone", str.zoneNote.replace("{zone}", zoneName(c.zone, locale, now()))));
  if (c.phones && c.phones.length) {
    const ul = el("ul", "cp-phones");
    ul.setAttribute("aria-label", str.phones);
    for (const p of c.phones) {
      const li = el("li", "cp-phone");
      li.setAttribute("data-kind", p.kind || "main");
      if (p.tel) {
        const a = el("a", "cp-tel", p.number);
        a.href = "tel:" + p.tel;
        li.append(a);
      } else li.append(p.number);
      if (p.label) li.append(" ", el("span", "cp-phone-label", "(" + p.label + ")"));
      // A number under its own heading (a cloud's, such as "operated by
      // 21Vianet") carries that heading, so it is not mistaken for the
      // country's main number.
      if (p.cloud || p.section) li.append(" ", el("span", "cp-cloud", p.cloud ? phrase(str, "cloudOnly").replace("{cloud}", p.cloud) : p.section!));
      if (p.note) li.append(" ", el("span", "cp-note", p.note));
      ul.append(li);
    }
    panel.append(ul);
  }
  if (c.dial && c.dial.length) {
    const ul = el("ul", "cp-dial");
    for (const d of c.dial) ul.append(el("li", "", d));
    panel.append(ul);
  }
  const live: { span: HTMLElement; line: Line }[] = [];
  const groups = new Map<string, HTMLElement>();
  for (const line of c.lines || []) {
    let ul = groups.get(line.group);
    if (!ul) {
      panel.append(el("p", "cp-group", groupName(line.group, str)));
      ul = el("ul", "cp-lines");
      groups.set(line.group, ul);
      panel.append(ul);
    }
    const li = el("li", "cp-line");
    li.setAttribute("data-group", line.group);
    let text = line.text;
    if (line.label && text.indexOf(line.label + ":") === 0) text = text.slice(line.label.length + 1).trim();
    if (line.label) li.append(el("span", "cp-line-label", line.label), " ");
    li.append(el("span", "cp-line-text", text));
    if (line.cloud || line.section) li.append(" ", el("span", "cp-cloud", line.cloud ? phrase(str, "cloudOnly").replace("{cloud}", line.cloud) : line.section!));
    // A line the build could not read in this language shows the default
    // locale's line its hours were taken from.
    if (line.original) li.append(" ", el("span", "cp-original", "(" + str.original.replace("{text}", line.original) + ")"));
    if (line.schedule) {
      const span = el("span", "hours-status");
      span.setAttribute("aria-live", "polite");
      li.append(" ", span);
      live.push({ span: span, line: line });
    }
    ul.append(li);
  }
  const more = el("p", "cp-more");
  const link = el("a", "cp-page", str.fullPage.replace("{name}", c.name));
  link.href = e.href;
  more.append(link);
  panel.append(more);
  if (!live.length) return () => {};
  return keepFresh(() => {
    const t = now();
    const reader = readerZone();
    let soonest: number | null = null;
    for (const { span, line } of live) {
      // "Local" lines are in the caller's own zone when it is one of the
      // country's (Canada's lines are local time across six zones).
      const zone = line.local && (c.zones || []).indexOf(reader) >= 0 ? reader : line.zone || c.zone;
      const st = line.schedule ? evaluate(line.schedule, zone, t) : null;
      if (!st) {
        span.textContent = "";
        continue;
      }
      const d = describe(st, zone, t, locale, reader);
      if (span.textContent !== d.text) span.textContent = d.text;
      span.setAttribute("data-state", d.state);
      span.parentElement!.setAttribute("data-state", d.state);
      if (st.next !== null && (soonest === null || st.next < soonest)) soonest = st.next;
    }
    return soonest;
  });
}
