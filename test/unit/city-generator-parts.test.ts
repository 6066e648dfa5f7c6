// The pure pieces of the city generator: feature matching, population CSV, map view, zones.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { exampleApps } from '../../server/city/generator/app-examples.ts';
import { titleCase } from '../../server/city/generator/build-city.ts';
import { mapViewForBbox } from '../../server/city/generator/map-view.ts';
import { matchFeatures, normaliseName, type SourceFeature } from '../../server/city/generator/match-features.ts';
import { parsePopulationsCsv } from '../../server/city/generator/populations-csv.ts';
import { timezoneForProvince } from '../../server/city/generator/profile-defaults.ts';
import { parseWilayahSql } from '../../server/city/generator/wilayah-sql.ts';
import { readFileSync } from 'node:fs';

const geometry: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
const feature = (properties: Record<string, unknown>): SourceFeature => ({ type: 'Feature', properties, geometry });

describe('matchFeatures', () => {
  const kecamatan = [{ code: '32.73.10', name: 'Astana Anyar' }, { code: '32.73.11', name: 'Regol' }];

  it('matches dotted or digits-only codes first, then names without case, spaces or prefixes', () => {
    const report = matchFeatures(
      [feature({ kode: '327311' }), feature({ NAMOBJ: 'KEC. ASTANAANYAR' })],
      kecamatan,
    );
    expect(report.matched.map((m) => [m.area.code, m.by, m.sourceName])).toEqual([
      ['32.73.10', 'name', null],
      ['32.73.11', 'code', null],
    ]);
    expect(report.unmatchedFeatures).toEqual([]);
    expect(report.missingAreas).toEqual([]);
  });

  it('tells namesakes apart by the enclosing area, and reports what it cannot match', () => {
    const kelurahan = [
      { code: '36.71.01.1007', name: 'Sukasari', parent: '36.71.01' },
      { code: '36.71.09.1001', name: 'Sukasari', parent: '36.71.09' },
      { code: '36.71.09.1002', name: 'Cibodas', parent: '36.71.09' },
    ];
    const parents = new Map<SourceFeature, string>();
    const first = feature({ name: 'Sukasari' });
    const second = feature({ name: 'SUKASARI' });
    parents.set(first, '36.71.09');
    const report = matchFeatures([first, second, feature({ name: 'Atlantis' }), feature({})], kelurahan, (f) => parents.get(f) ?? null);
    expect(report.matched.map((m) => [m.area.code, m.featureIndex])).toEqual([['36.71.09.1001', 0]]);
    expect(report.unmatchedFeatures.map((f) => f.reason)).toEqual([
      'several areas named "SUKASARI"',
      'no area named "Atlantis"',
      'no code or name property',
    ]);
    expect(report.missingAreas.map((a) => a.code)).toEqual(['36.71.01.1007', '36.71.09.1002']);
  });

  it('reports a code matched by several features', () => {
    const report = matchFeatures([feature({ code: '32.73.11' }), feature({ name: 'Regol' })], kecamatan);
    expect(report.duplicates).toEqual([{ code: '32.73.11', featureIndexes: [0, 1] }]);
    expect(report.matched).toEqual([]);
  });

  it('normalises names', () => {
    expect(normaliseName('Kecamatan Bojongloa  Kaler')).toBe('bojongloakaler');
    expect(normaliseName('KEL. Pasir-Jaya')).toBe('pasirjaya');
  });
});

