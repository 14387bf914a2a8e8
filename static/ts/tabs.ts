// Tab groups (Learn's "# [Label](#tab/id)" headings). The server renders
// every panel visible, so the page reads top to bottom without JavaScript.
// With it, each group becomes a WAI-ARIA tab set: one panel shown, arrow
// keys move between tabs, and choosing a tab chooses the same tab id in
// every group on the page (and is remembered, and honours ?tabs=a,b).

const storageKey = "docloom.tabs";

function tabsOf(group: Element): HTMLElement[] {
  return Array.from(group.querySelectorAll<HTMLElement>(':scope > [role="tablist"] [role="tab"]'));
}

function panelOf(tab: HTMLElement): HTMLElement | null {
  const id = tab.getAttribute("aria-controls");
  return id ? document.getElementById(id) : null;
}

function select(group: Element, chosen: HTMLElement, focus: boolean): void {
  for (const tab of tabsOf(group)) {
    const on = tab === chosen;
    tab.setAttribute("aria-selected", on ? "true" : "false");
    tab.tabIndex = on ? 0 : -1;
    const panel = panelOf(tab);
    if (panel) panel.hidden = !on;
  }
  if (focus) chosen.focus();
}

function remembered(): string[] {
  const fromURL = new URLSearchParams(location.search).get("tabs");
  if (fromURL) return fromURL.split(",");
  try {
    return JSON.parse(localStorage.getItem(storageKey) || "[]");
  } catch {
    return [];
  }
}

function remember(id: string): void {
  try {
    const ids = remembered().filter((x) => x !== id);
    ids.unshift(id);
    localStorage.setItem(storageKey, JSON.stringify(ids.slice(0, 10)));
  } catch {
    // Storage may be disabled; choosing still works for this page.
  }
}

// A dependent tab (#tab/id/condition, data-condition) is offered only while
// its condition is a chosen tab somewhere on the page, as on Learn; a group
// whose chosen tab goes away chooses its first tab still offered.
function applyConditions(groups: Element[]): void {
  const chosen = new Set<string>();
  for (const g of groups) {
    for (const t of tabsOf(g)) {
      if (t.getAttribute("aria-selected") === "true" && t.dataset.tab) chosen.add(t.dataset.tab);
    }
  }
  for (const g of groups) {
    let lost = false;
    for (const t of tabsOf(g)) {
      const cond = t.dataset.condition;
      const li = t.parentElement;
      if (!cond || !li) continue;
      li.hidden = !chosen.has(cond);
      if (li.hidden && t.getAttribute("aria-selected") === "true") lost = true;
    }
    if (lost) {
      const next = tabsOf(g).find((t) => !t.parentElement?.hidden);
      if (next) select(g, next, false);
    }
  }
}

function offered(t: HTMLElement): boolean {
  return !t.parentElement?.hidden;
}

export function initTabs(root: ParentNode): void {
  const groups = Array.from(root.querySelectorAll(".tabGroup"));
  if (!groups.length) return;
  const chooseEverywhere = (id: string, except: Element | null) => {
    for (const g of groups) {
      if (g === except) continue;
      const same = tabsOf(g).filter((x) => x.dataset.tab === id);
      const t = same.find(offered) || same[0];
      if (t) select(g, t, false);
    }
  };
  const prefs = remembered();
  for (const group of groups) {
    const tabs = tabsOf(group);
    if (!tabs.length) continue;
    const first = prefs.map((id) => tabs.find((t) => t.dataset.tab === id && offered(t))).find((t) => t) || tabs.find(offered) || tabs[0];
    select(group, first, false);
    tabs.forEach((tab) => {
      tab.addEventListener("click", (ev) => {
        ev.preventDefault();
        select(group, tab, true);
        if (tab.dataset.tab) {
          chooseEverywhere(tab.dataset.tab, group);
          remember(tab.dataset.tab);
        }
        applyConditions(groups);
      });
      tab.addEventListener("keydown", (ev: KeyboardEvent) => {
        // Arrow keys move among the tabs offered (dependent ones may be hidden).
        const shown = tabs.filter(offered);
        const at = Math.max(0, shown.indexOf(tab));
        let next = -1;
        if (ev.key === "ArrowRight") next = (at + 1) % shown.length;
        else if (ev.key === "ArrowLeft") next = (at - 1 + shown.length) % shown.length;
        else if (ev.key === "Home") next = 0;
        else if (ev.key === "End") next = shown.length - 1;
        if (next < 0 || !shown.length) return;
        ev.preventDefault();
        shown[next].click();
      });
    });
  }
  applyConditions(groups);
}
