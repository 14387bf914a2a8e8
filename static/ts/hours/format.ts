// Turns an evaluated status into a sentence in the page's language. The
// phrases are in phrases/<language>.json; the bundle carries English only,
// and the build writes the page's language next to the bundle
// (hours-phrases/<language>.json), which loadPhrases fetches before the
// widgets start. Weekday names come from Intl.DateTimeFormat and plural
// forms from Intl.PluralRules in the page's locale. A language without
// phrases reads English.

import { Status, wallClock, localDay } from "./evaluate";
import EN from "./phrases/en.json";
import { canonicalZone, zoneName } from "./zonename";

// Plural forms keyed by Intl.PluralRules categories ("one", "few", "many",
// "other"); "{n}" is the number.
export type Plural = Record<string, string>;

export interface Strings {
  openAt: string; // {time}
  openDay: string; // {day} {time}
  closedAt: string;
  closedDay: string;
  always: string;
  closed: string;
  yours: string; // {time} {zone}
  inside: string; // {d}
  hour: Plural;
  minute: Plural;
  billing: string;
  technical: string;
  other: string;
  search: string;
  noMatch: string;
  showAll: string;
  hideAll: string;
  fullPage: string; // {name}
  zoneNote: string; // {zone}
  phones: string;
  hoursHeading: string;
  original: string; // {text}: a line read from the default locale's page
  // Added later; a language file without them reads English.
  day?: Plural;
  at?: string; // {time} {zone}: a time with its zone in words
  results?: Plural; // how many countries a search found
  cloudOnly?: string; // {cloud}: a number or line for one cloud only
}

// phrase is s's form of an optional key, else English's.
export function phrase<K extends keyof Strings>(s: Strings, k: K): NonNullable<Strings[K]> {
  const v = s[k] !== undefined ? s[k] : (EN as unknown as Strings)[k];
  return v as NonNullable<Strings[K]>;
}

const TABLE: Record<string, Strings> = { en: EN as unknown as Strings };

// registerPhrases adds a language's phrases (the build's file, or a test's).
export function registerPhrases(key: string, s: Strings): void {
  TABLE[key] = s;
  delete MERGED[key];
}

// loadPhrases fetches the phrases of the locale's language from base
// (a folder URL ending in "/"), once; it resolves, with or without them.
export function loadPhrases(locale: string, base: string): Promise<void> {
  const key = phraseKey(locale);
  if (hasPhrases(locale) || !base || typeof fetch !== "function") return Promise.resolve();
  return fetch(base + key + ".json", { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : null))
    .then((j) => {
      if (j && typeof j === "object" && typeof j.openAt === "string") registerPhrases(key, j as Strings);
    })
    .catch(() => undefined);
}

// phraseKey maps a BCP 47 tag to a key of phrases.json: "zh-TW" and
// "zh-HK" read Traditional Chinese, other "zh" Simplified, "no"/"nn"
// Bokmål, everything else its language.
export function phraseKey(locale: string): string {
  const l = locale.toLowerCase().replace(/_/g, "-");
  const lang = l.split("-")[0];
  if (lang === "zh") return /-(tw|hk|mo|hant)\b/.test(l) ? "zh-tw" : "zh-cn";
  if (lang === "no" || lang === "nn") return "nb";
  return lang;
}

// hasPhrases reports whether the widget speaks the locale's language.
export function hasPhrases(locale: string): boolean {
  return Object.prototype.hasOwnProperty.call(TABLE, phraseKey(locale));
}

// pageLocale reads <html lang> ("nl-nl") as a BCP 47 tag ("nl-NL").
export function pageLocale(): string {
  const lang = document.documentElement.lang || "en-US";
  const parts = lang.split("-");
  if (parts.length > 1 && parts[1].length === 2) parts[1] = parts[1].toUpperCase();
  return parts.join("-");
}

// strings returns the phrases of the locale's language; a phrase missing
// from its file reads English.
export function strings(locale: string): Strings {
  const key = phraseKey(locale);
  if (key === "en" || !hasPhrases(locale)) return TABLE.en;
  if (!MERGED[key]) MERGED[key] = Object.assign({}, TABLE.en, TABLE[key]);
  return MERGED[key];
}

const MERGED: Record<string, Strings> = {};

// readerZone is the zone the reader's machine is set to.
export function readerZone(): string {
  return canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
}

