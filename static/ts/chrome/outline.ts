// Scroll-spy for "In this article": the entry of the section being read is
// marked (aria-current="location") and kept in view inside the outline,
// which scrolls on its own when it is taller than the window.

export function initOutline(doc: Document): void {
  const nav = doc.querySelector<HTMLElement>(".in-this-article");
  if (!nav || !("IntersectionObserver" in window)) return;
  const links = Array.from(nav.querySelectorAll<HTMLAnchorElement>("a[href^='#']"));
  const targets: { link: HTMLAnchorElement; heading: HTMLElement }[] = [];
  for (const a of links) {
    const id = decodeURIComponent(a.hash.slice(1));
    const h = id ? doc.getElementById(id) : null;
    if (h) targets.push({ link: a, heading: h });
  }
  if (!targets.length) return;
  let current: HTMLAnchorElement | null = null;
  const mark = (a: HTMLAnchorElement | null): void => {
    if (a === current) return;
    if (current) current.removeAttribute("aria-current");
    current = a;
    if (!a) return;
    a.setAttribute("aria-current", "location");
    // Scroll the outline itself, never the page.
    const top = a.offsetTop - nav.offsetTop;
    if (top < nav.scrollTop || top > nav.scrollTop + nav.clientHeight - a.offsetHeight) {
      nav.scrollTop = Math.max(0, top - nav.clientHeight / 3);
    }
  };
  // The current section is the last heading above a line 20% down the
  // window; the observer only says when to look again.
  const update = (): void => {
    const line = window.innerHeight * 0.2;
    let hit: HTMLAnchorElement | null = null;
    for (const t of targets) {
      if (t.heading.getBoundingClientRect().top <= line) hit = t.link;
      else break;
    }
    mark(hit || targets[0].link);
  };
  const io = new IntersectionObserver(update, { rootMargin: "0px 0px -80% 0px" });
  targets.forEach((t) => io.observe(t.heading));
  let queued = false;
  window.addEventListener("scroll", () => {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(() => {
      queued = false;
      update();
    });
  }, { passive: true });
  update();
}
