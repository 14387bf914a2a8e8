// The theme switch: light, dark, high contrast, or as on this device
// ("auto"). The choice is remembered in localStorage and set as
// <html data-theme>, which the stylesheets read.

const KEY = "docloom.theme";
const THEMES = ["light", "dark", "contrast"];

function stored(): string {
  try {
    const t = window.localStorage.getItem(KEY) || "";
    return THEMES.indexOf(t) >= 0 ? t : "auto";
  } catch (e) {
    return "auto";
  }
}

function apply(root: HTMLElement, theme: string): void {
  if (THEMES.indexOf(theme) >= 0) root.setAttribute("data-theme", theme);
  else root.removeAttribute("data-theme");
}

export function applyStoredTheme(root: HTMLElement): void {
  apply(root, stored());
}

// initThemeSwitch shows the header's theme <select> (hidden without the
// script, which it needs) and makes it work.
export function initThemeSwitch(doc: Document): void {
  const label = doc.querySelector<HTMLElement>(".theme-switch");
  const select = label ? label.querySelector("select") : null;
  if (!label || !select) return;
  select.value = stored();
  label.hidden = false;
  select.addEventListener("change", () => {
    const t = select.value;
    try {
      if (THEMES.indexOf(t) >= 0) window.localStorage.setItem(KEY, t);
      else window.localStorage.removeItem(KEY);
    } catch (e) {
      /* private mode: the choice lasts for this page */
    }
    apply(doc.documentElement, t);
  });
}
