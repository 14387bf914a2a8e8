// Site search, bundled on its own (search-<hash>.js, deferred like
// main.js) so the main bundle stays small: see search/ui.ts.

import { initSearch } from "./search/ui";

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => initSearch(document));
} else {
  initSearch(document);
}
