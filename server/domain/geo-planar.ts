// Planar geometry on lon/lat rings, good enough at city scale (a few tens of kilometres),
// where the earth's curvature is far below the accuracy of the boundaries themselves.
import type { MultiPolygon, Polygon, Position } from 'geojson';

const METRES_PER_DEGREE = 111_320;

/** The polygons of a geometry as lists of rings (outer ring first, then holes). */
export function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** [minLon, minLat, maxLon, maxLat] of every position of the geometry. */
export function bboxOfGeometry(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [lon = NaN, lat = NaN] of ring) {
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** Absolute area of a ring in square degrees (shoelace); only used to compare rings. */
export function ringArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    twice += (xj - xi) * (yj + yi);
  }
  return Math.abs(twice) / 2;
}

/**
 * Distance in metres from a point to the nearest edge of any ring, on an equirectangular
 * projection centred on the point (longitude shrunk by cos(latitude)).
 */
export function distanceToRingsMetres(lon: number, lat: number, rings: Position[][]): number {
  const kx = Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const [ax = 0, ay = 0] = ring[i - 1] ?? [];
      const [bx = 0, by = 0] = ring[i] ?? [];
      const d = distanceToSegment((lon - ax) * kx, lat - ay, (bx - ax) * kx, by - ay);
      if (d < best) best = d;
    }
  }
  return best * METRES_PER_DEGREE;
}

/** Distance from point p to the segment from the origin to b. */
function distanceToSegment(px: number, py: number, bx: number, by: number): number {
  const lengthSquared = bx * bx + by * by;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, (px * bx + py * by) / lengthSquared));
  return Math.hypot(px - t * bx, py - t * by);
}

/** Metres to degrees of latitude, for widening a search box. */
export function metresToDegrees(metres: number): number {
  return metres / METRES_PER_DEGREE;
}
