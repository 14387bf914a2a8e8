// Zone pivots: a page with ::: zone pivot blocks lists its choices in a
// picker (hidden without JavaScript, when every zone stays visible). With
// JavaScript the picker shows, one choice is active (?pivots=, else the
// reader's last choice, else the first), and only its zones are shown.

const storageKey = "docloom.pivots";

export function initPivots(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>("nav.pivot-selector").forEach((nav) => {
    const links = Array.from(nav.querySelectorAll<HTMLAnchorElement>("a[data-pivot]"));
    if (!links.length) return;
    const ids = links.map((a) => a.dataset.pivot || "");
    const apply = (id: string) => {
      for (const a of links) {
        if (a.dataset.pivot === id) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      }
      document.querySelectorAll<HTMLElement>(".zone.has-pivot").forEach((z) => {
        const pivots = (z.dataset.pivot || "").split(" ");
        if (pivots.some((p) => ids.includes(p))) z.hidden = !pivots.includes(id);
      });
    };
    let chosen = new URLSearchParams(location.search).get("pivots") || "";
    if (!ids.includes(chosen)) {
      try {
        chosen = localStorage.getItem(storageKey) || "";
      } catch {
        chosen = "";
      }
    }
    if (!ids.includes(chosen)) chosen = ids[0];
    nav.hidden = false;
    apply(chosen);
    for (const a of links) {
      a.addEventListener("click", (ev) => {
        ev.preventDefault();
        const id = a.dataset.pivot || ids[0];
        apply(id);
        const url = new URL(location.href);
        url.searchParams.set("pivots", id);
        history.replaceState(null, "", url.toString());
        try {
          localStorage.setItem(storageKey, id);
        } catch {
          // The choice still applies to this page.
        }
      });
    }
  });
}
