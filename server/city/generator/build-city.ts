// The pure core of the city generator: official areas + boundary features in, the files of a
// profile folder out, with a report of what matched. No I/O, so tests can feed it directly.
import { DEFAULT_REPORT_TIME } from '../../../shared/report/report-day.ts';
import { DEFAULT_CALLER_RULES, DEFAULT_QUEUE_ALERTS, type CityProfileFile, type KecamatanInfo, type KelurahanInfo } from '../../../shared/contract/city.ts';
import { buildGeoIndex } from '../../domain/geo-index.ts';
import { interiorPoint } from '../../domain/geo-interior-point.ts';
import { bboxOfGeometry } from '../../domain/geo-planar.ts';
import { mapViewForBbox } from './map-view.ts';
import { matchFeatures, type Area, type MatchReport, type SourceFeature } from './match-features.ts';
import type { PopulationRow } from './populations-csv.ts';
import {
  DEFAULT_AGENCIES, DEFAULT_ALERTS, DEFAULT_NOTES, DEFAULT_QUEUES, DEFAULT_TARGETS, DEFAULT_WAITS, timezoneForProvince,
} from './profile-defaults.ts';
import { KECAMATAN_TOLERANCE, KELURAHAN_TOLERANCE, simplifyForWire, type WireCollection, type WireFeature } from './simplify-boundaries.ts';

export interface AreaData {
  province: { code: string; name: string };
  regency: { code: string; name: string };
  districts: readonly { code: string; name: string }[];
  villages: readonly { code: string; name: string; districtCode: string }[];
}

export interface BuildCityInput {
  areas: AreaData;
  kecamatanBoundaries: readonly SourceFeature[];
  kelurahanBoundaries?: readonly SourceFeature[];
  id?: string;
  name?: string;
  populations?: ReadonlyMap<string, PopulationRow>;
  /** Attribution lines for the boundaries and populations, added to the area-code one. */
  attribution?: readonly string[];
  tolerance?: { kecamatan: number; kelurahan: number };
}

export interface BuiltCity {
  profile: CityProfileFile;
  kecamatanGeo: WireCollection;
  kelurahanGeo: WireCollection | null;
  report: { kecamatan: MatchReport; kelurahan: MatchReport | null; unknownPopulationCodes: string[] };
  /** False when a kecamatan has no feature or several: such a folder would not load. */
  complete: boolean;
}

export const AREA_CODES_ATTRIBUTION =
  'Kecamatan and kelurahan codes and names: idn-area-data (github.com/fityannugroho/idn-area-data), ' +
  'data made available under the Open Database License (ODbL) 1.0.';

export const PLACEHOLDER_POPULATION_SOURCE = 'placeholder: no population source yet';

export function buildCity(input: BuildCityInput): BuiltCity {
  const { areas } = input;
  const tolerance = input.tolerance ?? { kecamatan: KECAMATAN_TOLERANCE, kelurahan: KELURAHAN_TOLERANCE };
  const kecamatanAreas: Area[] = [...areas.districts].sort(byCode).map(({ code, name }) => ({ code, name }));
  const kelurahanAreas: Area[] = [...areas.villages]
    .sort(byCode)
    .map(({ code, name, districtCode }) => ({ code, name, parent: districtCode }));

  const kecamatanReport = matchFeatures(input.kecamatanBoundaries, kecamatanAreas);
  const kecamatanWire: WireFeature[] = kecamatanReport.matched.map((m) => ({
    type: 'Feature',
    properties: { code: m.area.code, name: m.area.name },
    geometry: m.feature.geometry,
  }));

  let kelurahanReport: MatchReport | null = null;
  let kelurahanGeo: WireCollection | null = null;
  if (input.kelurahanBoundaries !== undefined) {
    const parentIndex = buildGeoIndex({ type: 'FeatureCollection', features: kecamatanWire }, undefined, { snapMetres: 0 });
    kelurahanReport = matchFeatures(input.kelurahanBoundaries, kelurahanAreas, (feature) => {
      const declared: unknown = feature.properties?.['kecamatan'];
      if (typeof declared === 'string' && /^\d{2}\.\d{2}\.\d{2}$/.test(declared)) return declared;
      const [lon, lat] = interiorPoint(feature.geometry);
      return parentIndex.locate(lat, lon)?.kecamatan ?? null;
    });
    kelurahanGeo = simplifyForWire(
      kelurahanReport.matched.map((m) => ({
        type: 'Feature',
        properties: { code: m.area.code, name: m.area.name, kecamatan: m.area.parent ?? '' },
        geometry: m.feature.geometry,
      })),
      tolerance.kelurahan,
    );
  }

  const kecamatanGeo = simplifyForWire(kecamatanWire, tolerance.kecamatan);
  const populations = input.populations ?? new Map<string, PopulationRow>();
  const name = input.name ?? titleCase(areas.regency.name);
  const profile: CityProfileFile = {
    id: input.id ?? slug(name),
    name,
    bpsCode: areas.regency.code,
    province: titleCase(areas.province.name),
    ...timezoneForProvince(areas.province.code),
    map: mapViewForBbox(cityBbox(kecamatanGeo)),
    kecamatan: kecamatanAreas.map((area): KecamatanInfo => {
      const row = populations.get(area.code);
      return {
        code: area.code,
        name: area.name,
        population: row?.population ?? null,
        populationSource: row?.source ?? PLACEHOLDER_POPULATION_SOURCE,
      };
    }),
    kelurahan: kelurahanAreas.map((area): KelurahanInfo => ({ code: area.code, name: area.name, kecamatan: area.parent ?? '' })),
    queues: { ...DEFAULT_QUEUES },
    agencies: DEFAULT_AGENCIES.map((agency) => ({ ...agency })),
    targets: { ...DEFAULT_TARGETS },
    waits: { ...DEFAULT_WAITS },
    alerts: { ...DEFAULT_ALERTS },
    queueAlerts: structuredClone(DEFAULT_QUEUE_ALERTS),
    report: { at: DEFAULT_REPORT_TIME },
    callers: { ...DEFAULT_CALLER_RULES },
    attribution: [AREA_CODES_ATTRIBUTION, ...(input.attribution ?? [])],
    notes: [...DEFAULT_NOTES],
  };

  const knownCodes = new Set(kecamatanAreas.map((area) => area.code));
  return {
    profile,
    kecamatanGeo,
    kelurahanGeo,
    report: {
      kecamatan: kecamatanReport,
      kelurahan: kelurahanReport,
      unknownPopulationCodes: [...populations.keys()].filter((code) => !knownCodes.has(code)),
    },
    complete:
      kecamatanReport.missingAreas.length === 0 &&
      kecamatanReport.duplicates.length === 0 &&
      (kelurahanReport?.duplicates.length ?? 0) === 0,
  };
}

function cityBbox(collection: WireCollection): [number, number, number, number] {
  const boxes = collection.features.map((feature) => bboxOfGeometry(feature.geometry));
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

function byCode(a: { code: string }, b: { code: string }): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** "KOTA BANDUNG" -> "Kota Bandung"; official acronyms stay upper case. */
export function titleCase(upper: string): string {
  return upper
    .toLowerCase()
    .split(/\s+/)
    .map((word) => (word === 'dki' || word === 'di' ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
