// Turns an evaluated status into a sentence in the page's language. Only
// en-us and nl-nl have their own strings; every other locale reads English,
// while weekday names still come from Intl in the page's locale.

import { Status, wallClock, localDay } from "./evaluate";

export interface Strings {
  openAt: string; // {time}
  openDay: string; // {day} {time}
  closedAt: string;
  closedDay: string;
  always: string;
  closed: string;
  yours: string; // {time} {zone}
  inside: string; // {d}
  hours: string;
  minutes: string;
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
}

const EN: Strings = {
  openAt: "Open now, closes at {time}",
  openDay: "Open now, closes {day} {time}",
  closedAt: "Closed, opens at {time}",
  closedDay: "Closed, opens {day} {time}",
  always: "Open 24 hours a day, 7 days a week",
  closed: "Closed",
  yours: "{time} your time, {zone}",
  inside: "in {d}",
  hours: "h",
  minutes: "min",
  billing: "Billing support",
  technical: "Technical support",
  other: "Support",
  search: "Type to search",
  noMatch: "No matching country or region",
  showAll: "Show all countries and regions",
  hideAll: "Hide the list of countries and regions",
  fullPage: "Full support page for {name}",
  zoneNote: "This country has several time zones; hours are given in {zone} time unless a line says local time.",
  phones: "Phone numbers",
  hoursHeading: "Hours",
};

const NL: Strings = {
  openAt: "Nu open, sluit om {time}",
  openDay: "Nu open, sluit {day} {time}",
  closedAt: "Gesloten, opent om {time}",
  closedDay: "Gesloten, opent {day} {time}",
  always: "Altijd open, 24 uur per dag en 7 dagen per week",
  closed: "Gesloten",
  yours: "{time} uw tijd, {zone}",
  inside: "over {d}",
  hours: "u",
  minutes: "min",
  billing: "Ondersteuning bij facturering",
  technical: "Technische ondersteuning",
  other: "Ondersteuning",
  search: "Typ om te zoeken",
  noMatch: "Geen land of regio gevonden",
  showAll: "Alle landen en regio's weergeven",
  hideAll: "Lijst met landen en regio's verbergen",
  fullPage: "Volledige ondersteuningspagina voor {name}",
  zoneNote: "Dit land heeft meerdere tijdzones; de tijden gelden voor {zone}, tenzij een regel lokale tijd noemt.",
  phones: "Telefoonnummers",
  hoursHeading: "Uren",
};

// pageLocale reads <html lang> ("nl-nl") as a BCP 47 tag ("nl-NL").
export function pageLocale(): string {
  const lang = document.documentElement.lang || "en-US";
  const parts = lang.split("-");
  if (parts.length > 1 && parts[1].length === 2) parts[1] = parts[1].toUpperCase();
  return parts.join("-");
}

export function strings(locale: string): Strings {
  return locale.toLowerCase().split("-")[0] === "nl" ? NL : EN;
}

// readerZone is the zone the reader's machine is set to.
export function readerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
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

// duration is computed from instants, never wall times, so DST weekends
// come out right (Berlin Friday 17:00 to Monday 09:00 in late March is 63 h).
export function duration(ms: number, str: Strings): string {
  const total = Math.max(1, Math.round(ms / 60000));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return m + " " + str.minutes;
  return m === 0 ? h + " " + str.hours : h + " " + str.hours + " " + m + " " + str.minutes;
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

// describe builds "Open now, closes at 17:00 (11:00 your time, America/New_York)"
// or "Closed, opens Monday 09:00 (in 63 h)". The reader's time is added when
// it reads differently from the country's.
export function describe(st: Status, zone: string, now: number, locale: string, reader: string): Described {
  const str = strings(locale);
  const state = st.open ? "open" : "closed";
  if (st.next === null) return { state: state, text: st.open ? str.always : str.closed };
  const there = when(locale, zone, st.next, now, st.open);
  const tpl = st.open ? (there.day ? str.openDay : str.openAt) : there.day ? str.closedDay : str.closedAt;
  let text = fill(tpl, there);
  const extra: string[] = [];
  if (!st.open) extra.push(fill(str.inside, { d: duration(st.next - now, str) }));
  let mine = { day: "", time: "" };
  try {
    mine = when(locale, reader, st.next, now, st.open);
  } catch (e) {
    // An unknown reader zone: show the country's time only.
  }
  if (mine.time && reader !== zone && (mine.time !== there.time || mine.day !== there.day)) {
    const t = mine.day ? mine.day + " " + mine.time : mine.time;
    extra.push(fill(str.yours, { time: t, zone: reader }));
  }
  if (extra.length) text += " (" + extra.join("; ") + ")";
  return { state: state, text: text };
}
