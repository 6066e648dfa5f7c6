// The city generator on the real Kota Bandung boundaries (../shared/geo, readable by tests
// only): it matches every feature, writes a folder the loader accepts, and reproduces the
// bundled cities/kota-bandung boundaries.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCityProfile } from '../../server/city/load-profile.ts';
import { generateCity, STARTER_APP_COUNT } from '../../scripts/generate-city.ts';

const GEO = fileURLToPath(new URL('../../../shared/geo/', import.meta.url));
const BUNDLED = fileURLToPath(new URL('../../cities/kota-bandung/', import.meta.url));
const input = {
  bps: '32.73',
  boundaries: join(GEO, 'kota-bandung-kecamatan.geojson'),
  kelurahan: join(GEO, 'kota-bandung-kelurahan.geojson'),
  populations: join(BUNDLED, 'populations.csv'),
};

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'pantau-generate-city-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** A copy of a source GeoJSON with its features changed, in the temp folder. */
async function variant(source: string, name: string, change: (features: { properties: Record<string, unknown> }[]) => unknown[]): Promise<string> {
  const collection = JSON.parse(await readFile(source, 'utf8')) as { features: { properties: Record<string, unknown> }[] };
  const path = join(out, name);
  await writeFile(path, JSON.stringify({ type: 'FeatureCollection', features: change(collection.features) }));
  return path;
}

describe('generateCity on Kota Bandung', () => {
  it('matches all 30 kecamatan and 151 kelurahan by code and writes a loadable folder', { timeout: 30_000 }, async () => {
    const result = await generateCity({ ...input, out });
    expect(result.written).toEqual(['profile.json', 'kecamatan.geojson', 'kelurahan.geojson', 'apps.json', 'ATTRIBUTION.md', 'CHECKLIST.md']);
    expect(result.report).toEqual([
      'Kota Bandung (32.73), id kota-bandung',
      'kecamatan: 30 matched (30 by code, 0 by name), 0 features unmatched, 0 codes without a feature, 0 codes with several features',
      'kelurahan: 151 matched (151 by code, 0 by name), 0 features unmatched, 0 codes without a feature, 0 codes with several features',
      '  32.73.23.1004 Mekarmulya: the source calls it "Mekar Jaya"',
      'populations: 30 known, 0 placeholders',
      'result: complete',
    ]);

    const city = await loadCityProfile(out);
    expect(city.profile).toMatchObject({
      id: 'kota-bandung', name: 'Kota Bandung', province: 'Jawa Barat', timezone: 'Asia/Jakarta', timezoneLabel: 'WIB',
      map: { center: [-6.90318, 107.64255], zoom: 12 },
      queues: { '112': '112', '119': '119' },
      targets: { sl15: 0.9, sl20: 0.95, asaSeconds: 10, abandonmentRate: 0.05, responseMinutes: 15 },
    });
    expect(city.profile.kecamatan[0]).toMatchObject({ code: '32.73.01', name: 'Sukasari', population: 77576 });
    // A starter catalog, so the new wall's app grid is not empty; every app marked as an example.
    expect(city.apps).toHaveLength(STARTER_APP_COUNT);
    expect(city.apps.every((a) => !a.real && a.name.startsWith('Contoh: '))).toBe(true);
    expect(city.geo.locate(-6.9025, 107.6188)?.kecamatan).toBe('32.73.09'); // Gedung Sate, Bandung Wetan
    expect(city.geo.locate(-6.8915, 107.6107)?.kecamatan).toBe('32.73.02'); // ITB, Coblong
    expect(city.geo.locate(-6.1754, 106.8272)).toBeNull(); // Monas, Jakarta

    for (const name of ['kecamatan.geojson', 'kelurahan.geojson']) {
      expect(await readFile(join(out, name), 'utf8'), `${name} differs from the bundled one`).toBe(await readFile(join(BUNDLED, name), 'utf8'));
    }
    const bundled = JSON.parse(await readFile(join(BUNDLED, 'profile.json'), 'utf8')) as Record<string, unknown>;
    expect(city.profile.kecamatan).toEqual(bundled['kecamatan']);
    expect(city.profile.kelurahan).toEqual(bundled['kelurahan']);
  });

  it('keeps an existing apps.json', { timeout: 30_000 }, async () => {
    await writeFile(join(out, 'apps.json'), '{"apps":[]}\n// mine');
    const result = await generateCity({ ...input, out });
    expect(result.written).not.toContain('apps.json');
    expect(await readFile(join(out, 'apps.json'), 'utf8')).toBe('{"apps":[]}\n// mine');
  });

  it('matches by name when the features carry no code', { timeout: 30_000 }, async () => {
    const boundaries = await variant(input.boundaries, 'kec-names.geojson', (features) =>
      features.map((f) => ({ ...f, properties: { NAMOBJ: `Kecamatan ${String(f.properties['name']).toUpperCase()}` } })),
    );
    const kelurahan = await variant(input.kelurahan, 'kel-names.geojson', (features) =>
      features.map((f) => ({ ...f, properties: { nama: f.properties['name'] } })),
    );
    const result = await generateCity({ bps: '32.73', boundaries, kelurahan, out });
    expect(result.report[1]).toBe(
      'kecamatan: 30 matched (0 by code, 30 by name), 0 features unmatched, 0 codes without a feature, 0 codes with several features',
    );
    // The one kelurahan the source names differently cannot be found by name.
    expect(result.report).toContain(
      'kelurahan: 150 matched (0 by code, 150 by name), 1 features unmatched, 1 codes without a feature, 0 codes with several features',
    );
    expect(result.report).toContain('  unmatched feature #121 (code -, name Mekar Jaya): no area named "Mekar Jaya"');
    expect(result.report).toContain('  no feature for 32.73.23.1004 Mekarmulya');
    expect(result.report).toContain('populations: 0 known, 30 placeholders');
    expect(result.written).toContain('profile.json');
  });

  it('writes nothing when a kecamatan has no feature, and reports features of other places', { timeout: 30_000 }, async () => {
    const boundaries = await variant(input.boundaries, 'kec-partial.geojson', (features) => [
      ...features.filter((f) => f.properties['code'] !== '32.73.30'),
      { ...features[0], properties: { code: '32.74.01', name: 'Elsewhere' } },
    ]);
    const result = await generateCity({ bps: '32.73', boundaries, out });
    expect(result.city.complete).toBe(false);
    expect(result.written).toEqual([]);
    // Another kab/kota's feature (32.74) is skipped and counted, as in a province-wide file.
    expect(result.report).toContain('skipped 1 feature of other kab/kota in the boundary files');
    expect(result.report).toContain('  no feature for 32.73.30 Mandalajati');
    expect(result.report).toContain('result: INCOMPLETE, the folder would not load (see above)');
  });

  it('refuses to rewrite a folder that holds a profile, unless forced, and keeps its apps.json then', { timeout: 30_000 }, async () => {
    await generateCity({ ...input, out });
    await writeFile(join(out, 'apps.json'), '{"apps":[]}\n');
    await expect(generateCity({ ...input, out })).rejects.toThrow(/already holds a city profile.*--force/);
    const forced = await generateCity({ ...input, out, force: true });
    expect(forced.written).toContain('profile.json');
    expect(forced.written).not.toContain('apps.json');
    expect(await readFile(join(out, 'apps.json'), 'utf8')).toBe('{"apps":[]}\n');
    expect(await readFile(join(out, 'CHECKLIST.md'), 'utf8')).toContain("- [x] **Apps** (`apps.json`): the folder's own catalog was kept.");
  });

  it('refuses an unknown regency code', async () => {
    await expect(generateCity({ ...input, bps: '99.99', out })).rejects.toThrow('--bps 99.99: no regency with that code in idn-area-data');
  });
});

