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

export function initTabs(root: ParentNode): void {
  const groups = Array.from(root.querySelectorAll(".tabGroup"));
  if (!groups.length) return;
  const chooseEverywhere = (id: string, except: Element | null) => {
    for (const g of groups) {
      if (g === except) continue;
      const t = tabsOf(g).find((x) => x.dataset.tab === id);
      if (t) select(g, t, false);
    }
  };
  const prefs = remembered();
  for (const group of groups) {
    const tabs = tabsOf(group);
    if (!tabs.length) continue;
    const first = prefs.map((id) => tabs.find((t) => t.dataset.tab === id)).find((t) => t) || tabs[0];
    select(group, first, false);
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", (ev) => {
        ev.preventDefault();
        select(group, tab, true);
        if (tab.dataset.tab) {
          chooseEverywhere(tab.dataset.tab, group);
          remember(tab.dataset.tab);
        }
      });
      tab.addEventListener("keydown", (ev: KeyboardEvent) => {
        let next = -1;
        if (ev.key === "ArrowRight") next = (i + 1) % tabs.length;
        else if (ev.key === "ArrowLeft") next = (i - 1 + tabs.length) % tabs.length;
        else if (ev.key === "Home") next = 0;
        else if (ev.key === "End") next = tabs.length - 1;
        if (next < 0) return;
        ev.preventDefault();
        tabs[next].click();
      });
    });
  }
}
