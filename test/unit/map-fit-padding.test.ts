import { describe, expect, it } from 'vitest';
import { FIT_MARGIN_PX, fitPaddings, type Box } from '../../client/map/fit-padding.ts';

// The wall's full-screen map at 1920×1080: panel under the header, legend bottom left, toggle top right.
const panel: Box = { left: 12, top: 82, right: 1908, bottom: 998 };
const legend: Box = { left: 30, top: 880, right: 350, bottom: 980 };
const toggle: Box = { left: 1300, top: 100, right: 1890, bottom: 160 };
const m = FIT_MARGIN_PX;

describe('fitPaddings', () => {
  it('without overlays keeps the margin all round', () => {
    expect(fitPaddings(panel, null, null)).toEqual([{ topLeft: [m, m], bottomRight: [m, m] }]);
  });

  it('offers "above the legend" and "right of the legend", both below the toggle', () => {
    // toggle: 160 − 82 + 16 = 94 from the top; legend: 998 − 880 + 16 = 134 from the bottom,
    // 350 − 12 + 16 = 354 from the left.
    expect(fitPaddings(panel, legend, toggle)).toEqual([
      { topLeft: [m, 94], bottomRight: [m, 134] },
      { topLeft: [354, 94], bottomRight: [m, m] },
    ]);
  });

  it('never pads by more than the panel (an overlay larger than a tiny panel)', () => {
    const tiny: Box = { left: 0, top: 0, right: 200, bottom: 100 };
    const [above, beside] = fitPaddings(tiny, { left: 0, top: -50, right: 400, bottom: 100 }, null);
    expect(above?.bottomRight[1]).toBe(100);
    expect(beside?.topLeft[0]).toBe(200);
  });
});
