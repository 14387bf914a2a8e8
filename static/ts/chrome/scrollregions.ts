// Code blocks and tables wider than the column scroll sideways; a keyboard
// reader can scroll them only if they take focus, so each one that
// overflows gets tabindex="0" (and loses it when the window grows).

export function initScrollRegions(doc: Document): void {
  const sel = "main pre, main table";
  const mark = (): void => {
    doc.querySelectorAll<HTMLElement>(sel).forEach((el) => {
      const scrolls = el.scrollWidth > el.clientWidth + 1;
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-scroll-region", "");
      } else if (!scrolls && el.hasAttribute("data-scroll-region")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-scroll-region");
      }
    });
  };
  mark();
  let timer = 0;
  window.addEventListener("resize", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(mark, 150);
  });
  // Tabs and pivots reveal hidden tables: look again after a click.
  doc.addEventListener("click", () => window.setTimeout(mark, 0));
}
