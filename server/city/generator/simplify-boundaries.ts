// Boundaries for the wire: fewer vertices (Douglas-Peucker via @turf/simplify), coordinates
// rounded to 5 decimals (about 1 m, far below the tolerance), and only the properties the
// dashboard reads.
import { simplify } from '@turf/simplify';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export interface WireProperties {
  code: string;
  name: string;
  kecamatan?: string;
}
export type WireFeature = Feature<Polygon | MultiPolygon, WireProperties>;
export type WireCollection = FeatureCollection<Polygon | MultiPolygon, WireProperties>;

/** Degrees; about 22 m for kecamatan and 33 m for kelurahan at Indonesian latitudes. */
export const KECAMATAN_TOLERANCE = 0.0002;
export const KELURAHAN_TOLERANCE = 0.0003;

export function simplifyForWire(features: readonly WireFeature[], tolerance: number): WireCollection {
  return {
    type: 'FeatureCollection',
    features: features.map((feature) => {
      const simplified = simplify(structuredClone(feature.geometry), { tolerance, highQuality: true, mutate: true });
      const geometry: Polygon | MultiPolygon =
        simplified.type === 'Polygon'
          ? { type: 'Polygon', coordinates: simplified.coordinates.map(roundRing) }
          : { type: 'MultiPolygon', coordinates: simplified.coordinates.map((polygon) => polygon.map(roundRing)) };
      return { type: 'Feature', properties: { ...feature.properties }, geometry };
    }),
  };
}

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [lon = 0, lat = 0] of ring) {
    const point = [round5(lon), round5(lat)];
    const last = out[out.length - 1];
    // Rounding can merge neighbouring vertices; a repeated vertex is noise on the wire.
    if (last === undefined || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
