// Evaluates a support schedule ("Mo-Fr 09:00-17:00", "24/7", "off") in an
// IANA time zone using nothing but Intl, so the page needs no tz database.
// Semantics (hours.md §3.4): every rule occurrence is an interval whose wall
// clock ends are turned into instants with "compatible" resolution (a wall
// time in a spring-forward gap uses the offset before the gap; a repeated
// wall time takes its first occurrence); start inclusive, end exclusive;
// rules are a union; a span ending before its start runs past midnight and
// belongs to its start day.

export interface Span {
  start: number; // minutes after local midnight, 0..1439
  end: number; // 1..1440; end <= start means the span ends the next day
}

export interface Rule {
  days: boolean[]; // indexed by weekday, 0 = Sunday
  spans: Span[];
}

export interface Schedule {
  always: boolean;
  rules: Rule[];
}

export interface Status {
  open: boolean;
  next: number | null; // instant (Unix ms) of the next change, null if none within a week
}

const DAY = 86400000;
const MINUTE = 60000;
const DAY_NAMES = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];

function parseTime(s: string, isEnd: boolean): number {
  const m = /^(\d\d):(\d\d)$/.exec(s);
  if (!m) return -1;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && (min > 0 || !isEnd))) return -1;
  const v = h * 60 + min;
  return isEnd && v === 0 ? 1440 : v;
}

function parseDays(s: string): boolean[] | null {
  const days = [false, false, false, false, false, false, false];
  for (const part of s.split(",")) {
    const ends = part.split("-");
    const a = DAY_NAMES.indexOf(ends[0]);
    const b = ends.length === 2 ? DAY_NAMES.indexOf(ends[1]) : a;
    if (a < 0 || b < 0 || ends.length > 2) return null;
    // Ranges may wrap around the week: Fr-Mo.
    for (let d = a; ; d = (d + 1) % 7) {
      days[d] = true;
      if (d === b) break;
    }
  }
  return days;
}

function parseRule(s: string): Rule | null {
  const m = /^(\S+)\s+(\S+)$/.exec(s);
  if (!m) return null;
  const days = parseDays(m[1]);
  if (!days) return null;
  const spans: Span[] = [];
  for (const part of m[2].split(",")) {
    const ends = part.split("-");
    if (ends.length !== 2) return null;
    const start = parseTime(ends[0], false);
    const end = parseTime(ends[1], true);
    if (start < 0 || end < 0 || start === end) return null;
    spans.push({ start: start, end: end });
  }
  return { days: days, spans: spans };
}

// parseSchedule reads the schedule grammar of hours.md §3.4. It returns null
// for anything it does not understand; the page then shows the text only.
export function parseSchedule(text: string): Schedule | null {
  const s = text.trim();
  if (s === "24/7") return { always: true, rules: [] };
  if (s === "off") return { always: false, rules: [] };
  const rules: Rule[] = [];
  for (const raw of s.split(";")) {
    const part = raw.trim();
    if (part === "PH off") continue; // no holiday calendar yet
    const rule = parseRule(part);
    if (!rule) return null;
    rules.push(rule);
  }
  return rules.length ? { always: false, rules: rules } : null;
}

// One formatter per zone: construction dominates the cost of evaluation.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    // hourCycle h23, never hour12:false, which Chrome resolves to h24.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

// Wall is a zone's wall clock at an instant, as numbers.
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// wallClock returns the zone's wall-clock fields at instant t. It throws
// RangeError for a zone the browser does not know.
export function wallClock(zone: string, t: number): Wall {
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(zone).formatToParts(t)) {
    if (p.type in w) (w as unknown as Record<string, number>)[p.type] = Number(p.value);
  }
  if (w.hour === 24) w.hour = 0;
  return w;
}

// offsetAt returns the zone's UTC offset in ms at instant t.
export function offsetAt(zone: string, t: number): number {
  const w = wallClock(zone, t);
  const asUTC = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUTC - (t - (((t % 1000) + 1000) % 1000));
}

// localDay numbers the zone's calendar day of t (days since 1970-01-01).
export function localDay(zone: string, t: number): number {
  return Math.floor((t + offsetAt(zone, t)) / DAY);
}

function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

// wallToInstant resolves day + minutes in zone with "compatible"
// disambiguation; it assumes at most one offset change within a day.
export function wallToInstant(zone: string, day: number, minutes: number): number {
  const x = day * DAY + minutes * MINUTE;
  const before = offsetAt(zone, x - DAY);
  const after = offsetAt(zone, x + DAY);
  if (before === after) return x - before;
  const a = x - before;
  const b = x - after;
  const aValid = offsetAt(zone, a) === before;
  const bValid = offsetAt(zone, b) === after;
  if (aValid && bValid) return Math.min(a, b); // repeated hour: the first
  if (aValid) return a;
  if (bValid) return b;
  return a; // gap: read with the offset from before it
}

interface Interval {
  from: number;
  to: number;
}

function intervals(s: Schedule, zone: string, first: number, last: number): Interval[] {
  const out: Interval[] = [];
  for (let d = first; d <= last; d++) {
    const wd = weekday(d);
    for (const r of s.rules) {
      if (!r.days[wd]) continue;
      for (const sp of r.spans) {
        const from = wallToInstant(zone, d, sp.start);
        const to = sp.end > sp.start ? wallToInstant(zone, d, sp.end) : wallToInstant(zone, d + 1, sp.end);
        if (to > from) out.push({ from: from, to: to });
      }
    }
  }
  return out;
}

function openIn(list: Interval[], t: number): boolean {
  for (const iv of list) if (iv.from <= t && t < iv.to) return true;
  return false;
}

// status tells whether s is open at t in zone and when that next changes,
// looking from yesterday to nine days ahead. It throws RangeError for an
// unknown zone.
export function status(s: Schedule, zone: string, t: number): Status {
  if (s.always) return { open: true, next: null };
  if (!s.rules.length) return { open: false, next: null };
  const today = localDay(zone, t);
  const list = intervals(s, zone, today - 1, today + 9);
  const open = openIn(list, t);
  // Past the start of the last day the list no longer knows every interval
  // (the next day's are missing), so no change is reported beyond it.
  const horizon = wallToInstant(zone, today + 9, 0);
  const ends: number[] = [];
  for (const iv of list) {
    if (iv.from > t && iv.from < horizon) ends.push(iv.from);
    if (iv.to > t && iv.to < horizon) ends.push(iv.to);
  }
  ends.sort((a, b) => a - b);
  for (const c of ends) {
    if (openIn(list, c) !== open) return { open: open, next: c };
  }
  return { open: open, next: null };
}

// evaluate parses and evaluates in one step. It returns null when the
// schedule does not parse or the browser does not know the zone, so callers
// fall back to the static text.
export function evaluate(schedule: string, zone: string, t: number): Status | null {
  const s = parseSchedule(schedule);
  if (!s) return null;
  try {
    offsetAt(zone, t); // reject unknown zones even for 24/7 and off
    return status(s, zone, t);
  } catch (e) {
    if (e instanceof RangeError) return null;
    throw e;
  }
}
