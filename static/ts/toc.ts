// The shared table of contents. A large TOC is written once per locale,
// cloud and TOC file (nav.sidebar[data-toc] names it) and each page carries
// only its own branch, which works without JavaScript. With JavaScript the
// whole TOC is loaded (the browser caches it across pages) and put in place
// of the branch, with the current page marked and the way to it open, as
// the build marks it in a small TOC.

export function initTOC(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>("nav.sidebar[data-toc]").forEach((nav) => {
    const url = nav.dataset.toc;
    const branch = nav.querySelector<HTMLUListElement>(".toc-disclosure > ul");
    if (!url || !branch) return;
    const current = branch.querySelector<HTMLAnchorElement>('a[aria-current="page"]');
    fetch(url, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(r.statusText))))
      .then((html) => {
        const t = document.createElement("template");
        t.innerHTML = html;
        const whole = t.content.querySelector("ul");
        if (!whole) return;
        if (current) mark(whole, current.getAttribute("href") || "");
        branch.replaceWith(whole);
        nav.dataset.tocLoaded = "true";
      })
      .catch(() => {
        // The branch stays: every page is still reachable through it.
      });
  });
}

// mark sets aria-current on the first link to href and opens the entries
// on the way to it.
function mark(list: HTMLUListElement, href: string): void {
  const link = Array.from(list.querySelectorAll<HTMLAnchorElement>("a[href]")).find(
    (a) => a.getAttribute("href") === href,
  );
  if (!link) return;
  link.setAttribute("aria-current", "page");
  for (let d = link.closest("details"); d; d = d.parentElement?.closest("details") ?? null) {
    d.open = true;
  }
}
