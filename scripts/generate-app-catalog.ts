// Writes the bundled app catalogs, cities/<city>/apps.json, deterministically:
//   node --import tsx scripts/generate-app-catalog.ts
// Real apps are the ones city-facts.md names (sources in each city's ATTRIBUTION.md); the rest
// are illustrative examples ("Contoh: ...", real: false) up to the publicly reported app count.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CityProfileFile, type AppInfo } from '../shared/contract/city.ts';
import { errorRateFor, exampleApps, slug } from '../server/city/generator/app-examples.ts';
import { formatByLine } from '../server/city/generator/format-json.ts';
import { findProjectRoot } from '../server/city/resolve-profile-dir.ts';
import { validateApps } from '../server/city/validate-apps.ts';

/** Kota Tangerang: 218 apps (89 government-management + 129 public-service), Diskominfo, Aug 2025. */
export const TANGERANG_APP_COUNT = 218;
export const BANDUNG_APP_COUNT = 40;

type AppSeed = Pick<AppInfo, 'id' | 'name' | 'agency' | 'category' | 'publicFacing'> & Partial<Pick<AppInfo, 'superApp' | 'isSuperApp' | 'real'>>;

function app(seed: AppSeed): AppInfo {
  return {
    id: seed.id,
    name: seed.name,
    agency: seed.agency,
    category: seed.category,
    superApp: seed.superApp ?? null,
    isSuperApp: seed.isSuperApp ?? false,
    publicFacing: seed.publicFacing,
    real: seed.real ?? true,
    targets: { errorRateMax: errorRateFor(seed.category, seed.publicFacing) },
  };
}

const LIVE = 'tangerang-live';
const STAFF_PORTAL = 'contoh-portal-pegawai';

function tangerangRealApps(): AppInfo[] {
  return [
    app({ id: LIVE, name: 'Tangerang LIVE', agency: 'Diskominfo', category: 'super-app', isSuperApp: true, publicFacing: true }),
    app({ id: 'tangerang-live-gawat-darurat-112', name: 'Gawat Darurat 112', agency: 'Diskominfo', category: 'emergency', superApp: LIVE, publicFacing: true }),
    app({ id: 'laksa', name: 'LAKSA (Layanan Aspirasi Kotak Saran Anda)', agency: 'Diskominfo', category: 'complaints', superApp: LIVE, publicFacing: true }),
    app({ id: 'tangerang-live-tas-loker', name: 'Tas Loker (pencari kerja)', agency: 'Disnaker', category: 'economy', superApp: LIVE, publicFacing: true }),
    app({ id: 'tangerang-live-harga-pangan', name: 'Harga Pangan', agency: 'Disperindagkop UKM', category: 'economy', superApp: LIVE, publicFacing: true }),
    app({ id: 'tangerang-live-berita', name: 'Berita Kota', agency: 'Diskominfo', category: 'information', superApp: LIVE, publicFacing: true }),
    app({ id: 'ppid', name: 'PPID (permohonan informasi publik)', agency: 'Diskominfo', category: 'information', superApp: LIVE, publicFacing: true }),
    app({ id: 'tangerang-siaga-112', name: 'Tangerang Siaga 112', agency: 'Diskominfo', category: 'emergency', publicFacing: true }),
    app({ id: 'simasn', name: 'SIMASN', agency: 'BKPSDM', category: 'staff', publicFacing: false }),
    app({ id: 'e-kir', name: 'e-KIR', agency: 'Dishub', category: 'transport', publicFacing: true }),
    app({ id: 'tangerang-ayo', name: 'Tangerang Ayo', agency: 'Diskominfo', category: 'other', publicFacing: true }),
    app({ id: 'tangerang-satu-data', name: 'Tangerang Satu Data', agency: 'Diskominfo', category: 'information', publicFacing: true }),
    app({ id: 'tangerang-satu-peta', name: 'Tangerang Satu Peta (geoportal)', agency: 'Diskominfo', category: 'information', publicFacing: true }),
    app({ id: 'sigap', name: 'SIGAP', agency: 'Diskominfo', category: 'staff', publicFacing: false }),
    app({ id: 'sipantau', name: 'SIPANTAU', agency: 'Dinas PUPR', category: 'environment', publicFacing: false }),
    app({ id: 'atcs', name: 'ATCS', agency: 'Dishub', category: 'transport', publicFacing: false }),
  ];
}

