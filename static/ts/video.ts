// Videos written with :::video max-width="400" carry the width as
// data-max-width: the site's Content-Security-Policy allows no inline
// style attributes, so the limit is applied here, through the CSSOM.
// Without JavaScript the player takes the column's width.

export function initVideos(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>("iframe[data-max-width]").forEach((frame) => {
    const px = Number(frame.dataset.maxWidth);
    if (Number.isFinite(px) && px > 0) {
      frame.style.maxWidth = `${px}px`;
    }
  });
}
