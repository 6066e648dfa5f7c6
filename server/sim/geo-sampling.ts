// Random points inside a kecamatan, for SimCity.pointIn: rejection sampling in the bounding
// box against point-in-polygon, which is uniform over the real shape however odd it is.
import type { GeoIndex } from '../domain/geo-index.ts';

type Geo = Pick<GeoIndex, 'bboxOf' | 'locate' | 'centroidOf'>;

/** Thin or ragged kecamatan can fill little of their box; past this many misses, use the centroid. */
const MAX_TRIES = 40;

export function pointSampler(geo: Geo): (code: string, rng: () => number) => { lat: number; lon: number } | null {
  return (code, rng) => {
    const box = geo.bboxOf(code);
    if (box === null) return null;
    const [minLon, minLat, maxLon, maxLat] = box;
    for (let i = 0; i < MAX_TRIES; i++) {
      const lat = minLat + (maxLat - minLat) * rng();
      const lon = minLon + (maxLon - minLon) * rng();
      if (geo.locate(lat, lon)?.kecamatan === code) return { lat, lon };
    }
    const c = geo.centroidOf(code);
    return c === null ? null : { lat: c[0], lon: c[1] };
  };
}
