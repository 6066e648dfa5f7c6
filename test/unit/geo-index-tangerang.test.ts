// The index on the bundled (simplified) Kota Tangerang boundaries: every kecamatan and
// kelurahan finds itself, real landmarks land where they are, and places outside do not.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildGeoIndex } from '../../server/domain/geo-index.ts';

const folder = new URL('../../cities/kota-tangerang/', import.meta.url);
const read = (name: string): FeatureCollection => JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as FeatureCollection;
const kecamatan = read('kecamatan.geojson');
const kelurahan = read('kelurahan.geojson');
const geo = buildGeoIndex(kecamatan, kelurahan);

const KECAMATAN_CODES = Array.from({ length: 13 }, (_, i) => `36.71.${String(i + 1).padStart(2, '0')}`);

describe('GeoIndex on Kota Tangerang', () => {
  it('has the 13 kecamatan 36.71.01 to 36.71.13', () => {
    expect(geo.codes()).toEqual(KECAMATAN_CODES);
  });

  it.each(KECAMATAN_CODES)('locates the interior point of kecamatan %s in it', (code) => {
    const point = geo.centroidOf(code);
    expect(point).not.toBeNull();
    const [lat, lon] = point ?? [0, 0];
    expect(geo.locate(lat, lon)?.kecamatan).toBe(code);
  });

  it('locates the interior point of each of the 104 kelurahan in that kelurahan and its kecamatan', () => {
    const wrong: string[] = [];
    for (const feature of kelurahan.features) {
      const code = String(feature.properties?.['code']);
      const [lat, lon] = geo.centroidOf(code) ?? [0, 0];
      const found = geo.locate(lat, lon);
      if (found?.kelurahan !== code || found.kecamatan !== code.slice(0, 8)) wrong.push(code);
    }
    expect(kelurahan.features).toHaveLength(104);
    expect(wrong).toEqual([]);
  });

  it.each([
    // [place, lat, lon, kecamatan, kelurahan]: Sukasari and Sukarasa (Tangerang), Pajang (Benda)
    ['Pusat Pemerintahan Kota Tangerang (city hall)', -6.17813, 106.63176, '36.71.01', '36.71.01.1007'],
    ["Masjid Raya Al-A'zhom", -6.17727, 106.63271, '36.71.01', '36.71.01.1001'],
    ['Soekarno-Hatta airport, terminal 1', -6.1256, 106.6559, '36.71.04', '36.71.04.1004'],
    ['Soekarno-Hatta airport, terminal 3', -6.1197, 106.6657, '36.71.04', '36.71.04.1004'],
  ] as const)('puts %s in its kecamatan', (_place, lat, lon, kecamatanCode, kelurahanCode) => {
    expect(geo.locate(lat, lon)).toEqual({ kecamatan: kecamatanCode, kelurahan: kelurahanCode });
  });

  it('gives a point where two kecamatan overlap to the lower code', () => {
    // Found by probing around the vertices of the simplified polygons: inside both
    // 36.71.01 Tangerang and 36.71.09 Cibodas.
    const [lat, lon] = [-6.21198, 106.61987];
    const containing = kecamatan.features
      .filter((f) => booleanPointInPolygon([lon, lat], f.geometry as Polygon))
      .map((f) => f.properties?.['code']);
    expect(containing).toEqual(['36.71.01', '36.71.09']);
    expect(geo.locate(lat, lon)?.kecamatan).toBe('36.71.01');
  });

  it.each([
    ['Monas, Jakarta', -6.1754, 106.8272],
    ['BSD, Kota Tangerang Selatan', -6.3017, 106.6522],
    ['Supermal Karawaci, Kabupaten Tangerang', -6.2265, 106.608],
    ['the Java Sea north of the airport', -6.05, 106.65],
    ['Gedung Sate, Bandung', -6.9025, 107.6188],
  ] as const)('returns null for %s', (_place, lat, lon) => {
    expect(geo.locate(lat, lon)).toBeNull();
  });
});
