// The loaded, validated city profile that the rest of the server works with.
import type { FeatureCollection } from 'geojson';
import type { Line } from '../../shared/contract/events.ts';
import type { AppInfo, CityProfileFile, PublicCity } from '../../shared/contract/city.ts';
import type { GeoIndex } from '../domain/geo-index.ts';

export interface CityProfile {
  /** Absolute path of the profile folder. */
  dir: string;
  profile: CityProfileFile;
  apps: AppInfo[];
  appsById: ReadonlyMap<string, AppInfo>;
  kecamatanGeo: FeatureCollection;
  kelurahanGeo: FeatureCollection | null;
  geo: GeoIndex;
  /** Line of an Asterisk queue; "112" and "119" map to themselves in every profile; null if unmapped. */
  queueLine(queue: string): Line | null;
  /** What a browser may see of the profile (GET /api/v1/city). */
  publicCity(): PublicCity;
}

export interface CityProfileParts {
  dir: string;
  profile: CityProfileFile;
  apps: AppInfo[];
  kecamatanGeo: FeatureCollection;
  kelurahanGeo: FeatureCollection | null;
  geo: GeoIndex;
}

export function createCityProfile(parts: CityProfileParts): CityProfile {
  const { profile, apps } = parts;
  const appsById = new Map(apps.map((app) => [app.id, app]));
  // A Map, not the parsed object: a queue called "constructor" must not find Object.prototype.
  const queues = new Map<string, Line>(Object.entries(profile.queues));
  queues.set('112', '112');
  queues.set('119', '119');
  const publicCity: PublicCity = {
    ...profile,
    apps: apps.map(({ id, name, agency, category, superApp, isSuperApp, real }) => ({
      id, name, agency, category, superApp, isSuperApp, real,
    })),
  };
  return {
    ...parts,
    appsById,
    queueLine: (queue) => queues.get(queue) ?? null,
    publicCity: () => publicCity,
  };
}
