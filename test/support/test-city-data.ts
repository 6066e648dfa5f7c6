// The profile under test (test-city.ts), loaded as the server loads it, with what a city-agnostic
// e2e test needs: names, codes, apps, and points inside and outside the city. A test takes these
// from here rather than spelling out one city's.
import type { KecamatanInfo } from '../../shared/contract/city.ts';
import { KecamatanCode } from '../../shared/contract/events.ts';
import { loadCityProfile, type CityProfile } from '../../server/city/load-profile.ts';
import { TEST_CITY } from './test-city.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

export { TEST_CITY } from './test-city.ts';

export interface TestCity {
  profile: CityProfile;
  name: string;
  kecamatan: readonly KecamatanInfo[];
  /** Kecamatan codes in the profile's order (the first is the one tests single out). */
  codes: readonly KecamatanCode[];
  /** App ids of the catalog, real apps first, so seeded activity lands on registered apps. */
  appIds: readonly string[];
  /** [minLon, minLat, maxLon, maxLat] of the whole city. */
  bbox: readonly [number, number, number, number];
  /** [lat, lon] of a point inside kecamatan `code` (checked against the server's own index). */
  pointIn(code: string): [number, number];
  /** A kelurahan's name by code, or undefined (profiles without kelurahan, unknown codes). */
  kelurahanName(code: string): string | undefined;
  /** [lat, lon] of a point south of the city, inside no kecamatan. */
  outside(): [number, number];
  /** Seeded [lat, lon] points inside the city (rejection sampling over its box). */
  pointsInside(n: number, seed?: number): [number, number][];
}

let loaded: Promise<TestCity> | null = null;

/** Loads the profile under test once per test file (the loader is what the server runs). */
export function loadTestCity(): Promise<TestCity> {
  loaded ??= loadCityProfile(TEST_CITY).then(describeCity);
  return loaded;
}

function describeCity(profile: CityProfile): TestCity {
  const { geo } = profile;
  const boxes = geo.codes().map((c) => geo.bboxOf(c)).filter((b) => b !== null);
  const bbox = [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ] as const;
  const apps = [...profile.apps].sort((a, b) => Number(b.real) - Number(a.real));
  return {
    profile,
    name: profile.profile.name,
    kecamatan: profile.profile.kecamatan,
    codes: profile.profile.kecamatan.map((k) => KecamatanCode.parse(k.code)),
    appIds: apps.map((a) => a.id),
    bbox,
    pointIn(code) {
      const p = geo.centroidOf(code);
      if (p === null || geo.locate(p[0], p[1])?.kecamatan !== code) throw new Error(`no interior point for kecamatan ${code} in ${TEST_CITY}`);
      return p;
    },
    kelurahanName(code) {
      return profile.profile.kelurahan?.find((k) => k.code === code)?.name;
    },
    outside() {
      // A tenth of a degree (~11 km) below the city's southern edge: on land or sea, but in no kecamatan.
      const p: [number, number] = [bbox[1] - 0.1, (bbox[0] + bbox[2]) / 2];
      if (geo.locate(p[0], p[1]) !== null) throw new Error(`${p.join(',')} unexpectedly inside ${TEST_CITY}`);
      return p;
    },
    pointsInside(n, seed = 5) {
      const r = mulberry32(seed);
      const out: [number, number][] = [];
      while (out.length < n) {
        const lat = bbox[1] + r() * (bbox[3] - bbox[1]);
        const lon = bbox[0] + r() * (bbox[2] - bbox[0]);
        if (geo.locate(lat, lon) !== null) out.push([round6(lat), round6(lon)]);
      }
      return out;
    },
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

