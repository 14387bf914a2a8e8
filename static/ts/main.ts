// The site's script entry point, bundled by esbuild. Each feature exports an
// init function that enhances server-rendered HTML; without JavaScript the
// page still works.

import { initInline } from "./hours/inline";
import { initPickers } from "./hours/picker";
import { initTabs } from "./tabs";
import { initPivots } from "./pivots";
import { initTOC } from "./toc";

function start(): void {
  initInline(document);
  initPickers(document);
  initTabs(document);
  initPivots(document);
  initTOC(document);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
