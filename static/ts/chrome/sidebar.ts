// The sidebar's table of contents: scrolled (inside itself) to the page
// being read, and a filter box that narrows the entries to those whose
// title matches, opening the folders that hold them.

function fold(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

// scrollToCurrent scrolls the sidebar (never the page) so the current
// page's entry is a third of the way down.
function scrollToCurrent(side: HTMLElement): void {
  const here = side.querySelector<HTMLElement>("a[aria-current='page']");
  if (here && side.scrollHeight > side.clientHeight) {
    const top = here.getBoundingClientRect().top - side.getBoundingClientRect().top + side.scrollTop;
    side.scrollTop = Math.max(0, top - side.clientHeight / 3);
  }
}

export function initSidebar(doc: Document): void {
  const side = doc.querySelector<HTMLElement>("nav.sidebar");
  if (!side) return;
  scrollToCurrent(side);
  // A shared TOC (toc.ts) replaces the page's branch once it has loaded.
  if ("MutationObserver" in window) {
    const mo = new MutationObserver(() => {
      if (side.dataset.tocLoaded) {
        mo.disconnect();
        scrollToCurrent(side);
        if (input && input.value) run();
      }
    });
    mo.observe(side, { attributes: true, attributeFilter: ["data-toc-loaded"] });
  }
  const box = side.querySelector<HTMLElement>(".toc-filter");
  const input = box ? box.querySelector("input") : null;
  const status = side.querySelector<HTMLElement>(".toc-filter-status");
  if (!box || !input) return;
  box.hidden = false;
  const own = (li: HTMLLIElement): string => {
    const e = li.querySelector(":scope > a, :scope > span, :scope > details > summary");
    return fold(e ? e.textContent || "" : "");
  };
  // Folders opened by the filter close again when it is cleared.
  const opened = new Set<HTMLDetailsElement>();
  let timer = 0;
  function run(): void {
    if (!input) return;
    // Read the entries each time: the shared TOC may have replaced them.
    const items = Array.from(side!.querySelectorAll<HTMLLIElement>(".toc-disclosure li"));
    const q = fold(input.value.trim());
    opened.forEach((d) => (d.open = false));
    opened.clear();
    let n = 0;
    for (const li of items) li.hidden = q !== "";
    if (q === "") {
      if (status) status.textContent = "";
      return;
    }
    for (const li of items) {
      if (own(li).indexOf(q) < 0) continue;
      n++;
      // Show the entry, everything under it, and the way to it.
      li.hidden = false;
      li.querySelectorAll<HTMLLIElement>("li").forEach((c) => (c.hidden = false));
      for (let p = li.parentElement; p && p !== side; p = p.parentElement) {
        if (p instanceof HTMLLIElement) p.hidden = false;
        if (p instanceof HTMLDetailsElement && !p.open && !p.classList.contains("toc-disclosure")) {
          p.open = true;
          opened.add(p);
        }
      }
    }
    if (status) {
      status.textContent = n === 0 ? status.dataset.none || "" : (status.dataset.some || "").replace("{n}", String(n));
    }
  }
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 120);
  });
  input.addEventListener("keydown", (ev: KeyboardEvent) => {
    if (ev.key === "Escape" && input.value) {
      input.value = "";
      run();
    }
  });
}
