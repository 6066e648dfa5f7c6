// profile.json: the zod schema, then the rules a schema cannot say (codes unique and inside
// the city, kelurahan under a listed kecamatan, the fixed 112/119 queues, a real time zone).
import { CityProfileFile, type CityProfileFile as Profile } from '../../shared/contract/city.ts';
import { CityProfileError, fromZodError } from './city-profile-error.ts';

export function validateProfile(raw: unknown, label: string): Profile {
  const parsed = CityProfileFile.safeParse(raw);
  if (!parsed.success) throw fromZodError(label, parsed.error);
  const profile = parsed.data;
  const fail = (field: string, detail: string): never => {
    throw new CityProfileError(label, field, detail);
  };

  try {
    new Intl.DateTimeFormat('en', { timeZone: profile.timezone });
  } catch {
    fail('timezone', `"${profile.timezone}" is not an IANA time zone (e.g. Asia/Jakarta)`);
  }

  const kecamatanCodes = new Set<string>();
  profile.kecamatan.forEach(({ code }, i) => {
    if (kecamatanCodes.has(code)) fail(`kecamatan.${i}.code`, `${code} appears twice`);
    if (!code.startsWith(`${profile.bpsCode}.`)) fail(`kecamatan.${i}.code`, `${code} is not in bpsCode ${profile.bpsCode}`);
    kecamatanCodes.add(code);
  });

  const kelurahanCodes = new Set<string>();
  (profile.kelurahan ?? []).forEach(({ code, kecamatan }, i) => {
    if (kelurahanCodes.has(code)) fail(`kelurahan.${i}.code`, `${code} appears twice`);
    if (!kecamatanCodes.has(kecamatan)) fail(`kelurahan.${i}.kecamatan`, `${kecamatan} is not a kecamatan of this profile`);
    if (!code.startsWith(`${kecamatan}.`)) fail(`kelurahan.${i}.code`, `${code} does not belong to kecamatan ${kecamatan}`);
    kelurahanCodes.add(code);
  });

  for (const line of ['112', '119'] as const) {
    const mapped = profile.queues[line];
    if (mapped !== undefined && mapped !== line) {
      fail(`queues.${line}`, `must be "${line}": queues named 112 and 119 map to themselves in every profile`);
    }
  }

  const agencyIds = new Set<string>();
  profile.agencies.forEach(({ id }, i) => {
    if (agencyIds.has(id)) fail(`agencies.${i}.id`, `${id} appears twice`);
    agencyIds.add(id);
  });

  if (profile.waits.criticalSeconds <= profile.waits.warningSeconds) {
    fail('waits.criticalSeconds', `must be greater than waits.warningSeconds (${profile.waits.warningSeconds})`);
  }
  return profile;
}
