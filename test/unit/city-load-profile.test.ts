// loadCityProfile on the bundled profiles and on broken ones (test/fixtures/cities/*): each
// broken folder must stop with a message that names the file and the field.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CityProfileError, loadCityProfile } from '../../server/city/load-profile.ts';
import { findProjectRoot } from '../../server/city/resolve-profile-dir.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/cities/${name}`, import.meta.url));

async function loadError(nameOrPath: string): Promise<CityProfileError> {
  const error: unknown = await loadCityProfile(nameOrPath).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof CityProfileError)) throw new Error(`expected a CityProfileError, got ${String(error)}`);
  return error;
}

describe('loadCityProfile, bundled profiles', () => {
  it('loads kota-tangerang by name', async () => {
    const city = await loadCityProfile('kota-tangerang');
    expect(city.dir).toBe(fileURLToPath(new URL('../../cities/kota-tangerang', import.meta.url)));
    expect(city.profile).toMatchObject({ id: 'kota-tangerang', bpsCode: '36.71', timezone: 'Asia/Jakarta', timezoneLabel: 'WIB' });
    expect(city.profile.kecamatan.map((k) => k.name)).toEqual([
      'Tangerang', 'Jatiuwung', 'Batuceper', 'Benda', 'Cipondoh', 'Ciledug', 'Karawaci',
      'Periuk', 'Cibodas', 'Neglasari', 'Pinang', 'Karang Tengah', 'Larangan',
    ]);
    expect(city.profile.kelurahan).toHaveLength(104);
    expect(city.kecamatanGeo.features).toHaveLength(13);
    expect(city.kelurahanGeo?.features).toHaveLength(104);
    expect(city.apps.length).toBeGreaterThanOrEqual(200);
    expect(city.appsById.get('laksa')).toMatchObject({ superApp: 'tangerang-live', real: true });
    expect(city.appsById.get('tangerang-live')).toMatchObject({ isSuperApp: true, superApp: null });
    expect(city.geo.locate(-6.17813, 106.63176)?.kecamatan).toBe('36.71.01');
  });

  it('loads kota-bandung by name and by path', async () => {
    const byName = await loadCityProfile('kota-bandung');
    const byPath = await loadCityProfile(fileURLToPath(new URL('../../cities/kota-bandung/', import.meta.url)));
    expect(byName.profile.kecamatan).toHaveLength(30);
    expect(byName.profile.kecamatan.every((k) => k.population !== null)).toBe(true);
    expect(byName.profile.kecamatan.reduce((sum, k) => sum + (k.population ?? 0), 0)).toBe(2_530_448);
    expect(byPath.profile).toEqual(byName.profile);
  });

  it('maps queues to lines, with 112 and 119 fixed in every profile', async () => {
    const city = await loadCityProfile(fixture('valid'));
    expect(city.queueLine('112')).toBe('112');
    expect(city.queueLine('119')).toBe('119');
    expect(city.queueLine('siaga')).toBe('112');
    expect(city.queueLine('unknown')).toBeNull();
    expect(city.queueLine('constructor')).toBeNull();
  });

  it('gives the browser the profile and a reduced app list', async () => {
    const city = await loadCityProfile(fixture('valid'));
    const publicCity = city.publicCity();
    expect(publicCity.id).toBe('mini');
    expect(publicCity.apps[0]).toEqual({
      id: 'super', name: 'Super', agency: 'Diskominfo', category: 'super-app', superApp: null, isSuperApp: true, real: false,
    });
  });
});

describe('loadCityProfile, broken profiles', () => {
  it.each([
    ['missing-apps', 'apps.json', null, 'missing file'],
    ['bad-json', 'profile.json', null, "not valid JSON: Expected ',' or '}' after property value in JSON at line 4, column 3"],
    ['bad-field', 'profile.json', 'targets.sl15', 'Too big: expected number to be <=1'],
    ['center-outside', 'profile.json', 'map.center',
      "[-6.2, 100.01] is outside the city's boundaries (lat -5.01..-5, lon 100..100.02); the order is [lat, lon]"],
    ['bad-geojson', 'kecamatan.geojson', 'features.1.geometry.type', 'expected a Polygon or MultiPolygon geometry'],
    ['swapped-coordinates', 'kecamatan.geojson', 'features.0.geometry.coordinates.0.0.1', 'latitude above 90 (positions are [lon, lat])'],
    ['unknown-code', 'kecamatan.geojson', 'features.2.properties.code', '99.01.03 is not a kecamatan of profile.json'],
    ['missing-feature', 'kecamatan.geojson', 'features', 'no feature for kecamatan 99.01.02 Beta'],
    ['bad-apps', 'apps.json', 'apps.1.superApp', '"internal" is not a super-app (its isSuperApp is false)'],
  ] as const)('%s: %s', async (folder, file, field, detail) => {
    const error = await loadError(fixture(folder));
    const label = `${fixture(folder)}/${file}`;
    expect(error.message).toBe(field === null ? `${label}: ${detail}` : `${label}: ${field}: ${detail}`);
    expect(error).toMatchObject({ name: 'CityProfileError', code: 'CITY_PROFILE_INVALID', file: label, field });
  });

  it('names a bundled profile that does not exist, listing the ones that do', async () => {
    const error = await loadError('kota-atlantis');
    expect(error.message).toBe('cities/kota-atlantis: no bundled profile of that name (bundled: kota-bandung, kota-tangerang)');
  });

  it('names a folder path that does not exist as given', async () => {
    const error = await loadError('./no/such/city/');
    expect(error.message).toBe('./no/such/city: no such folder');
  });
});

describe('findProjectRoot', () => {
  it('finds the project from the compiled server folder too', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
    expect(await findProjectRoot(join(root, 'dist/server/server/city'))).toBe(root);
    expect(await findProjectRoot(join(root, 'server/city'))).toBe(root);
  });
});
