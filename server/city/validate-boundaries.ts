// The boundary files against the profile: every kecamatan of profile.json has exactly one
// feature and no feature carries a code the profile does not know. Kelurahan boundaries may
// cover only some kelurahan (a lookup then just reports none), but never unknown ones.
import type { CityProfileFile } from '../../shared/contract/city.ts';
import { CityProfileError, fromZodError } from './city-profile-error.ts';
import { KecamatanBoundaries, KelurahanBoundaries } from './geojson-schema.ts';

export function validateKecamatanBoundaries(raw: unknown, label: string, profile: CityProfileFile): KecamatanBoundaries {
  const parsed = KecamatanBoundaries.safeParse(raw);
  if (!parsed.success) throw fromZodError(label, parsed.error);
  const known = new Map(profile.kecamatan.map((k) => [k.code, k.name]));
  const seen = checkCodes(parsed.data.features, label, (code) => known.has(code), 'a kecamatan of profile.json');
  for (const [code, name] of known) {
    if (!seen.has(code)) throw new CityProfileError(label, 'features', `no feature for kecamatan ${code} ${name}`);
  }
  return parsed.data;
}

export function validateKelurahanBoundaries(raw: unknown, label: string, profile: CityProfileFile): KelurahanBoundaries {
  const parsed = KelurahanBoundaries.safeParse(raw);
  if (!parsed.success) throw fromZodError(label, parsed.error);
  const listed = profile.kelurahan === undefined ? null : new Map(profile.kelurahan.map((k) => [k.code, k.kecamatan]));
  const kecamatan = new Set(profile.kecamatan.map((k) => k.code));
  const isKnown = (code: string): boolean => (listed === null ? kecamatan.has(code.slice(0, 8)) : listed.has(code));
  checkCodes(parsed.data.features, label, isKnown, 'a kelurahan of profile.json');
  parsed.data.features.forEach(({ properties }, i) => {
    const expected = listed?.get(properties.code) ?? properties.code.slice(0, 8);
    if (properties.kecamatan !== expected) {
      throw new CityProfileError(label, `features.${i}.properties.kecamatan`, `${properties.kecamatan} is not the kecamatan of ${properties.code} (${expected})`);
    }
  });
  return parsed.data;
}

function checkCodes(
  features: readonly { properties: { code: string } }[],
  label: string,
  isKnown: (code: string) => boolean,
  what: string,
): Map<string, number> {
  const seen = new Map<string, number>();
  features.forEach(({ properties: { code } }, i) => {
    const field = `features.${i}.properties.code`;
    if (!isKnown(code)) throw new CityProfileError(label, field, `${code} is not ${what}`);
    const first = seen.get(code);
    if (first !== undefined) throw new CityProfileError(label, field, `${code} already has a feature (features.${first})`);
    seen.set(code, i);
  });
  return seen;
}
