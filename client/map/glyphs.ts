// One small SVG glyph per incident category, painted in the marker's ink colour. Bundled as
// data: URIs: wall machines have no internet and no emoji font.
import type { Category } from '../../shared/contract/events.ts';

type Shape =
  | { kind: 'fill'; d: string }
  | { kind: 'stroke'; d: string }
  | { kind: 'circle'; cx: number; cy: number; r: number };

const GLYPHS: Readonly<Record<Category, readonly Shape[]>> = {
  fire: [{ kind: 'fill', d: 'M12 2c1 4 6 6 6 12a6 6 0 0 1-12 0c0-3 1.5-5 3-6 0 2 1 3.5 2 4-.5-3.5 0-7 1-10z' }],
  medical: [{ kind: 'fill', d: 'M9 3h6v6h6v6h-6v6H9v-6H3V9h6z' }],
  'traffic-accident': [
    { kind: 'fill', d: 'M4 11l2-5.2A2 2 0 0 1 7.9 4.5h8.2a2 2 0 0 1 1.9 1.3L20 11a2 2 0 0 1 1 1.7V18h-2.5v2h-3v-2h-7v2h-3v-2H3v-5.3A2 2 0 0 1 4 11zm2.6-.5h10.8l-1.3-3.8H7.9z' },
  ],
  crime: [{ kind: 'fill', d: 'M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5zm0 5l-1.4 3H7.5l2.5 2-1 3.2L12 13.4l3 1.8-1-3.2 2.5-2h-3.1z' }],
  flood: [
    { kind: 'stroke', d: 'M2 8c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2' },
    { kind: 'stroke', d: 'M2 13c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2' },
    { kind: 'stroke', d: 'M2 18c2.5 0 2.5-2 5-2s2.5 2 5 2 2.5-2 5-2 2.5 2 5 2' },
  ],
  'fallen-tree': [
    { kind: 'fill', d: 'M3.5 9.5l10-6 1.5 9.5z' },
    { kind: 'fill', d: 'M9.8 11.6l1.7-1 4.8 8-1.7 1z' },
    { kind: 'fill', d: 'M2 20h20v2H2z' },
  ],
  'animal-rescue': [
    { kind: 'circle', cx: 6, cy: 10, r: 2.2 },
    { kind: 'circle', cx: 10, cy: 5.5, r: 2.2 },
    { kind: 'circle', cx: 14, cy: 5.5, r: 2.2 },
    { kind: 'circle', cx: 18, cy: 10, r: 2.2 },
    { kind: 'fill', d: 'M12 11c3 0 6 4.5 6 7a2.5 2.5 0 0 1-3.5 2.3c-1.6-.7-3.4-.7-5 0A2.5 2.5 0 0 1 6 18c0-2.5 3-7 6-7z' },
  ],
  'domestic-violence': [{ kind: 'fill', d: 'M12 2.5l10 8.5h-3v10H5V11H2zM11 9v6h2V9zm0 7.5v2h2v-2z' }],
  'missing-person': [
    { kind: 'circle', cx: 10, cy: 6, r: 3.5 },
    { kind: 'fill', d: 'M3 21v-2.5C3 15 6 12.5 10 12.5c1 0 2 .2 2.8.5A6 6 0 0 0 12 21z' },
    { kind: 'fill', d: 'M17.5 12a4 4 0 0 1 2.3 7.3l2 2-1.4 1.4-2-2A4 4 0 1 1 17.5 12zm0 2a2 2 0 1 0 0 4 2 2 0 0 0 0-4z' },
  ],
  'public-order': [{ kind: 'fill', d: 'M3 9.5h4L16 4v16l-9-5.5H3zM8 15.5l1.5 5h2.5L10.8 16zM18 9h4v6h-4z' }],
  utility: [{ kind: 'fill', d: 'M13.5 2L4 14h7l-1.5 8L20 10h-7z' }],
  other: [
    { kind: 'circle', cx: 5, cy: 12, r: 2.4 },
    { kind: 'circle', cx: 12, cy: 12, r: 2.4 },
    { kind: 'circle', cx: 19, cy: 12, r: 2.4 },
  ],
};

function shapeMarkup(s: Shape): string {
  switch (s.kind) {
    case 'fill': return `<path d="${s.d}" fill="currentColor" fill-rule="evenodd"/>`;
    case 'stroke': return `<path d="${s.d}" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>`;
    case 'circle': return `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="currentColor"/>`;
  }
}

const urlCache = new Map<string, string>();

/**
 * The glyph as a CSS url() of an SVG data URI in the given ink colour, used as a background
 * image. One image per category and ink, shared by every marker: an inline <svg> per marker
 * (its viewBox transform) or a CSS mask (an effect node) gave the compositor one more node per
 * marker, and with hundreds of markers that made pan frames slow.
 */
export function glyphCssUrl(category: Category | null, ink: string): string {
  const key = `${category ?? 'other'}|${ink}`;
  let url = urlCache.get(key);
  if (url === undefined) {
    const shapes = GLYPHS[category ?? 'other'].map(shapeMarkup).join('').replaceAll('currentColor', ink);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${shapes}</svg>`;
    url = `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
    urlCache.set(key, url);
  }
  return url;
}
