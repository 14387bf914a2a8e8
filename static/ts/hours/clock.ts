// The one place the client reads the time. Browser tests seed
// window.__docloomNow (Unix ms) before any page script runs; readers get
// Date.now().

declare global {
  interface Window {
    __docloomNow?: unknown;
  }
}

export function now(): number {
  const fixed = window.__docloomNow;
  return typeof fixed === "number" ? fixed : Date.now();
}

const MINUTE = 60000;

// keepFresh calls update now, again just after the next change it reports
// (an instant in Unix ms, or null), at every minute boundary for countdowns,
// and whenever the tab becomes visible again, because hidden tabs throttle
// timers. It returns a function that stops the updates.
export function keepFresh(update: () => number | null): () => void {
  let timer = 0;
  let stopped = false;
  const run = (): void => {
    window.clearTimeout(timer);
    if (stopped) return;
    const next = update();
    const t = now();
    let delay = MINUTE - (t % MINUTE) + 50;
    if (next !== null && next > t && next - t + 50 < delay) delay = next - t + 50;
    timer = window.setTimeout(run, Math.max(delay, 1000));
  };
  const onVisible = (): void => {
    if (document.visibilityState === "visible") run();
  };
  document.addEventListener("visibilitychange", onVisible);
  run();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
