// Reads boundary rows in the SQL form of cahyadsn/wilayah_boundaries (MIT; every province of
// Indonesia, db/kec/wilayah_boundaries_kec_<province>.sql and db/kel/<province>/…), so a
// kabupaten outside the files Pantau ships can pass that file to the generator as it is:
//   INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES
//     ('32.04.33','Majalaya',-7.05,107.74,'[[[[lat,lng],…]]],[[[lat,lng],…]]]'), …
// `path` holds the rings of one polygon ([[[lat,lng]…]…]) or of several ([[[[lat,lng]…]…]…]),
// points in [lat, lng] order; GeoJSON wants [lon, lat], so every point is swapped.
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { SourceFeature } from './match-features.ts';

const ROW = /\('(\d{2}(?:\.\d{2}){1,2}(?:\.\d{4})?)','((?:[^'\\]|\\.|'')*)',\s*(-?[\d.]+),\s*(-?[\d.]+),\s*'(\[[^']*\])'\)/g;

type Ring = Position[];

function isPoint(v: unknown): v is [number, number] {
  return Array.isArray(v) && v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number';
}

function ring(points: unknown, code: string): Ring {
  if (!Array.isArray(points) || !points.every(isPoint)) throw new Error(`${code}: a ring is not a list of [lat, lng] points`);
  const out: Ring = points.map(([lat, lng]) => [lng, lat]);
  const [first, last] = [out[0], out[out.length - 1]];
  // Some rows leave a ring open; GeoJSON closes every ring on its first point.
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0] as number, first[1] as number]);
  return out;
}

function geometry(path: unknown, code: string): Polygon | MultiPolygon {
  if (!Array.isArray(path) || path.length === 0) throw new Error(`${code}: empty path`);
  const depth3 = Array.isArray(path[0]) && isPoint((path[0] as unknown[])[0]);
  const polygons = (depth3 ? [path] : path) as unknown[];
  const coordinates = polygons.map((rings) => {
    if (!Array.isArray(rings)) throw new Error(`${code}: a polygon is not a list of rings`);
    return rings.map((r) => ring(r, code)).filter((r) => r.length >= 4);
  }).filter((p) => p.length > 0);
  if (coordinates.length === 0) throw new Error(`${code}: no ring with 3 or more points`);
  return coordinates.length === 1 ? { type: 'Polygon', coordinates: coordinates[0] as Ring[] } : { type: 'MultiPolygon', coordinates };
}

/** Every row of the file as a feature with `{ code, name }`; a row that cannot be read throws, naming its code. */
export function parseWilayahSql(text: string): SourceFeature[] {
  const features: SourceFeature[] = [];
  for (const m of text.matchAll(ROW)) {
    const [, code = '', rawName = '', , , path = '[]'] = m;
    const name = rawName.replace(/\\(.)/g, '$1').replace(/''/g, "'");
    features.push({ type: 'Feature', properties: { code, name }, geometry: geometry(JSON.parse(path) as unknown, code) });
  }
  return features;
}
