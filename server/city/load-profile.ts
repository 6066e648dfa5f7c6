// Loads a city profile folder (design.md "City profile") and checks it whole before the
// server uses any of it: a bad folder stops startup with a message naming file and field.
import { join } from 'node:path';
import type { CityProfileFile } from '../../shared/contract/city.ts';
import { buildGeoIndex } from '../domain/geo-index.ts';
import { CityProfileError } from './city-profile-error.ts';
import { createCityProfile, type CityProfile } from './city-profile.ts';
import { readJsonFile, readOptionalJsonFile } from './read-json-file.ts';
import { resolveProfileDir } from './resolve-profile-dir.ts';
import { validateApps } from './validate-apps.ts';
import { validateKecamatanBoundaries, validateKelurahanBoundaries } from './validate-boundaries.ts';
import { validateProfile } from './validate-profile.ts';

export { CityProfileError } from './city-profile-error.ts';
export type { CityProfile } from './city-profile.ts';

/** @param nameOrPath a bundled profile's name ("kota-tangerang") or, with a slash, a folder path. */
export async function loadCityProfile(nameOrPath: string): Promise<CityProfile> {
  const { dir, label } = await resolveProfileDir(nameOrPath);
  const file = (name: string): [string, string] => [join(dir, name), `${label}/${name}`];

  const [profilePath, profileLabel] = file('profile.json');
  const profile = validateProfile(await readJsonFile(profilePath, profileLabel), profileLabel);

  const [kecamatanPath, kecamatanLabel] = file('kecamatan.geojson');
  const kecamatanGeo = validateKecamatanBoundaries(await readJsonFile(kecamatanPath, kecamatanLabel), kecamatanLabel, profile);

  const [kelurahanPath, kelurahanLabel] = file('kelurahan.geojson');
  const kelurahanRaw = await readOptionalJsonFile(kelurahanPath, kelurahanLabel);
  const kelurahanGeo = kelurahanRaw === undefined ? null : validateKelurahanBoundaries(kelurahanRaw, kelurahanLabel, profile);

  const [appsPath, appsLabel] = file('apps.json');
  const apps = validateApps(await readJsonFile(appsPath, appsLabel), appsLabel);

  const geo = buildGeoIndex(kecamatanGeo, kelurahanGeo ?? undefined);
  const boxes = geo.codes().map((code) => geo.bboxOf(code)).filter((box) => box !== null);
  checkMapCenter(profile, boxes, profileLabel);
  return createCityProfile({ dir, profile, apps, kecamatanGeo, kelurahanGeo, geo });
}

/** A centre outside the city's boxes is almost always a [lon, lat] swap. */
function checkMapCenter(profile: CityProfileFile, boxes: readonly [number, number, number, number][], label: string): void {
  const [lat, lon] = profile.map.center;
  const minLon = Math.min(...boxes.map((b) => b[0]));
  const minLat = Math.min(...boxes.map((b) => b[1]));
  const maxLon = Math.max(...boxes.map((b) => b[2]));
  const maxLat = Math.max(...boxes.map((b) => b[3]));
  if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) {
    throw new CityProfileError(
      label,
      'map.center',
      `[${lat}, ${lon}] is outside the city's boundaries (lat ${minLat}..${maxLat}, lon ${minLon}..${maxLon}); the order is [lat, lon]`,
    );
  }
}
