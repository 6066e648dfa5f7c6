// The wall at scale (issue #21): with 10,000 open incidents the wall gets its snapshot in the
// compact form (shared/contract/wire.ts: a `snapshot:z` frame, not the plain JSON event), and
// after a reload it shows every one of them: the clusters and single markers on the map add up
// to 10,000, and the legend says so in the page's language (Indonesian `10.000`, English
// `10,000`). Screenshots at 1080p and 4K.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { CATEGORIES } from '../../shared/contract/events.ts';
import { WIRE_SNAPSHOT } from '../../shared/contract/wire.ts';
import { DISPLAY_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage, type ViewportName } from '../support/browser.ts';
import { makeIncidentReported, wib } from '../support/factories.ts';
import { loadTestCity, type TestCity } from '../support/test-city-data.ts';
import { waitFor } from '../support/wait.ts';
import { incidentsOnMap, legendOpen } from './map-dom.ts';
import { postAll } from './seed-history.ts';

const N = 10_000;
const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let city: TestCity;
let app: TestApp;

beforeAll(async () => {
  [browser, city] = await Promise.all([launchBrowser(), loadTestCity()]);
  app = await startApp({}, { clientDir });
  const events = city.pointsInside(N, 21).map(([lat, lon], i) => makeIncidentReported({
    category: CATEGORIES[i % CATEGORIES.length] ?? 'other',
    priority: 1 + (i % 4),
    location: { lat, lon },
    // Reported over the last hours, so none of them pulses as news in the shots.
    at: wib(Date.now() - 60_000 - (i % 7_200) * 1_000),
  }));
  await postAll((body) => app.post('/api/v1/events', body), events);
});
afterAll(async () => {
  await app?.close();
  await browser?.close();
});

/** Records the Socket.IO events the page receives, by name (the first text frame's event). */
function socketEvents(page: Page): string[] {
  const names: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
    if (typeof payload !== 'string') return;
    const m = /^4[25]\d*-?\["([^"]+)"/.exec(payload);
    if (m?.[1]) names.push(m[1]);
  }));
  return names;
}

/** Waits until the map shows all N (clusters plus single markers) and the legend says N in `format`. */
async function allOnMap(page: Page, shown: string): Promise<{ clusters: number; markers: number }> {
  await waitFor(async () => (await legendOpen(page)) === shown, { timeoutMs: 90_000, what: `the legend to say ${shown} open` });
  return waitFor(async () => {
    const d = await incidentsOnMap(page);
    return d.total === N ? d : null;
  }, { timeoutMs: 90_000, what: `${N} incidents on the map` });
}

async function finish(opened: OpenedPage): Promise<void> {
  expect(opened.blocked, `requests that left the machine: ${opened.blocked.join(', ')}`).toEqual([]);
  expect(opened.errors, `page errors: ${opened.errors.join(' | ')}`).toEqual([]);
  await opened.close();
}

describe(`the wall with ${N.toLocaleString('en')} open incidents`, () => {
  it.each([
    ['id', '10.000', '1080p'],
    ['en', '10,000', '4k'],
  ] as const)('shows all of them after a reload (%s: %s), from the compact snapshot', async (lang, shown, viewport: ViewportName) => {
    const opened = await openPage(browser, { viewport });
    const { page } = opened;
    const events = socketEvents(page);
    await page.goto(`${app.url}/wall?token=${DISPLAY_TOKEN}&page=map&lang=${lang}`);
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 60_000 });
    await allOnMap(page, shown);

    // A wall that restarts (a power cut, a reload) is whole again from a fresh snapshot.
    events.length = 0;
    await page.reload();
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 60_000 });
    const drawn = await allOnMap(page, shown);
    // Clustered: a readable number of bubbles whose counts add up to every incident.
    expect(drawn.clusters).toBeGreaterThan(0);
    expect(drawn.clusters + drawn.markers).toBeLessThan(300);
    expect(events[0], 'the first event after the reload').toBe(WIRE_SNAPSHOT);
    expect(events).not.toContain('snapshot');
    await screenshot(page, `wall-scale-10000-${lang}-${viewport}`);
    await finish(opened);
  });
});
