// The site's script entry point, bundled by esbuild. Each feature exports an
// init function that enhances server-rendered HTML; without JavaScript the
// page still works.

import { loadPhrases, pageLocale } from "./hours/format";
import { initInline } from "./hours/inline";
import { initPickers } from "./hours/picker";
import { initTabs } from "./tabs";
import { initPivots } from "./pivots";
import { initTOC } from "./toc";
import { initView } from "./chrome/view";
import { initThemeSwitch } from "./chrome/theme";
import { initOutline } from "./chrome/outline";
import { initSidebar } from "./chrome/sidebar";
import { initScrollRegions } from "./chrome/scrollregions";
import { initPrint } from "./chrome/print";
import { initVideos } from "./video";
import { initCodeBlocks } from "./code";

// The build writes the hours widget's phrases for each locale next to this
// bundle, in hours-phrases/.
const script = document.currentScript as HTMLScriptElement | null;
const phraseBase = script && script.src ? new URL("hours-phrases/", script.src).href : "";

function start(): void {
  initView(document);
  initThemeSwitch(document);
  loadPhrases(pageLocale(), phraseBase).then(() => {
    initInline(document);
    initPickers(document);
  });
  initTabs(document);
  initPivots(document);
  initTOC(document);
  initSidebar(document);
  initOutline(document);
  initScrollRegions(document);
  initPrint();
  initVideos(document);
  initCodeBlocks(document);
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
