// Two cities on ONE Redis with the SAME key prefix (issue 14, found 3: Kota Bandung's wall showed
// Kota Tangerang's incidents by raw code, its complaint alerts and its apps, and a demo reset
// did not clear them). Both orders of starting: the first city takes live calls, incidents,
// app activity and an alert; the second city's wall in Chromium and its API snapshot show none
// of it, only its own; a demo reset of the first leaves the second's demo untouched.
// It always uses both bundled cities, so it means the same in both e2e runs (PANTAU_TEST_CITY).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KecamatanCode, PantauEvent } from '../../shared/contract/events.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import { loadCityProfile, type CityProfile } from '../../server/city/load-profile.ts';
import { DEMO_KEY, DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage } from '../support/browser.ts';
import { makeAppActivity, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import { waitFor } from '../support/wait.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
const CITIES = ['kota-tangerang', 'kota-bandung'] as const;
type CityId = (typeof CITIES)[number];

let browser: Browser;
const profiles = new Map<CityId, CityProfile>();
const running: TestApp[] = [];
let opened: OpenedPage | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  for (const id of CITIES) profiles.set(id, await loadCityProfile(id));
});
afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await Promise.all(running.map((a) => a.close()));
});

function profileOf(id: CityId): CityProfile {
  const p = profiles.get(id);
  if (!p) throw new Error(`profile ${id} not loaded`);
  return p;
}

/** What one city posts, and the strings by which its data would show on another city's screen. */
interface CityTraffic {
  live: PantauEvent[];
  alert: PantauEvent;
  demoMarker: PantauEvent & { type: 'incident.reported' };
  ownIncident: string;
  ownCall: string;
  /** Ids, raw kecamatan codes, kecamatan names and app ids of this city that the other has not. */
  tell: string[];
}

function trafficOf(id: CityId, other: CityId): CityTraffic {
  const { profile, apps } = profileOf(id);
  const otherProfile = profileOf(other);
  const now = Date.now();
  const codes = profile.kecamatan.slice(0, 4).map((k) => k.code as KecamatanCode);
  const incidents = codes.map((code, i) =>
    makeIncidentReported({ category: i % 2 ? 'flood' : 'fire', priority: 1, location: { kecamatan: code }, at: wib(now - (i + 1) * 60_000) }));
  const calls = [0, 1].map((i) => makeCallReceived({ line: i ? '119' : '112', caller: { number: `08123450${id.length}${i}77` }, at: wib(now - 20_000) }));
  const appIds = apps.map((a) => a.id).filter((a) => !otherProfile.apps.some((o) => o.id === a)).slice(0, 3);
  const activity = appIds.map((appId, i) => makeAppActivity({ appId, count: 50 + i, at: wib(now - 30_000), kecamatan: codes[0] }));
  const complaintKec = codes[0] as string;
  const alert: PantauEvent = {
    id: `alert-${id}-${randomUUID().slice(0, 8)}`, type: 'alert.raised', source: 'pantau-app-alerts', at: wib(now - 10_000),
    alertId: `complaint-spike:${complaintKec}:${now}`, kind: 'complaint-spike', subject: complaintKec, severity: 'critical',
  };
  const demoMarker = makeIncidentReported({ category: 'fire', priority: 2, location: { kecamatan: codes[1] as KecamatanCode } });
  const otherNames = new Set(otherProfile.profile.kecamatan.map((k) => k.name));
  return {
    live: [...incidents, ...calls, ...activity],
    alert,
    demoMarker,
    ownIncident: incidents[0]?.incidentId ?? '',
    ownCall: calls[0]?.callId ?? '',
    tell: [
      ...incidents.map((e) => e.incidentId), ...calls.map((e) => e.callId), alert.alertId as string, demoMarker.incidentId,
      ...codes, ...profile.kecamatan.slice(0, 4).map((k) => k.name).filter((n) => !otherNames.has(n)), ...appIds, profile.name,
    ],
  };
}

