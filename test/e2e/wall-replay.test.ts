// Replay in a real browser: a scripted day is posted in two phases (the night, then the morning
// that followed). A wall opened with `?replay=<the end of the night>` must show the calls that
// were waiting and the incidents that were open then — asserted against the events, not against
// another screen — under the PUTAR ULANG banner, never the live dot; then play forward into the
// morning. Screenshots at 1080p and 4K.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import type { KecamatanCode, PantauEvent } from '../../shared/contract/events.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage, type ViewportName } from '../support/browser.ts';
import { makeCallAnswered, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import { loadTestCity, type TestCity } from '../support/test-city-data.ts';
import { waitFor } from '../support/wait.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;
let city: TestCity;
const pages: OpenedPage[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({}, { clientDir, alertDetectors: false, replayCheckpoints: false });
  city = await loadTestCity();
});
afterAll(async () => {
  for (const p of pages) await p.close();
  await browser?.close();
  await app?.close();
});

/** The scripted day: the night leaves three callers waiting and three incidents open; the morning answers, closes and opens others. */
function scriptedDay(nowMs: number) {
  const code = (i: number): KecamatanCode => {
    const c = city.codes[i % city.codes.length];
    if (c === undefined) throw new Error('a city profile without kecamatan');
    return c;
  };
  const ago = (min: number) => wib(nowMs - min * 60_000);
  const nightCalls = [
    makeCallReceived({ line: '112', caller: { number: '081200000001' }, at: ago(3) }),
    makeCallReceived({ line: '112', caller: { number: '081200000002' }, at: ago(2) }),
    makeCallReceived({ line: '119', caller: { number: '081200000003' }, at: ago(1) }),
  ];
  const answeredAtNight = makeCallReceived({ line: '112', at: ago(30) });
  const nightIncidents = [
    makeIncidentReported({ category: 'fire', priority: 1, location: { kecamatan: code(0) }, at: ago(300) }),
    makeIncidentReported({ category: 'flood', priority: 2, location: { kecamatan: code(3) }, at: ago(200) }),
    makeIncidentReported({ category: 'medical', line: '119', priority: 3, location: { kecamatan: code(6) }, at: ago(90) }),
  ];
  const closedAtNight = makeIncidentReported({ category: 'traffic-accident', priority: 2, location: { kecamatan: code(1) }, at: ago(400) });
  const night: PantauEvent[] = [
    ...nightCalls, answeredAtNight, makeCallAnswered({ callId: answeredAtNight.callId, at: ago(29) }),
    ...nightIncidents, closedAtNight,
    { id: `close-${closedAtNight.incidentId}`, type: 'incident.closed', at: ago(350), source: 'test', incidentId: closedAtNight.incidentId, outcome: 'resolved' },
  ];
  const morningCall = makeCallReceived({ line: '112', caller: { number: '081200000009' }, at: wib(nowMs) });
  const morningIncident = makeIncidentReported({ category: 'crime', priority: 1, location: { kecamatan: code(2) }, at: wib(nowMs) });
  const [first, second] = nightCalls;
  const [fire] = nightIncidents;
  const morning: PantauEvent[] = [
    makeCallAnswered({ callId: first?.callId ?? '', at: wib(nowMs) }),
    makeCallAnswered({ callId: second?.callId ?? '', agentId: 'agent-2', at: wib(nowMs) }),
    morningCall,
    { id: `close-${fire?.incidentId}`, type: 'incident.closed', at: wib(nowMs), source: 'test', incidentId: fire?.incidentId ?? '', outcome: 'resolved' },
    morningIncident,
  ];
  return {
    night, morning,
    waitingAtNight: nightCalls.map((c) => c.callId),
    openAtNight: nightIncidents.map((i) => i.incidentId),
    notYet: { callId: morningCall.callId, incidentId: morningIncident.incidentId },
    notAnyMore: { callId: answeredAtNight.callId, incidentId: closedAtNight.incidentId },
  };
}

