// The CAP <area> of an alert: the kecamatan's polygon(s) when the alert concerns one (a
// complaint spike, or a detail naming a kecamatan), otherwise a circle around the city's map
// centre that reaches its farthest boundary point. CAP writes points as "lat,lon" (WGS 84) and
// circles as "lat,lon radius-km"; a polygon's first and last points are the same.
import type { FeatureCollection, Position } from 'geojson';
import type { AlertView } from '../../../shared/contract/views.ts';

export interface CapArea {
  areaDesc: string;
  polygons: string[];
  circle: string | null;
  /** BPS codes as CAP geocodes (valueName "BPS"). */
  geocodes: string[];
}

export interface AreaIndex {
  /** The city as a circle, and each kecamatan's polygons and name. */
  city: { name: string; circle: string; bpsCode: string };
  kecamatan: ReadonlyMap<string, { name: string; polygons: string[] }>;
}

const pt = (p: Position): string => `${(p[1] ?? 0).toFixed(5)},${(p[0] ?? 0).toFixed(5)}`;

/** Outer rings only: CAP polygons have no holes. */
function outerRings(geometry: FeatureCollection['features'][number]['geometry']): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates.slice(0, 1);
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.map((p) => p[0]).filter((r): r is Position[] => r !== undefined);
  return [];
}

function ringText(ring: readonly Position[]): string | null {
  const pts = ring.map(pt);
  if (pts.length > 0 && pts[0] !== pts[pts.length - 1]) pts.push(pts[0] ?? '');
  return pts.length >= 4 ? pts.join(' ') : null;
}

const EARTH_KM = 6371.0088;
function km(a: readonly [number, number], b: Position): number {
  const rad = Math.PI / 180;
  const dLat = ((b[1] ?? 0) - a[0]) * rad;
  const dLon = ((b[0] ?? 0) - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos((b[1] ?? 0) * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function buildAreaIndex(
  city: { name: string; bpsCode: string; center: readonly [number, number]; kecamatan: readonly { code: string; name: string }[] },
  geo: FeatureCollection,
): AreaIndex {
  const names = new Map(city.kecamatan.map((k) => [k.code, k.name]));
  const kecamatan = new Map<string, { name: string; polygons: string[] }>();
  let radius = 0;
  for (const f of geo.features) {
    const code = String((f.properties as { code?: unknown } | null)?.code ?? '');
    const rings = outerRings(f.geometry);
    for (const r of rings) for (const p of r) radius = Math.max(radius, km(city.center, p));
    const polygons = rings.map(ringText).filter((t): t is string => t !== null);
    if (code !== '' && polygons.length > 0) kecamatan.set(code, { name: names.get(code) ?? code, polygons });
  }
  const [lat, lon] = city.center;
  return { city: { name: city.name, bpsCode: city.bpsCode, circle: `${lat.toFixed(5)},${lon.toFixed(5)} ${Math.max(1, Math.ceil(radius)).toFixed(1)}` }, kecamatan };
}

/** The kecamatan an alert concerns, if any. */
export function alertKecamatan(alert: AlertView): string | null {
  if (alert.kind === 'complaint-spike') return alert.subject;
  const k = alert.detail.kecamatan;
  return typeof k === 'string' ? k : null;
}

export function areaOf(alert: AlertView, index: AreaIndex): CapArea {
  const code = alertKecamatan(alert);
  const kec = code === null ? undefined : index.kecamatan.get(code);
  if (kec && code !== null) return { areaDesc: `Kecamatan ${kec.name}, ${index.city.name}`, polygons: kec.polygons, circle: null, geocodes: [code] };
  return { areaDesc: index.city.name, polygons: [], circle: index.city.circle, geocodes: [index.city.bpsCode] };
}
