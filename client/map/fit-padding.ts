// Where the city may go in its panel. The legend (bottom left) and the choropleth toggle (top
// right) float over the map; a city fitted to the bare panel slides under them (Kota Bandung's
// south-west corner disappeared under the legend once the choropleth classes were listed). Two
// ways to keep clear of both: leave the legend's height free at the bottom, or its width free at
// the left. MapEngine fits with whichever lets the city be drawn larger.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Leaflet's fitBounds padding, in px: [x, y] at the top left and at the bottom right. */
export interface FitPadding {
  topLeft: [number, number];
  bottomRight: [number, number];
}

/** The margin kept around the city in any case, and between the city and an overlay. */
export const FIT_MARGIN_PX = 16;

/**
 * The candidate paddings for a panel and the overlays drawn over it (viewport boxes). The first is
 * always "under the toggle, above the legend"; the second "under the toggle, right of the legend".
 */
export function fitPaddings(panel: Box, legend: Box | null, toggle: Box | null): FitPadding[] {
  const m = FIT_MARGIN_PX;
  const top = toggle ? clamp(toggle.bottom - panel.top + m, m, panel.bottom - panel.top) : m;
  if (!legend) return [{ topLeft: [m, top], bottomRight: [m, m] }];
  const bottom = clamp(panel.bottom - legend.top + m, m, panel.bottom - panel.top);
  const left = clamp(legend.right - panel.left + m, m, panel.right - panel.left);
  return [
    { topLeft: [m, top], bottomRight: [m, bottom] },
    { topLeft: [left, top], bottomRight: [m, m] },
  ];
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}
