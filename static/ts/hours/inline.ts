// Decorates server-rendered hours such as
//   <span class="hours" data-schedule="Mo-Fr 09:00-17:00" data-zone="Europe/Berlin">…</span>
// with a live status in an adjacent <span class="hours-status">. Elements
// whose schedule or zone the browser cannot evaluate keep their text only.

import { now, keepFresh } from "./clock";
import { evaluate } from "./evaluate";
import { describe, pageLocale, readerZone, strings } from "./format";

function statusSpan(el: Element): HTMLElement {
  const next = el.nextElementSibling;
  if (next instanceof HTMLElement && next.classList.contains("hours-status")) return next;
  const span = document.createElement("span");
  span.className = "hours-status";
  span.setAttribute("aria-live", "polite");
  el.insertAdjacentElement("afterend", span);
  return span;
}

// renderStatus writes the status of schedule/zone at t into span and returns
// the instant of the next change, or null.
export function renderStatus(span: HTMLElement, schedule: string, zone: string, t: number, locale: string, reader: string): number | null {
  const st = evaluate(schedule, zone, t);
  if (!st) {
    span.textContent = "";
    span.removeAttribute("data-state");
    return null;
  }
  const d = describe(st, zone, t, locale, reader);
  if (span.textContent !== d.text) span.textContent = d.text;
  span.setAttribute("data-state", d.state);
  return st.next;
}

export function initInline(root: ParentNode): void {
  const items: { span: HTMLElement; schedule: string; zone: string }[] = [];
  root.querySelectorAll("[data-schedule][data-zone]").forEach((el: Element) => {
    const schedule = el.getAttribute("data-schedule") || "";
    const zone = el.getAttribute("data-zone") || "";
    if (!schedule || !zone) return;
    // The hours of a line the build read from the default locale's page:
    // say so, and show that line.
    const original = el.getAttribute("data-original");
    if (original && !el.querySelector(".hours-original")) {
      const o = document.createElement("span");
      o.className = "hours-original";
      o.textContent = " (" + strings(pageLocale()).original.replace("{text}", original) + ")";
      el.append(o);
    }
    items.push({ span: statusSpan(el), schedule: schedule, zone: zone });
  });
  if (!items.length) return;
  const locale = pageLocale();
  keepFresh(() => {
    const t = now();
    const reader = readerZone();
    let soonest: number | null = null;
    for (const it of items) {
      const next = renderStatus(it.span, it.schedule, it.zone, t, locale, reader);
      if (next !== null && (soonest === null || next < soonest)) soonest = next;
    }
    return soonest;
  });
}
