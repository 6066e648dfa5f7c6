// Pairs boundary features with official areas (idn-area-data): by a code property when the
// source carries one, else by normalised name. Sources disagree on spelling ("Astanaanyar" /
// "Astana Anyar", "KEC. COBLONG"), so names are compared without case, spaces or prefixes.
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export interface Area {
  code: string;
  name: string;
  /** Code of the enclosing area, for kelurahan. */
  parent?: string;
}

export type SourceFeature = Feature<Polygon | MultiPolygon>;

export interface MatchedFeature {
  area: Area;
  feature: SourceFeature;
  featureIndex: number;
  by: 'code' | 'name';
  /** The feature's own name when it differs from the official one beyond case, spaces and prefixes. */
  sourceName: string | null;
}

export interface MatchReport {
  matched: MatchedFeature[];
  unmatchedFeatures: { featureIndex: number; code: string | null; name: string | null; reason: string }[];
  missingAreas: Area[];
  duplicates: { code: string; featureIndexes: number[] }[];
}

const CODE_KEYS = ['code', 'kode', 'kode_bps', 'bps_code', 'kd_kec', 'kode_kec', 'kd_kel', 'kode_kel', 'KODE', 'KDCPUM', 'KDEPUM'];
const NAME_KEYS = ['name', 'nama', 'NAMOBJ', 'WADMKC', 'WADMKD', 'kecamatan', 'kelurahan', 'desa', 'KECAMATAN', 'KELURAHAN', 'DESA', 'NAME'];

/**
 * @param parentOf for name matches among namesakes (two kelurahan called "Sukasari"), the
 *   code of the area that encloses the feature, if the caller can tell.
 */
export function matchFeatures(
  features: readonly SourceFeature[],
  areas: readonly Area[],
  parentOf: (feature: SourceFeature) => string | null = () => null,
): MatchReport {
  const areaByCode = new Map(areas.map((area) => [area.code, area]));
  const areasByName = new Map<string, Area[]>();
  for (const area of areas) {
    const key = normaliseName(area.name);
    areasByName.set(key, [...(areasByName.get(key) ?? []), area]);
  }
  const hits = new Map<string, MatchedFeature[]>();
  const report: MatchReport = { matched: [], unmatchedFeatures: [], missingAreas: [], duplicates: [] };

  features.forEach((feature, featureIndex) => {
    const code = codeOf(feature, areas[0]?.code ?? '');
    const name = nameOf(feature);
    let area: Area | undefined;
    let by: 'code' | 'name' = 'code';
    const reasons: string[] = [];
    if (code !== null) {
      area = areaByCode.get(code);
      if (area === undefined) reasons.push(`code ${code} is not an area of this city`);
    }
    if (area === undefined && name !== null) {
      by = 'name';
      const namesakes = areasByName.get(normaliseName(name)) ?? [];
      const parent = namesakes.length > 1 ? parentOf(feature) : null;
      const candidates = parent === null ? namesakes : namesakes.filter((a) => a.parent === parent);
      if (candidates.length === 1) area = candidates[0];
      else reasons.push(candidates.length === 0 ? `no area named "${name}"` : `several areas named "${name}"`);
    }
    const reason = reasons.length === 0 ? 'no code or name property' : reasons.join('; ');
    if (area === undefined) {
      report.unmatchedFeatures.push({ featureIndex, code, name, reason });
      return;
    }
    const sourceName = name !== null && normaliseName(name) !== normaliseName(area.name) ? name : null;
    hits.set(area.code, [...(hits.get(area.code) ?? []), { area, feature, featureIndex, by, sourceName }]);
  });

  for (const area of areas) {
    const found = hits.get(area.code) ?? [];
    if (found.length === 0) report.missingAreas.push(area);
    else if (found.length > 1) report.duplicates.push({ code: area.code, featureIndexes: found.map((m) => m.featureIndex) });
    else if (found[0] !== undefined) report.matched.push(found[0]);
  }
  return report;
}

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\s*(kecamatan|kelurahan|desa|kec\.|kel\.)\s*/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** A code property in dotted BPS form, shaped like `like` (e.g. "36.71.07"); digits-only codes are dotted. */
/**
 * A province-wide (or national) boundary file holds other kab/kota too: keeps the features whose
 * kecamatan or kelurahan code lies in `regency` ("36.73") or that carry no code (those are matched by name),
 * and counts the rest, so one shipped file serves every kab/kota in it.
 */
export function featuresOfRegency(features: readonly SourceFeature[], regency: string): { kept: SourceFeature[]; skipped: number } {
  const kept = features.filter((feature) => {
    const code = codeOf(feature, '00.00.00') ?? codeOf(feature, '00.00.00.0000');
    return code === null || code.startsWith(`${regency}.`);
  });
  return { kept, skipped: features.length - kept.length };
}

function codeOf(feature: SourceFeature, like: string): string | null {
  const groups = like.split('.').map((part) => part.length);
  for (const key of CODE_KEYS) {
    const value: unknown = feature.properties?.[key];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const digits = String(value).replace(/\D/g, '');
    if (digits.length !== groups.reduce((a, b) => a + b, 0)) continue;
    let at = 0;
    return groups.map((length) => digits.slice(at, (at += length))).join('.');
  }
  return null;
}

function nameOf(feature: SourceFeature): string | null {
  for (const key of NAME_KEYS) {
    const value: unknown = feature.properties?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}
