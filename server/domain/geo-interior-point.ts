// A point guaranteed inside a polygon, for map labels and for "somewhere in kecamatan X".
// The centroid is not enough: a crescent-shaped kecamatan has its centroid outside itself.
// Horizontal scanlines cross the polygon in inside-intervals; the midpoint of an interval is
// inside by construction, and of several scanlines we keep the midpoint farthest from any edge.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { bboxOfGeometry, distanceToRingsMetres, polygonsOf, ringArea } from './geo-planar.ts';

const SCANLINES = 15;

/** [lon, lat] of a point inside the geometry (its largest polygon for a MultiPolygon). */
export function interiorPoint(geometry: Polygon | MultiPolygon): [number, number] {
  const rings = largestPolygon(geometry);
  const [minLon, minLat, maxLon, maxLat] = bboxOfGeometry({ type: 'Polygon', coordinates: rings });
  let best: { lon: number; lat: number; clearance: number } | null = null;
  for (let k = 1; k <= SCANLINES; k++) {
    const lat = minLat + ((maxLat - minLat) * k) / (SCANLINES + 1);
    const interval = widestInsideInterval(rings, lat);
    if (interval === null) continue;
    const lon = (interval[0] + interval[1]) / 2;
    const clearance = distanceToRingsMetres(lon, lat, rings);
    if (best === null || clearance > best.clearance) best = { lon, lat, clearance };
  }
  // Only a degenerate (zero-height) polygon has no scanline crossing; its bbox centre is as good as any.
  return best === null ? [(minLon + maxLon) / 2, (minLat + maxLat) / 2] : [best.lon, best.lat];
}

function largestPolygon(geometry: Polygon | MultiPolygon): Position[][] {
  let best: Position[][] = [];
  let bestArea = -1;
  for (const polygon of polygonsOf(geometry)) {
    const area = ringArea(polygon[0] ?? []);
    if (area > bestArea) {
      best = polygon;
      bestArea = area;
    }
  }
  return best;
}

/** The widest [fromLon, toLon] at latitude lat that lies inside the rings (even-odd rule). */
function widestInsideInterval(rings: Position[][], lat: number): [number, number] | null {
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax = 0, ay = 0] = ring[i - 1] ?? [];
      const [bx = 0, by = 0] = ring[i] ?? [];
      // Half-open test so that a scanline through a vertex counts it once.
      if (ay <= lat !== by <= lat) crossings.push(ax + ((lat - ay) / (by - ay)) * (bx - ax));
    }
  }
  crossings.sort((a, b) => a - b);
  let widest: [number, number] | null = null;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const from = crossings[i] ?? 0;
    const to = crossings[i + 1] ?? 0;
    if (to > from && (widest === null || to - from > widest[1] - widest[0])) widest = [from, to];
  }
  return widest;
}