function fill(tpl: string, vals: Record<string, string>): string {
  return tpl.replace(/\{(\w+)\}/g, (_m: string, k: string) => (k in vals ? vals[k] : ""));
}

function two(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

// hhmm formats an instant as 24-hour wall time in zone, whatever the locale,
// because the pages write their hours that way.
export function hhmm(zone: string, t: number): string {
  const w = wallClock(zone, t);
  return two(w.hour) + ":" + two(w.minute);
}

function weekdayName(locale: string, zone: string, t: number): string {
  try {
    return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: zone }).format(t);
  } catch (e) {
    return new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: zone }).format(t);
  }
}

// plural picks the form for n with the locale's plural rules.
export function plural(forms: Plural, n: number, locale: string): string {
  let cat = "other";
  try {
    cat = new Intl.PluralRules(locale).select(n);
  } catch (e) {
    // An unknown locale tag: "other".
  }
  const tpl = forms[cat] || forms.other || "{n}";
  return tpl.replace("{n}", String(n));
}

// duration is computed from instants, never wall times, so DST weekends
// come out right (Berlin Friday 17:00 to Monday 09:00 in late March is 63 h).
// A wait of a day or more reads in days and hours ("5 days 22 hours",
// not "142 h").
export function duration(ms: number, str: Strings, locale: string): string {
  const total = Math.max(1, Math.round(ms / 60000));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h >= 24) {
    const d = Math.floor(h / 24);
    const rest = Math.round((total - d * 1440) / 60) % 24;
    const days = plural(phrase(str, "day"), d, locale);
    return rest === 0 ? days : days + " " + plural(str.hour, rest, locale);
  }
  if (h === 0) return plural(str.minute, m, locale);
  return m === 0 ? plural(str.hour, h, locale) : plural(str.hour, h, locale) + " " + plural(str.minute, m, locale);
}

// when formats the change instant in zone: a time when it falls on the same
// local day as now, else weekday and time.
// A closing at the midnight that ends today reads "24:00", as schedules
// write it, rather than as tomorrow 00:00.
function when(locale: string, zone: string, at: number, now: number, closing: boolean): { day: string; time: string } {
  const days = localDay(zone, at) - localDay(zone, now);
  const time = hhmm(zone, at);
  if (days === 0) return { day: "", time: time };
  if (closing && days === 1 && time === "00:00") return { day: "", time: "24:00" };
  return { day: weekdayName(locale, zone, at), time: time };
}

export interface Described {
  state: "open" | "closed";
  text: string;
}

// describe builds "Open now, closes at 17:00 Central European Time (11:00
// your time, Eastern Time)" or "Closed, opens Monday 09:00 India Standard
// Time (in 2 days 15 hours; Sunday 20:30 your time, Pacific Time)". Every
// time names its zone in words; the reader's time is added when it reads
// differently, with the reader's weekday whenever it is not the country's.
export function describe(st: Status, zone: string, now: number, locale: string, reader: string): Described {
  const str = strings(locale);
  const state = st.open ? "open" : "closed";
  if (st.next === null) return { state: state, text: st.open ? str.always : str.closed };
  const there = when(locale, zone, st.next, now, st.open);
  const tpl = st.open ? (there.day ? str.openDay : str.openAt) : there.day ? str.closedDay : str.closedAt;
  const at = phrase(str, "at");
  let text = fill(tpl, { day: there.day, time: fill(at, { time: there.time, zone: zoneName(zone, locale, st.next) }) });
  const extra: string[] = [];
  if (!st.open) extra.push(fill(str.inside, { d: duration(st.next - now, str, locale) }));
  let mine = { day: "", time: "" };
  let otherDay = false;
  try {
    mine = when(locale, reader, st.next, now, st.open);
    otherDay = weekdayName(locale, reader, st.next) !== weekdayName(locale, zone, st.next);
  } catch (e) {
    // An unknown reader zone: show the country's time only.
  }
  if (mine.time && reader !== zone && (mine.time !== there.time || mine.day !== there.day || otherDay)) {
    const day = mine.day || (otherDay ? weekdayName(locale, reader, st.next) : "");
    const t = day ? day + " " + mine.time : mine.time;
    extra.push(fill(str.yours, { time: t, zone: zoneName(reader, locale, st.next) }));
  }
  if (extra.length) text += " (" + extra.join("; ") + ")";
  return { state: state, text: text };
}