describe('generateCity from the province file shipped in geo/banten', () => {
  const BANTEN = fileURLToPath(new URL('../../geo/banten/', import.meta.url));

  it('keeps only the kab/kota asked for, copies the boundaries\' attribution and lists what to fill in', { timeout: 30_000 }, async () => {
    const result = await generateCity({ bps: '36.73', boundaries: join(BANTEN, 'kecamatan.geojson'), out });
    expect(result.report.slice(0, 3)).toEqual([
      'Kota Serang (36.73), id kota-serang',
      'skipped 149 features of other kab/kota in the boundary files',
      'kecamatan: 6 matched (6 by code, 0 by name), 0 features unmatched, 0 codes without a feature, 0 codes with several features',
    ]);
    const city = await loadCityProfile(out);
    expect(city.profile).toMatchObject({ id: 'kota-serang', name: 'Kota Serang', province: 'Banten', timezoneLabel: 'WIB' });
    expect(city.geo.locate(-6.1201, 106.1503)?.kecamatan).toBe('36.73.01'); // Alun-alun Kota Serang, Serang
    const attribution = await readFile(join(out, 'ATTRIBUTION.md'), 'utf8');
    expect(attribution).toContain('idn-area-data');
    expect(attribution).toContain('cahyadsn/wilayah_boundaries');
    expect(attribution).toContain('Copyright (c) 2024 Cahya DSN');
    const todo = await readFile(join(out, 'CHECKLIST.md'), 'utf8');
    expect(todo).toContain('6 of 6 are placeholders');
    expect(todo).toContain(`- [ ] **Apps** (\`apps.json\`): ${STARTER_APP_COUNT} examples`);
  });
});
