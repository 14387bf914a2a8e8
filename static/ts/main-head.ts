// Runs in <head>, before the page is painted (a plain external script, so
// the Content-Security-Policy needs no inline code): applies the theme the
// reader chose on an earlier page, so the page never flashes in the other.

import { applyStoredTheme } from "./chrome/theme";

applyStoredTheme(document.documentElement);