/** Tangerang LIVE has 14 services; the ones not named by a source are examples. */
const LIVE_EXAMPLE_SERVICES: readonly [string, string, AppInfo['category']][] = [
  ['Pemesanan Ruang Bersalin', 'Dinkes', 'health'],
  ['Info Lalu Lintas', 'Dishub', 'transport'],
  ['Info Genangan dan Banjir', 'BPBD', 'emergency'],
  ['Agenda Kota', 'Diskominfo', 'information'],
  ['Layanan Kesehatan', 'Dinkes', 'health'],
  ['Cek Pajak Daerah', 'Bapenda', 'finance'],
  ['Info Sekolah', 'Disdik', 'education'],
  ['Wisata Kota', 'Disbudpar', 'information'],
];

export function tangerangCatalog(kecamatanNames: readonly string[]): AppInfo[] {
  const real = tangerangRealApps();
  const liveExamples = LIVE_EXAMPLE_SERVICES.map(([name, agency, category]) =>
    app({ id: `contoh-tangerang-live-${slug(name)}`, name: `Contoh: ${name}`, agency, category, superApp: LIVE, publicFacing: true, real: false }),
  );
  const portal = app({ id: STAFF_PORTAL, name: 'Contoh: Portal Pegawai', agency: 'Diskominfo', category: 'super-app', isSuperApp: true, publicFacing: false, real: false });
  const kecamatan = kecamatanNames.map((name) =>
    app({ id: `contoh-kecamatan-${slug(name)}`, name: `Contoh: Layanan Kecamatan ${name}`, agency: `Kecamatan ${name}`, category: 'information', publicFacing: true, real: false }),
  );
  const fixed = [...real, ...liveExamples, portal, ...kecamatan];
  const offices = exampleApps({ count: TANGERANG_APP_COUNT - fixed.length }).map((example) =>
    // Staff tools sit behind one sign-in in many cities; the example portal shows that shape.
    example.category === 'staff' ? { ...example, superApp: STAFF_PORTAL } : example,
  );
  return [...fixed, ...offices];
}

const BANDUNG_PORTAL = 'contoh-super-app-warga';

export function bandungCatalog(): AppInfo[] {
  const real = [app({ id: 'bandung-siaga-112', name: 'Bandung Siaga 112', agency: 'Diskominfo', category: 'emergency', publicFacing: true })];
  const portal = app({ id: BANDUNG_PORTAL, name: 'Contoh: Super App Warga', agency: 'Diskominfo', category: 'super-app', isSuperApp: true, publicFacing: true, real: false });
  let members = 0;
  const offices = exampleApps({
    count: BANDUNG_APP_COUNT - 2,
    agencyNames: new Map([['Damkar', 'Diskar PB'], ['Disperindagkop UKM', 'Disdagin']]),
  }).map((example) => (example.publicFacing && members++ < 8 ? { ...example, superApp: BANDUNG_PORTAL } : example));
  return [...real, portal, ...offices];
}

async function main(): Promise<void> {
  const root = await findProjectRoot();
  const tangerangProfile = CityProfileFile.parse(JSON.parse(await readFile(join(root, 'cities/kota-tangerang/profile.json'), 'utf8')));
  const catalogs: [string, AppInfo[]][] = [
    ['kota-tangerang', tangerangCatalog(tangerangProfile.kecamatan.map((k) => k.name))],
    ['kota-bandung', bandungCatalog()],
  ];
  for (const [city, apps] of catalogs) {
    const label = `cities/${city}/apps.json`;
    validateApps({ apps }, label);
    await writeFile(join(root, label), formatByLine({ apps }));
    const publicCount = apps.filter((a) => a.publicFacing).length;
    process.stdout.write(`${label}: ${apps.length} apps (${apps.filter((a) => a.real).length} real, ${publicCount} public-facing, ${apps.length - publicCount} internal)\n`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
