// Point-in-polygon against a city's kecamatan (and optionally kelurahan) boundaries.
//
// Two imperfections of real boundary data shape the rules below:
// - neighbouring polygons overlap slightly along shared edges (digitising slivers), so a point
//   can sit in two regions: the first in code order wins, whatever the order of the features;
// - the bundled boundaries are simplified for the wire, so neighbours no longer share their
//   edges exactly and thin gaps open between them (and along the city edge): a point in no
//   polygon but within `snapMetres` of one is assigned to the nearest. That distance is of the
//   order of the simplification tolerance, well under the accuracy of a caller's GPS fix.
import type { FeatureCollection } from 'geojson';
import { buildGeoLayer, type GeoLayer, type Region } from './geo-layer.ts';

export interface GeoIndex {
  /** Kecamatan (and kelurahan, when known) at a point; null outside the city. */
  locate(lat: number, lon: number): { kecamatan: string; kelurahan: string | null } | null;
  /** [lat, lon] of a point inside the kecamatan or kelurahan with this code. */
  centroidOf(code: string): [number, number] | null;
  /** [minLon, minLat, maxLon, maxLat] of the kecamatan or kelurahan with this code. */
  bboxOf(code: string): [number, number, number, number] | null;
  /** Kecamatan codes, sorted. */
  codes(): string[];
}

export interface GeoIndexOptions {
  /** How far outside every polygon a point may be and still be assigned (default 30 m). */
  snapMetres?: number;
}

const DEFAULT_SNAP_METRES = 30;

export function buildGeoIndex(kecamatan: FeatureCollection, kelurahan?: FeatureCollection, options: GeoIndexOptions = {}): GeoIndex {
  const snapMetres = options.snapMetres ?? DEFAULT_SNAP_METRES;
  const kecamatanLayer = buildGeoLayer(kecamatan, null);
  const kelurahanLayer = kelurahan === undefined ? null : buildGeoLayer(kelurahan, 'kecamatan');
  const byCode = new Map<string, Region>();
  for (const region of [...kecamatanLayer.regions, ...(kelurahanLayer?.regions ?? [])]) {
    if (!byCode.has(region.code)) byCode.set(region.code, region);
  }
  const codes = kecamatanLayer.regions.map((region) => region.code);

  return {
    locate(lat, lon) {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
      const kec = locateKecamatan(kecamatanLayer, kelurahanLayer, lon, lat, snapMetres);
      if (kec === null) return null;
      const kel = kelurahanLayer === null ? null : locateIn(kelurahanLayer, lon, lat, snapMetres, (r) => r.parent === kec);
      return { kecamatan: kec, kelurahan: kel?.code ?? null };
    },
    centroidOf(code) {
      const region = byCode.get(code);
      return region === undefined ? null : [region.interior[1], region.interior[0]];
    },
    bboxOf(code) {
      const region = byCode.get(code);
      return region === undefined ? null : [...region.bbox];
    },
    codes: () => [...codes],
  };
}

function locateKecamatan(
  kecamatan: GeoLayer,
  kelurahan: GeoLayer | null,
  lon: number,
  lat: number,
  snapMetres: number,
): string | null {
  const inside = kecamatan.containing(lon, lat)[0];
  if (inside !== undefined) return inside.code;
  // Kelurahan polygons are simplified separately, so they may still cover a gap between kecamatan.
  const viaKelurahan = kelurahan?.containing(lon, lat)[0];
  if (viaKelurahan !== undefined && viaKelurahan.parent !== null) return viaKelurahan.parent;
  return kecamatan.nearest(lon, lat, snapMetres, () => true)?.code ?? null;
}

function locateIn(layer: GeoLayer, lon: number, lat: number, snapMetres: number, accept: (region: Region) => boolean): Region | null {
  return layer.containing(lon, lat).find(accept) ?? layer.nearest(lon, lat, snapMetres, accept);
}
