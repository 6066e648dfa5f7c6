// Builds a city profile folder from a BPS regency code and a GeoJSON of its kecamatan (a file
// of the whole province is fine: features of other kab/kota are skipped). `--help` says how:
//   npm run generate:city -- --bps 36.73 --boundaries geo/banten/kecamatan.geojson --out cities/kota-serang
// Codes and names come from idn-area-data; features are matched to them by code or name and
// a report of what matched is printed. An incomplete match writes nothing and exits 1. A folder
// that already holds a profile is only rewritten with --force; its apps.json and
// ATTRIBUTION.md are kept even then.
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
import { dirname } from 'node:path';
import { parsePopulationsCsv } from '../server/city/generator/populations-csv.ts';
import { exampleApps } from '../server/city/generator/app-examples.ts';
import { featuresOfRegency } from '../server/city/generator/match-features.ts';
import { checklist } from '../server/city/generator/checklist.ts';
import { parseWilayahSql } from '../server/city/generator/wilayah-sql.ts';

export interface GenerateCityOptions {
  bps: string;
  boundaries: string;
  out: string;
  kelurahan?: string;
  populations?: string;
  name?: string;
  id?: string;
  attribution?: string[];
  /** Rewrite a folder that already holds a profile.json. */
  force?: boolean;
}

/** Example apps a new profile starts with, so its wall is not empty; marked as examples. */
export const STARTER_APP_COUNT = 24;

export const USAGE = `usage: npm run generate:city -- --bps <kab/kota code> --boundaries <kecamatan.geojson> --out <folder> [options]

  --bps 36.73               the kab/kota's BPS code (idn-area-data has every code)
  --boundaries FILE         GeoJSON of its kecamatan; a file of the whole province is fine
                            (geo/banten/kecamatan.geojson ships with Pantau), and so is a
                            wilayah_boundaries_kec_<province>.sql of cahyadsn/wilayah_boundaries
  --out FOLDER              where to write the profile (refused if it holds one, see --force)
  --kelurahan FILE          GeoJSON (or wilayah_boundaries .sql) of its kelurahan/desa (optional)
  --populations FILE        CSV code,population,source (optional; placeholders otherwise)
  --name NAME, --id ID      override the name ("Kota Serang") and id ("kota-serang")
  --attribution TEXT        a line for ATTRIBUTION.md (repeatable); an ATTRIBUTION.md beside
                            the boundaries file is copied in as well
  --force                   rewrite a folder that already holds a profile.json
  --help                    this text

Then: PANTAU_CITY=./<folder> bash scripts/demo.sh, and work through <folder>/CHECKLIST.md.
Step by step: docs/replicate.md.`;

export interface GenerateCityResult {
  city: BuiltCity;
  report: string[];
  /** Files written, relative to the out folder; empty when the match was incomplete. */
  written: string[];
}

export async function generateCity(options: GenerateCityOptions): Promise<GenerateCityResult> {
  if (options.force !== true && (await exists(join(options.out, 'profile.json')))) {
    throw new Error(`--out ${options.out}: the folder already holds a city profile (profile.json); pass --force to rewrite it (apps.json and ATTRIBUTION.md are kept)`);
  }
  const areas = await loadAreaData(options.bps);
  const kecamatan = featuresOfRegency(await readBoundaries(options.boundaries), options.bps);
  const kelurahan = options.kelurahan === undefined ? undefined : featuresOfRegency(await readBoundaries(options.kelurahan), options.bps);
  const city = buildCity({
    areas,
    kecamatanBoundaries: kecamatan.kept,
    ...(kelurahan === undefined ? {} : { kelurahanBoundaries: kelurahan.kept }),
    ...(options.populations === undefined ? {} : { populations: parsePopulationsCsv(await readFile(options.populations, 'utf8')) }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.id === undefined ? {} : { id: options.id }),
    ...(options.attribution === undefined ? {} : { attribution: options.attribution }),
  });
  const skipped = kecamatan.skipped + (kelurahan?.skipped ?? 0);
  const report = formatReport(city);
  if (skipped > 0) report.splice(1, 0, `skipped ${skipped} ${skipped === 1 ? 'feature' : 'features'} of other kab/kota in the boundary files`);
  if (!city.complete) return { city, report, written: [] };

  await mkdir(options.out, { recursive: true });
  const files: [string, string][] = [
    ['profile.json', formatByLine(city.profile)],
    ['kecamatan.geojson', formatCollection(city.kecamatanGeo)],
  ];
  if (city.kelurahanGeo !== null) files.push(['kelurahan.geojson', formatCollection(city.kelurahanGeo)]);
  const newApps = !(await exists(join(options.out, 'apps.json')));
  if (newApps) files.push(['apps.json', formatByLine({ apps: exampleApps({ count: STARTER_APP_COUNT }) })]);
  if (!(await exists(join(options.out, 'ATTRIBUTION.md')))) files.push(['ATTRIBUTION.md', await attributionText(city, options)]);
  files.push(['CHECKLIST.md', checklist(city.profile, { exampleApps: newApps ? STARTER_APP_COUNT : null, folder: options.out.startsWith('/') || options.out.startsWith('.') ? options.out : `./${options.out}` })]);
  for (const [name, text] of files) await writeFile(join(options.out, name), text);
  return { city, report, written: files.map(([name]) => name) };
}

/** The sources of what was written: the generator's lines, then the boundary files' own ATTRIBUTION.md. */
async function attributionText(city: BuiltCity, options: GenerateCityOptions): Promise<string> {
  const parts = [`# ${city.profile.name}: data sources\n\n${city.profile.attribution.map((a) => `- ${a}`).join('\n')}\n`];
  const beside = [...new Set([options.boundaries, options.kelurahan].filter((f) => f !== undefined).map((f) => join(dirname(f), 'ATTRIBUTION.md')))];
  for (const file of beside) {
    if (!(await exists(file))) continue;
    const text = await readFile(file, 'utf8');
    // Its headings move one level down, under this file's own title.
    parts.push(`\n## Boundaries: from ${file}\n\n${text.replace(/^(#+) /gm, '#$1 ')}`);
  }
  return parts.join('');
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
  // The SQL files of cahyadsn/wilayah_boundaries, which cover every province, are read as they are.
  if (path.endsWith('.sql')) {
    const features = parseWilayahSql(await readFile(path, 'utf8'));
    if (features.length === 0) throw new Error(`${path}: no wilayah_boundaries rows ('kode','nama',lat,lng,'path') found`);
    return features;
  }
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
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const { bps, boundaries, out, force, ...rest } = values;
  if (bps === undefined || boundaries === undefined || out === undefined) {
    const missing = [bps === undefined ? '--bps' : '', boundaries === undefined ? '--boundaries' : '', out === undefined ? '--out' : ''].filter(Boolean);
    throw new Error(`missing ${missing.join(', ')}\n\n${USAGE}`);
  }
  const options: GenerateCityOptions = { bps, boundaries, out, force: force === true };
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