async function lastArrivalMs(): Promise<number> {
  const [last] = (await app.redis.redis.xrevrange(app.keys('live').stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
  return Number(last?.[0].split('-')[0]);
}

async function redisNowMs(): Promise<number> {
  const [s, us] = await app.redis.redis.time();
  return Number(s) * 1_000 + Math.floor(Number(us) / 1_000);
}

async function expectWallAt(page: Page, day: ReturnType<typeof scriptedDay>): Promise<void> {
  for (const id of day.waitingAtNight) await page.locator(`[data-testid="waiting-call-${id}"]`).waitFor({ timeout: 20_000 });
  for (const id of day.openAtNight) await page.locator(`[data-testid="ticker-incident-${id}"]`).first().waitFor({ timeout: 20_000 });
  // Not yet reported, or already over, at that moment.
  for (const sel of [`waiting-call-${day.notYet.callId}`, `ticker-incident-${day.notYet.incidentId}`, `waiting-call-${day.notAnyMore.callId}`, `ticker-incident-${day.notAnyMore.incidentId}`]) {
    expect(await page.locator(`[data-testid="${sel}"]`).count(), sel).toBe(0);
  }
  // The banner stands where LIVE does, and LIVE is nowhere.
  await page.locator('[data-testid="replay-badge"]').waitFor({ timeout: 10_000 });
  expect(await page.locator('[data-testid="conn-state"]').count()).toBe(0);
  expect(await page.locator('[data-testid="replay-badge"]').textContent()).toContain('PUTAR ULANG');
}

describe('wall, replay', () => {
  it('shows what the wall showed at a past moment, says PUTAR ULANG, and plays forward', async () => {
    const day = scriptedDay(Date.now());
    expect((await app.post('/api/v1/events', day.night)).status).toBe(200);
    const nightEndMs = await lastArrivalMs();
    // The morning arrives a few seconds later by Redis's clock (stream ids are arrival times):
    // the time the replay at 1× takes to reach it.
    await waitFor(async () => (await redisNowMs()) >= nightEndMs + 6_000 || null, { timeoutMs: 15_000, intervalMs: 200, what: 'Redis time past the night' });
    expect((await app.post('/api/v1/events', day.morning)).status).toBe(200);

    const tz = city.profile.profile.timezone;
    const at = encodeURIComponent(toIsoWithOffset(nightEndMs, tz));
    const shots: [ViewportName, string][] = [['1080p', 'wall-replay-1080p'], ['4k', 'wall-replay-4k']];
    for (const [viewport, name] of shots) {
      const opened = await openPage(browser, { viewport, url: `${app.url}/wall?token=${OPERATOR_TOKEN}&page=overview&lang=id&replay=${at}&speed=1` });
      pages.push(opened);
      await expectWallAt(opened.page, day);
      const shownAt = Date.parse((await opened.page.locator('[data-testid="replay-badge"]').getAttribute('data-at')) ?? '');
      expect(shownAt).toBeGreaterThanOrEqual(nightEndMs);
      expect(shownAt).toBeLessThan(nightEndMs + 6_000);
      await screenshot(opened.page, name);
      expect(opened.blocked).toEqual([]);
      expect(opened.errors).toEqual([]);
    }

    // Playing forward at 1×, the morning arrives on the replayed wall too.
    const { page } = pages[0] as OpenedPage;
    await page.locator(`[data-testid="ticker-incident-${day.notYet.incidentId}"]`).first().waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="waiting-call-${day.notYet.callId}"]`).waitFor({ timeout: 10_000 });
  });

  it('refuses a display token in the banner, and the picker builds the address', async () => {
    const display = await openPage(browser, { url: `${app.url}/wall?token=test-display-token&page=overview&replay=${encodeURIComponent(toIsoWithOffset(Date.now() - 60_000, 'Asia/Jakarta'))}` });
    pages.push(display);
    await display.page.locator('[data-testid="replay-error"]').waitFor({ timeout: 20_000 });
    await screenshot(display.page, 'wall-replay-refused-1080p');

    const picker = await openPage(browser, { url: `${app.url}/replay?token=${OPERATOR_TOKEN}&lang=id` });
    pages.push(picker);
    await picker.page.locator('[data-testid="replay-moment"]').waitFor({ timeout: 20_000 });
    await picker.page.selectOption('[data-testid="replay-speed"]', '60');
    await picker.page.selectOption('[data-testid="replay-page"]', 'map');
    await screenshot(picker.page, 'replay-picker-1080p');
    await Promise.all([picker.page.waitForURL(/\/wall\?/), picker.page.click('[data-testid="replay-start"]')]);
    const url = new URL(picker.page.url());
    expect(url.searchParams.get('speed')).toBe('60');
    expect(url.searchParams.get('page')).toBe('map');
    expect(Date.parse(url.searchParams.get('replay') ?? '')).toBeLessThan(Date.now());
    await picker.page.locator('[data-testid="replay-badge"]').waitFor({ timeout: 20_000 });
  });
});
