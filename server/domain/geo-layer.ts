// One layer of regions (all kecamatan, or all kelurahan) behind a Flatbush index of their
// bounding boxes, so a lookup tests only the few polygons whose box holds the point.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { interiorPoint } from './geo-interior-point.ts';
import { bboxOfGeometry, distanceToRingsMetres, metresToDegrees, polygonsOf } from './geo-planar.ts';

export interface Region {
  code: string;
  /** Code of the enclosing region (the kecamatan of a kelurahan), or null. */
  parent: string | null;
  geometry: Polygon | MultiPolygon;
  bbox: [number, number, number, number];
  /** [lon, lat] inside the region. */
  interior: [number, number];
}

export interface GeoLayer {
  /** Regions sorted by code; the position in this array is the Flatbush item id. */
  regions: readonly Region[];
  /** Regions containing the point, in code order. */
  containing(lon: number, lat: number): Region[];
  /** The region whose edge is nearest to the point, if within maxMetres; ties go to the lower code. */
  nearest(lon: number, lat: number, maxMetres: number, accept: (region: Region) => boolean): Region | null;
}

export function buildGeoLayer(collection: FeatureCollection, parentProperty: string | null): GeoLayer {
  const regions = collection.features.map((feature, index) => toRegion(feature, index, parentProperty));
  // Code order makes "first match wins" deterministic where neighbouring polygons overlap.
  regions.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (let i = 1; i < regions.length; i++) {
    if (regions[i]?.code === regions[i - 1]?.code) throw new Error(`geo-index: code ${regions[i]?.code} appears twice`);
  }
  const tree = regions.length === 0 ? null : new Flatbush(regions.length);
  if (tree !== null) {
    for (const { bbox } of regions) tree.add(bbox[0], bbox[1], bbox[2], bbox[3]);
    tree.finish();
  }
  const candidates = (minLon: number, minLat: number, maxLon: number, maxLat: number): Region[] =>
    tree === null
      ? []
      : tree
          .search(minLon, minLat, maxLon, maxLat)
          .sort((a, b) => a - b)
          .flatMap((i) => regions[i] ?? []);

  return {
    regions,
    containing: (lon, lat) =>
      candidates(lon, lat, lon, lat).filter((region) => booleanPointInPolygon([lon, lat], region.geometry)),
    nearest(lon, lat, maxMetres, accept) {
      const dLat = metresToDegrees(maxMetres);
      const dLon = dLat / Math.cos((lat * Math.PI) / 180);
      let best: Region | null = null;
      let bestMetres = maxMetres;
      for (const region of candidates(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
        if (!accept(region)) continue;
        const metres = distanceToRingsMetres(lon, lat, polygonsOf(region.geometry).flat());
        if (metres <= bestMetres && (best === null || metres < bestMetres)) {
          best = region;
          bestMetres = metres;
        }
      }
      return best;
    },
  };
}

function toRegion(feature: FeatureCollection['features'][number], index: number, parentProperty: string | null): Region {
  const { geometry, properties } = feature;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    throw new Error(`geo-index: feature ${index} is a ${geometry.type}, not a Polygon or MultiPolygon`);
  }
  const code: unknown = properties?.['code'];
  if (typeof code !== 'string') throw new Error(`geo-index: feature ${index} has no string properties.code`);
  let parent: string | null = null;
  if (parentProperty !== null) {
    const value: unknown = properties?.[parentProperty];
    if (typeof value !== 'string') throw new Error(`geo-index: feature ${index} has no string properties.${parentProperty}`);
    parent = value;
  }
  return { code, parent, geometry, bbox: bboxOfGeometry(geometry), interior: interiorPoint(geometry) };
}
