// Builds a city profile folder from a BPS regency code and a GeoJSON of its kecamatan:
//   node --import tsx scripts/generate-city.ts --bps 32.73 --boundaries kec.geojson --out cities/kota-bandung \
//     [--kelurahan kel.geojson] [--populations pop.csv] [--name "Kota Bandung"] [--id kota-bandung] \
//     [--attribution "Boundaries: ..."]...
// Codes and names come from idn-area-data; features are matched to them by code or name and
// a report of what matched is printed. An incomplete match writes nothing and exits 1.
// Existing apps.json and ATTRIBUTION.md are kept; the other files are rewritten.
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { fromZodError } from '../server/city/city-profile-error.ts';
import { SourceBoundaries } from '../server/city/geojson-schema.ts';
import { buildCity, type AreaData, type BuiltCity } from '../server/city/generator/build-city.ts';
import { formatByLine, formatCollection } from '../server/city/generator/format-json.ts';
import { formatReport } from '../server/city/generator/format-report.ts';
import type { SourceFeature } from '../server/city/generator/match-features.ts';
import { parsePopulationsCsv } from '../server/city/generator/populations-csv.ts';

export interface GenerateCityOptions {
  bps: string;
  boundaries: string;
  out: string;
  kelurahan?: string;
  populations?: string;
  name?: string;
  id?: string;
  attribution?: string[];
}

export interface GenerateCityResult {
  city: BuiltCity;
  report: string[];
  /** Files written, relative to the out folder; empty when the match was incomplete. */
  written: string[];
}

export async function generateCity(options: GenerateCityOptions): Promise<GenerateCityResult> {
  const areas = await loadAreaData(options.bps);
  const city = buildCity({
    areas,
    kecamatanBoundaries: await readBoundaries(options.boundaries),
    ...(options.kelurahan === undefined ? {} : { kelurahanBoundaries: await readBoundaries(options.kelurahan) }),
    ...(options.populations === undefined ? {} : { populations: parsePopulationsCsv(await readFile(options.populations, 'utf8')) }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.attribution === undefined ? {} : { attribution: options.attribution }),
  });
  const report = formatReport(city);
  if (!city.complete) return { city, report, written: [] };

  await mkdir(options.out, { recursive: true });
  const files: [string, string][] = [
    ['profile.json', formatByLine(city.profile)],
    ['kecamatan.geojson', formatCollection(city.kecamatanGeo)],
  ];
  if (city.kelurahanGeo !== null) files.push(['kelurahan.geojson', formatCollection(city.kelurahanGeo)]);
  if (!(await exists(join(options.out, 'apps.json')))) files.push(['apps.json', formatByLine({ apps: [] })]);
  if (!(await exists(join(options.out, 'ATTRIBUTION.md')))) {
    files.push(['ATTRIBUTION.md', `# ${city.profile.name}: data sources\n\n${city.profile.attribution.map((a) => `- ${a}`).join('\n')}\n`]);
  }
  for (const [name, text] of files) await writeFile(join(options.out, name), text);
  return { city, report, written: files.map(([name]) => name) };
}

async function loadAreaData(bps: string): Promise<AreaData> {
  const regency = (await getRegencies()).find((r) => r.code === bps);
  if (regency === undefined) throw new Error(`--bps ${bps}: no regency with that code in idn-area-data`);
  const province = (await getProvinces()).find((p) => p.code === regency.province_code);
  if (province === undefined) throw new Error(`--bps ${bps}: idn-area-data has no province ${regency.province_code}`);
  const districts = (await getDistricts()).filter((d) => d.regency_code === bps);
  const codes = new Set(districts.map((d) => d.code));
  const villages = (await getVillages()).filter((v) => codes.has(v.district_code));
  return {
    province,
    regency,
    districts: districts.map(({ code, name }) => ({ code, name })),
    villages: villages.map(({ code, name, district_code }) => ({ code, name, districtCode: district_code })),
  };
}

async function readBoundaries(path: string): Promise<SourceFeature[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = SourceBoundaries.safeParse(raw);
  if (!parsed.success) throw new Error(fromZodError(path, parsed.error).message);
  return parsed.data.features;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      bps: { type: 'string' },
      boundaries: { type: 'string' },
      out: { type: 'string' },
      kelurahan: { type: 'string' },
      populations: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      attribution: { type: 'string', multiple: true },
    },
  });
  const { bps, boundaries, out, ...rest } = values;
  if (bps === undefined || boundaries === undefined || out === undefined) {
    throw new Error('usage: generate-city --bps 32.73 --boundaries kecamatan.geojson --out cities/kota-bandung [--kelurahan f] [--populations f.csv] [--name n] [--id i] [--attribution text]...');
  }
  const options: GenerateCityOptions = { bps, boundaries, out };
  for (const key of ['kelurahan', 'populations', 'name', 'id'] as const) {
    const value = rest[key];
    if (value !== undefined) options[key] = value;
  }
  if (rest.attribution !== undefined) options.attribution = rest.attribution;
  const { report, written } = await generateCity(options);
  process.stdout.write(`${report.join('\n')}\n`);
  if (written.length === 0) process.exitCode = 1;
  else process.stdout.write(`wrote ${written.map((name) => join(out, name)).join(', ')}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
