// Printing shows everything: closed <details> (collapsed sections, the
// sidebar's folders) and hidden tab panels print open, and go back as
// they were afterwards. print.css in main.css hides the page chrome.

export function initPrint(): void {
  let opened: HTMLDetailsElement[] = [];
  window.addEventListener("beforeprint", () => {
    opened = [];
    document.querySelectorAll<HTMLDetailsElement>("main details:not([open])").forEach((d) => {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", () => {
    opened.forEach((d) => (d.open = false));
    opened = [];
  });
}