async function startCity(id: CityId, prefix: string): Promise<TestApp> {
  // Demo on (slowly, no backfill) so each city runs its own simulator and takes its own reset.
  const app = await startApp({ PANTAU_CITY: id, PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1' }, { clientDir, keyPrefix: prefix, demoBackfill: false });
  running.push(app);
  return app;
}

async function post(app: TestApp, t: CityTraffic): Promise<void> {
  expect((await app.post('/api/v1/events', t.live)).status).toBe(200);
  // Alerts are Pantau's own events: raised in-process, as the alert job does.
  expect((await app.ingest.ingestEvents('live', 'pantau-app-alerts', [t.alert])).status).toBe(200);
  expect((await app.post('/api/v1/events?space=demo', [t.demoMarker], { token: DEMO_KEY })).status).toBe(200);
}

const snapshotOf = async (app: TestApp, space: 'live' | 'demo'): Promise<Snapshot> =>
  (await app.get(`/api/v1/snapshot${space === 'demo' ? '?space=demo' : ''}`, OPERATOR_TOKEN)).json as Snapshot;

const leaks = (text: string, tell: readonly string[]): string[] => tell.filter((s) => s !== '' && text.includes(s));

describe.each([
  ['kota-tangerang', 'kota-bandung'],
  ['kota-bandung', 'kota-tangerang'],
] as const)('%s starts first, then %s on the same Redis and prefix', (first, second) => {
  it('the second city shows none of the first one\'s data, and a demo reset of one leaves the other alone', async () => {
    const prefix = `t-iso-${randomUUID().slice(0, 8)}`;
    const a = await startCity(first, prefix);
    const ta = trafficOf(first, second);
    await post(a, ta);
    const b = await startCity(second, prefix);
    const tb = trafficOf(second, first);
    await post(b, tb);

    // Each city's own data is there (so an empty answer cannot pass for isolation)…
    const liveA = await snapshotOf(a, 'live');
    expect(liveA.incidents.open.map((i) => i.incidentId)).toContain(ta.ownIncident);
    expect(leaks(JSON.stringify(liveA), tb.tell)).toEqual([]);
    const liveB = await snapshotOf(b, 'live');
    expect(liveB.incidents.open.map((i) => i.incidentId)).toContain(tb.ownIncident);
    // …and none of the other's, in the API…
    expect(leaks(JSON.stringify(liveB), ta.tell)).toEqual([]);
    expect(leaks(JSON.stringify(await snapshotOf(b, 'demo')), ta.tell)).toEqual([]);

    // …nor on the second city's wall in Chromium, once it shows its own call and incident.
    opened = await openPage(browser, { url: `${b.url}/wall?token=${DISPLAY_TOKEN}&page=overview&lang=id` });
    const { page } = opened;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    await page.locator(`[data-testid="waiting-call-${tb.ownCall}"]`).waitFor({ timeout: 20_000 });
    await page.locator(`[data-testid="ticker-incident-${tb.ownIncident}"]`).first().waitFor({ timeout: 20_000 });
    expect(leaks(await page.content(), ta.tell)).toEqual([]);
    expect(leaks(await page.evaluate(() => document.body.innerText), ta.tell)).toEqual([]);
    await screenshot(page, `city-isolation-${second}-after-${first}`);
    expect(opened.blocked).toEqual([]);
    await opened.close();
    opened = undefined;

    // A demo reset of the first city clears its demo space only.
    const demoIds = async (app: TestApp): Promise<string[]> => (await snapshotOf(app, 'demo')).incidents.open.map((i) => i.incidentId);
    expect(await demoIds(a)).toContain(ta.demoMarker.incidentId);
    expect((await a.post('/api/v1/demo/reset', {}, { token: OPERATOR_TOKEN })).status).toBe(202);
    await waitFor(async () => !(await demoIds(a)).includes(ta.demoMarker.incidentId), { timeoutMs: 20_000, what: `${first}'s demo reset` });
    expect(await demoIds(b)).toContain(tb.demoMarker.incidentId);
    expect(leaks(JSON.stringify(await snapshotOf(b, 'demo')), ta.tell)).toEqual([]);
    // The live spaces are not touched by a demo reset.
    expect((await snapshotOf(a, 'live')).incidents.open.map((i) => i.incidentId)).toContain(ta.ownIncident);
    expect((await snapshotOf(b, 'live')).incidents.open.map((i) => i.incidentId)).toContain(tb.ownIncident);

    await Promise.all([a.close(), b.close()]);
    running.splice(0, running.length);
  });
});
