// What the incident map shows, read from its DOM in the page: incidents drawn (markers plus what
// each cluster holds), kecamatan shapes, legend figures, and where the city sits in its panel.
// Shared by the map and demo tests so they count the same way.
import type { Page } from 'playwright-core';

/** Open incidents drawn on the map: single markers plus the count each cluster carries. */
export function incidentsOnMap(page: Page): Promise<{ total: number; markers: number; clusters: number }> {
  return page.evaluate(() => {
    const markers = document.querySelectorAll('[data-testid="incident-marker"]').length;
    let clustered = 0;
    const clusters = document.querySelectorAll<HTMLElement>('[data-testid="incident-cluster"]');
    for (const el of clusters) clustered += Number(el.dataset['clusterCount'] ?? 0);
    return { total: markers + clustered, markers, clusters: clusters.length };
  });
}

/** Kecamatan shapes drawn (client/map/kecamatan-layer.ts names each path by its BPS code). */
export function kecamatanDrawn(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll('path[data-kecamatan]')].map((p) => p.getAttribute('data-kecamatan') ?? ''));
}

/** The legend's "N open" figure as shown (`10.000` in Indonesian). */
export async function legendOpen(page: Page): Promise<string> {
  return ((await page.locator('[data-testid="map-legend"] .pm-legend-total > .pm-num').first().textContent()) ?? '').trim();
}

/** The choropleth classes in the legend: label and swatch colour (computed, `rgb(…)`). */
export function legendClasses(page: Page): Promise<{ label: string; color: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="map-legend-classes"] li')].flatMap((li) => {
      const swatch = li.querySelector<HTMLElement>('.pm-swatch:not(.pm-swatch-hatch)');
      if (!swatch) return [];
      return [{ label: (li.textContent ?? '').trim(), color: getComputedStyle(swatch).backgroundColor }];
    }),
  );
}

/** The fill of each kecamatan shape (computed, `rgb(…)`), by code. */
export function kecamatanFills(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const p of document.querySelectorAll<SVGPathElement>('path[data-kecamatan]')) out[p.getAttribute('data-kecamatan') ?? ''] = getComputedStyle(p).fill;
    return out;
  });
}

/**
 * A viewport point where kecamatan `code` is the topmost thing (not a marker, label or control),
 * found by scanning its shape's box; null when none is free.
 */
export function pointOnKecamatan(page: Page, code: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((c) => {
    const path = document.querySelector(`path[data-kecamatan="${c}"]`);
    if (!path) return null;
    const box = path.getBoundingClientRect();
    const steps = 24;
    // Centre-out, so the point is well inside rather than on a sliver along the edge.
    const candidates: { x: number; y: number; d: number }[] = [];
    for (let i = 1; i < steps; i++) {
      for (let j = 1; j < steps; j++) {
        const x = box.left + (box.width * i) / steps;
        const y = box.top + (box.height * j) / steps;
        candidates.push({ x, y, d: Math.hypot(i - steps / 2, j - steps / 2) });
      }
    }
    candidates.sort((a, b) => a.d - b.d);
    for (const p of candidates) if (document.elementFromPoint(p.x, p.y) === path) return { x: Math.round(p.x), y: Math.round(p.y) };
    return null;
  }, code);
}

export interface CityFit {
  /** The map panel and the union of the kecamatan shapes, in CSS pixels. */
  panel: { left: number; top: number; width: number; height: number };
  city: { left: number; top: number; width: number; height: number };
  /** The city lies inside the panel (1 px of rounding allowed). */
  inside: boolean;
  /** The larger of city width ÷ panel width and city height ÷ panel height. */
  fill: number;
  /** The city's box stays clear of the legend and the choropleth toggle floating over the map. */
  clear: boolean;
}

/** Where the city's shapes sit in the map panel: a fitted city is inside and fills one side. */
export function cityFit(page: Page): Promise<CityFit | null> {
  return page.evaluate(() => {
    const panel = document.querySelector('[data-testid="incident-map"] .pm-map')?.getBoundingClientRect();
    const paths = [...document.querySelectorAll('path[data-kecamatan]')].map((p) => p.getBoundingClientRect());
    if (!panel || paths.length === 0 || panel.width === 0) return null;
    const left = Math.min(...paths.map((r) => r.left));
    const top = Math.min(...paths.map((r) => r.top));
    const right = Math.max(...paths.map((r) => r.right));
    const bottom = Math.max(...paths.map((r) => r.bottom));
    const inside = left >= panel.left - 1 && top >= panel.top - 1 && right <= panel.right + 1 && bottom <= panel.bottom + 1;
    const fill = Math.max((right - left) / panel.width, (bottom - top) / panel.height);
    const overlays = [...document.querySelectorAll('[data-testid="map-legend"], [data-testid="choropleth-toggle"]')].map((o) => o.getBoundingClientRect());
    // 1 px of rounding, as above; the overlays' burn-in drift is a few px at most.
    const clear = overlays.every((o) => o.right <= left + 1 || o.left >= right - 1 || o.bottom <= top + 1 || o.top >= bottom - 1);
    return {
      panel: { left: panel.left, top: panel.top, width: panel.width, height: panel.height },
      city: { left, top, width: right - left, height: bottom - top },
      inside,
      fill,
      clear,
    };
  });
}
