// ?view=<moniker> links (how Learn links between versions and clouds): the
// host's redirect rules send them to the page in that moniker where they
// fire; where they do not, this sends the reader there from the cloud
// picker's link, keeping the rest of the query and the #fragment.

export function viewTarget(loc: { search: string; hash: string }, doc: Document): string | null {
  const params = new URLSearchParams(loc.search);
  const want = (params.get("view") || "").toLowerCase();
  const body = doc.body;
  if (!want || !body || want === (body.getAttribute("data-moniker") || "")) return null;
  const links = doc.querySelectorAll<HTMLAnchorElement>(".picker-cloud a[data-moniker]");
  for (const a of Array.from(links)) {
    if ((a.getAttribute("data-moniker") || "").toLowerCase() !== want) continue;
    params.delete("view");
    const q = params.toString();
    return a.href.split(/[?#]/)[0] + (q ? "?" + q : "") + loc.hash;
  }
  return null;
}

export function initView(doc: Document): void {
  const to = viewTarget(window.location, doc);
  if (to) window.location.replace(to);
}
