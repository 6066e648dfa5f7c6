// The bundled app catalogs (cities/*/apps.json) against what their ATTRIBUTION.md promises:
// every app marked real is cited there by id, every citation is a real app of the catalog,
// examples are visibly marked "Contoh: ", and the ids the simulator and the tests rely on hold.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadCityProfile } from '../../server/city/load-profile.ts';
import { findComplaintApp } from '../../server/sim/apps.ts';
import type { AppInfo } from '../../shared/contract/city.ts';

const EXAMPLE_PREFIX = 'Contoh: ';

/** The ids in the first column of the app-catalog table of a profile's ATTRIBUTION.md. */
async function citedIds(city: string): Promise<string[]> {
  const text = await readFile(new URL(`../../cities/${city}/ATTRIBUTION.md`, import.meta.url), 'utf8');
  const start = text.indexOf('## App catalog (`apps.json`)');
  if (start < 0) throw new Error(`${city}/ATTRIBUTION.md has no app catalog section`);
  const next = text.indexOf('\n## ', start + 1);
  const section = text.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/^\| `([^`]+)` \|[^|]+\|[^|]+\|\s*(\S[^|]*)\|$/gm)].map((m) => {
    // A citation names at least one address (a dotted host name), not only prose.
    expect(m[2], `source of ${m[1]}`).toMatch(/[a-z0-9-]+\.[a-z]{2,}/);
    return m[1] ?? '';
  });
}

const complaintApp = (apps: readonly AppInfo[]): string | null => findComplaintApp({ kecamatan: [], pointIn: () => null, apps });

describe.each([
  { city: 'kota-tangerang', total: 218, complaints: 'laksa' },
  { city: 'kota-bandung', total: 40, complaints: 'lapor-kota-bandung' },
])('app catalog of $city', ({ city, total, complaints }) => {
  it(`keeps ${total} apps, examples marked "${EXAMPLE_PREFIX}" and real apps not`, async () => {
    const { apps } = await loadCityProfile(city);
    expect(apps).toHaveLength(total);
    for (const app of apps) expect(app.name.startsWith(EXAMPLE_PREFIX), `${app.id}: real ${String(app.real)} and named "${app.name}"`).toBe(!app.real);
  });

  it('cites every real app in ATTRIBUTION.md, and cites nothing else', async () => {
    const { apps } = await loadCityProfile(city);
    const real = apps.filter((a) => a.real).map((a) => a.id);
    const cited = await citedIds(city);
    expect(new Set(cited).size, 'an app cited twice').toBe(cited.length);
    expect([...cited].sort()).toEqual([...real].sort());
  });

  it(`gives the simulator ${complaints} as the complaint channel`, async () => {
    const { apps } = await loadCityProfile(city);
    expect(complaintApp(apps)).toBe(complaints);
  });
});

describe('ids the code relies on in Kota Tangerang', () => {
  it('keeps Tangerang LIVE, LAKSA inside it, and the example staff portal', async () => {
    const { appsById } = await loadCityProfile('kota-tangerang');
    expect(appsById.get('tangerang-live')).toMatchObject({ isSuperApp: true, real: true });
    expect(appsById.get('laksa')).toMatchObject({ superApp: 'tangerang-live', category: 'complaints', real: true });
    // client/apps/dev/harness.tsx groups its trends by this id.
    expect(appsById.get('contoh-portal-pegawai')).toMatchObject({ isSuperApp: true, real: false });
  });
});