describe('parsePopulationsCsv', () => {
  it('reads code, population (empty for unknown) and a source that may contain commas', () => {
    const rows = parsePopulationsCsv('code,population,source\n# a comment\n32.73.01,77576,BPS, 2022\n32.73.02,,placeholder\n');
    expect([...rows]).toEqual([
      ['32.73.01', { population: 77576, source: 'BPS, 2022' }],
      ['32.73.02', { population: null, source: 'placeholder' }],
    ]);
  });

  it.each([
    ['code,population,source\n32.73,1,x', 'populations line 2: expected a kecamatan code such as 32.73.01, got "32.73,1,x"'],
    ['code,population,source\n32.73.01,-5,x', 'populations line 2: population must be a positive whole number or empty, got "-5"'],
    ['code,population,source\n32.73.01,5', 'populations line 2: every row needs a source'],
    ['code,population,source\n32.73.01,5,x\n32.73.01,6,y', 'populations line 3: 32.73.01 appears twice'],
  ])('rejects %j', (text, message) => {
    expect(() => parsePopulationsCsv(text)).toThrow(message);
  });
});

describe('profile defaults', () => {
  it('centres the map on the bounding box at a city-sized zoom', () => {
    expect(mapViewForBbox([106.551454, -6.256101, 106.748623, -6.097069])).toEqual({ center: [-6.17658, 106.65004], zoom: 12 });
  });

  it('picks the time zone of the province', () => {
    expect(timezoneForProvince('36')).toEqual({ timezone: 'Asia/Jakarta', timezoneLabel: 'WIB' });
    expect(timezoneForProvince('61')).toEqual({ timezone: 'Asia/Pontianak', timezoneLabel: 'WIB' });
    expect(timezoneForProvince('51')).toEqual({ timezone: 'Asia/Makassar', timezoneLabel: 'WITA' });
    expect(timezoneForProvince('73')).toEqual({ timezone: 'Asia/Makassar', timezoneLabel: 'WITA' });
    expect(timezoneForProvince('94')).toEqual({ timezone: 'Asia/Jayapura', timezoneLabel: 'WIT' });
  });

  it('title-cases official upper-case names', () => {
    expect(titleCase('KOTA BANDUNG')).toBe('Kota Bandung');
    expect(titleCase('DKI JAKARTA')).toBe('DKI Jakarta');
  });
});

describe('exampleApps', () => {
  it('is deterministic, labelled as examples, with unique ids', () => {
    const apps = exampleApps({ count: 180 });
    expect(exampleApps({ count: 180 })).toEqual(apps);
    expect(new Set(apps.map((a) => a.id)).size).toBe(180);
    expect(apps.every((a) => !a.real && a.name.startsWith('Contoh: '))).toBe(true);
  });

  it('fails loudly when asked for more than it has', () => {
    expect(() => exampleApps({ count: 10_000 })).toThrow(/example services are defined, 10000 asked/);
  });
});

describe('parseWilayahSql (the SQL of cahyadsn/wilayah_boundaries)', () => {
  const text = readFileSync(new URL('../fixtures/wilayah/kec-32-excerpt.sql', import.meta.url), 'utf8');

  it('reads a polygon and a multipolygon row, swapping [lat, lng] to [lon, lat] and closing rings', () => {
    const [margahayu, majalaya] = parseWilayahSql(text);
    expect(margahayu?.properties).toEqual({ code: '32.04.09', name: 'Margahayu' });
    expect(margahayu?.geometry.type).toBe('Polygon');
    expect(majalaya?.properties).toEqual({ code: '32.04.33', name: 'Majalaya' });
    expect(majalaya?.geometry.type).toBe('MultiPolygon');
    const first = (margahayu?.geometry.type === 'Polygon' ? margahayu.geometry.coordinates[0]?.[0] : undefined) ?? [];
    // Kabupaten Bandung lies near 107.6° E, 7.0° S.
    expect(first[0]).toBeGreaterThan(107);
    expect(first[1]).toBeLessThan(-6.9);
    for (const f of [margahayu, majalaya]) {
      const rings = f?.geometry.type === 'Polygon' ? f.geometry.coordinates : f?.geometry.coordinates.flat() ?? [];
      for (const r of rings) expect(r[0]).toEqual(r[r.length - 1]);
    }
  });

  it('names the row it cannot read', () => {
    expect(() => parseWilayahSql("('32.04.01','X',1,2,'[[[1]]]')")).toThrow('32.04.01');
  });
});
