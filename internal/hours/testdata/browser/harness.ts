// Test-only entry: exposes the evaluator and the formatter to browser tests,
// which run the fixed-instant cases in the page. Not part of the site bundle.

import { evaluate } from "../../../../static/ts/hours/evaluate";
import { now } from "../../../../static/ts/hours/clock";
import { describe, phrase, plural, registerPhrases, strings, Strings } from "../../../../static/ts/hours/format";
import RU from "../../../../static/ts/hours/phrases/ru.json";
import JA from "../../../../static/ts/hours/phrases/ja.json";
import ZH from "../../../../static/ts/hours/phrases/zh-cn.json";
import NL from "../../../../static/ts/hours/phrases/nl.json";

// The site fetches the page's language; the harness describes in several.
for (const [k, v] of [["ru", RU], ["ja", JA], ["zh-cn", ZH], ["nl", NL]] as [string, unknown][]) registerPhrases(k, v as Strings);

interface Result {
  open: boolean;
  next: string | null;
  text: string;
}

// at evaluates schedule in zone at the page's clock and describes the result
// in locale for a reader in reader's zone; null when it cannot evaluate.
function at(schedule: string, zone: string, locale: string, reader: string): Result | null {
  const t = now();
  const st = evaluate(schedule, zone, t);
  if (!st) return null;
  return {
    open: st.open,
    next: st.next === null ? null : new Date(st.next).toISOString(),
    text: describe(st, zone, t, locale, reader).text,
  };
}

// count is a counted phrase ("results") for n in locale, the way the picker
// writes it: the form Intl.PluralRules picks, English where the language
// has none.
function count(locale: string, key: "results" | "day" | "hour" | "minute", n: number): string {
  return plural(phrase(strings(locale), key), n, locale);
}

// cloudOnly labels a number or line for one cloud, as the picker does.
function cloudOnly(locale: string, cloud: string): string {
  return phrase(strings(locale), "cloudOnly").replace("{cloud}", cloud);
}

(window as unknown as Record<string, unknown>).__hoursTest = { at: at, count: count, cloudOnly: cloudOnly };
