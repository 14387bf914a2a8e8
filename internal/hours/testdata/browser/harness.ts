// Test-only entry: exposes the evaluator and the formatter to browser tests,
// which run the fixed-instant cases in the page. Not part of the site bundle.

import { evaluate } from "../../../../static/ts/hours/evaluate";
import { now } from "../../../../static/ts/hours/clock";
import { describe } from "../../../../static/ts/hours/format";

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

(window as unknown as Record<string, unknown>).__hoursTest = { at: at };
