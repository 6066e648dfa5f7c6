// Where to put a kecamatan's name and its location-less incidents: a point well inside the
// polygon. The area centroid falls outside concave shapes (several Tangerang kecamatan bend
// around a river), so this searches for the interior point farthest from any edge (the "pole
// of inaccessibility") by subdividing cells, best-first, until the gain drops under a precision.
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/** [lon, lat], GeoJSON order. */
export type LonLat = [number, number];
type Ring = readonly Position[];
type XY = readonly [number, number];

interface Cell {
  x: number;
  y: number;
  /** Half the cell's side. */
  h: number;
  /** Signed distance from the centre to the polygon's edge (positive inside). */
  d: number;
  /** Upper bound of the distance any point in the cell could reach. */
  max: number;
}

const MAX_PROBES = 20_000;

export function labelPoint(geometry: Polygon | MultiPolygon): LonLat | null {
  const polygon = geometry.type === 'Polygon' ? geometry.coordinates : largestPolygon(geometry.coordinates);
  const outer = polygon?.[0];
  if (!polygon || !outer || outer.length === 0) return null;

  // Degrees of longitude shrink with latitude; working in a locally equal-area plane keeps
  // "farthest from the edge" honest away from the equator.
  const bbox = ringBBox(outer);
  const kx = Math.cos(((bbox.minY + bbox.maxY) / 2) * (Math.PI / 180));
  const rings: XY[][] = polygon.map((ring) => ring.map((p) => [(p[0] ?? 0) * kx, p[1] ?? 0] as const));
  const minX = bbox.minX * kx;
  const maxX = bbox.maxX * kx;
  const width = maxX - minX;
  const height = bbox.maxY - bbox.minY;
  const size = Math.min(width, height);
  const first = outer[0];
  if (size <= 0 || !first) return first ? [first[0] ?? 0, first[1] ?? 0] : null;

  const precision = Math.max(width, height) / 1000;
  const queue = new MaxHeap<Cell>((c) => c.max);
  const h = size / 2;
  for (let x = minX; x < maxX; x += size) {
    for (let y = bbox.minY; y < bbox.maxY; y += size) queue.push(makeCell(x + h, y + h, h, rings));
  }
  const centroid = areaCentroid(rings[0] ?? []);
  let best = makeCell(centroid[0], centroid[1], 0, rings);
  const middle = makeCell(minX + width / 2, bbox.minY + height / 2, 0, rings);
  if (middle.d > best.d) best = middle;

  let probes = 0;
  for (let cell = queue.pop(); cell && probes < MAX_PROBES; cell = queue.pop()) {
    if (cell.d > best.d) best = cell;
    if (cell.max - best.d <= precision) continue;
    const q = cell.h / 2;
    for (const [dx, dy] of [[-q, -q], [q, -q], [-q, q], [q, q]] as const) {
      queue.push(makeCell(cell.x + dx, cell.y + dy, q, rings));
    }
    probes += 4;
  }
  return [best.x / kx, best.y];
}

/** Label point of every feature with a string `properties.code`, as [lon, lat]. */
export function labelPointsByCode(boundaries: FeatureCollection | null): Map<string, LonLat> {
  const out = new Map<string, LonLat>();
  for (const feature of boundaries?.features ?? []) {
    const code: unknown = feature.properties?.['code'];
    const g = feature.geometry;
    if (typeof code !== 'string' || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const p = labelPoint(g);
    if (p) out.set(code, p);
  }
  return out;
}

/** Even-odd point-in-polygon over all rings, so holes count as outside. */
export function pointInRings(x: number, y: number, rings: readonly (readonly XY[] | Ring)[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (!a || !b) continue;
      const ax = a[0] ?? 0, ay = a[1] ?? 0, bx = b[0] ?? 0, by = b[1] ?? 0;
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
    }
  }
  return inside;
}

function makeCell(x: number, y: number, h: number, rings: readonly XY[][]): Cell {
  const d = signedDistance(x, y, rings);
  return { x, y, h, d, max: d + h * Math.SQRT2 };
}

function signedDistance(x: number, y: number, rings: readonly XY[][]): number {
  let min = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      if (a && b) min = Math.min(min, segmentDistanceSq(x, y, a, b));
    }
  }
  const d = Math.sqrt(min);
  return pointInRings(x, y, rings) ? d : -d;
}

function segmentDistanceSq(px: number, py: number, a: XY, b: XY): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) { x = b[0]; y = b[1]; } else if (t > 0) { x += dx * t; y += dy * t; }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

function areaCentroid(ring: readonly XY[]): XY {
  let area = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const f = a[0] * b[1] - b[0] * a[1];
    cx += (a[0] + b[0]) * f;
    cy += (a[1] + b[1]) * f;
    area += f * 3;
  }
  const p = ring[0];
  if (area === 0) return p ?? [0, 0];
  return [cx / area, cy / area];
}

function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a && b) sum += ((b[0] ?? 0) - (a[0] ?? 0)) * ((a[1] ?? 0) + (b[1] ?? 0));
  }
  return Math.abs(sum / 2);
}

function largestPolygon(polygons: Position[][][]): Position[][] | undefined {
  let best: Position[][] | undefined;
  let bestArea = -1;
  for (const polygon of polygons) {
    const area = polygon[0] ? ringArea(polygon[0]) : 0;
    if (area > bestArea) { best = polygon; bestArea = area; }
  }
  return best;
}

function ringBBox(ring: Ring): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const p of ring) {
    const x = p[0] ?? 0, y = p[1] ?? 0;
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}

class MaxHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly score: (item: T) => number) {}

  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (this.score(p) >= this.score(item)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let mScore = this.score(last);
      const li = items[l];
      const ri = items[r];
      if (l < n && li !== undefined && this.score(li) > mScore) { m = l; mScore = this.score(li); }
      if (r < n && ri !== undefined && this.score(ri) > mScore) m = r;
      if (m === i) break;
      items[i] = items[m] as T;
      i = m;
    }
    items[i] = last;
    return top;
  }
}
