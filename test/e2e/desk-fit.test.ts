// The operator desk on a 4K monitor without OS scaling (3840×2160 CSS pixels) is the 1080p desk
// at twice the size, not a quarter-size one (issue 16): the root font doubles and the columns
// keep their share of the width. Shots at 1080p and 4k-native. And incidents by priority: a P1
// posted after a P3 is listed above it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser.ts';
import { makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
  const call = makeCallReceived({ line: '112', at: wib(Date.now() - 8_000), caller: { number: '081234500001' } });
  expect((await app.post('/api/v1/events', [call])).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function measure(page: Page): Promise<{ rootPx: number; gridShare: number; queueShare: number }> {
  return page.evaluate(() => {
    const root = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const grid = document.querySelector('.op-grid')?.getBoundingClientRect();
    const queue = document.querySelector('[data-testid^="op-queue-"], .op-col')?.getBoundingClientRect();
    return { rootPx: root, gridShare: (grid?.width ?? 0) / window.innerWidth, queueShare: (queue?.width ?? 0) / window.innerWidth };
  });
}

describe('operator desk at 4K', () => {
  it('is the 1080p desk at twice the size', async () => {
    const seen: Record<string, Awaited<ReturnType<typeof measure>>> = {};
    for (const viewport of ['1080p', '4k-native'] as ViewportName[]) {
      const opened = await openPage(browser, { viewport, url: `${app.url}/operator?token=${OPERATOR_TOKEN}&lang=id` });
      await opened.page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
      await opened.page.getByText('081234500001').first().waitFor({ timeout: 10_000 });
      seen[viewport] = await measure(opened.page);
      await screenshot(opened.page, `operator-desk-${viewport}`);
      expect(opened.errors).toEqual([]);
      await opened.close();
    }
    const hd = seen['1080p'];
    const uhd = seen['4k-native'];
    expect(hd?.rootPx).toBe(16);
    expect(uhd?.rootPx).toBe(32);
    // Same layout: each column keeps its share of the width (within a pixel or two of rounding).
    expect(Math.abs((uhd?.gridShare ?? 0) - (hd?.gridShare ?? 1))).toBeLessThan(0.01);
    expect(Math.abs((uhd?.queueShare ?? 0) - (hd?.queueShare ?? 1))).toBeLessThan(0.01);
  }, 120_000);

  it('lists a P1 posted after a P3 above it', async () => {
    const p3 = makeIncidentReported({ priority: 3, category: 'flood', at: wib(Date.now() - 60_000) });
    expect((await app.post('/api/v1/events', [p3])).status).toBe(200);
    const p1 = makeIncidentReported({ priority: 1, category: 'fire', at: wib(Date.now()) });
    expect((await app.post('/api/v1/events', [p1])).status).toBe(200);
    const opened = await openPage(browser, { url: `${app.url}/operator?token=${OPERATOR_TOKEN}&lang=id` });
    await opened.page.getByTestId(`incident-row-${p1.incidentId}`).waitFor({ timeout: 45_000 });
    await opened.page.getByTestId(`incident-row-${p3.incidentId}`).waitFor({ timeout: 10_000 });
    const order = await opened.page.locator('[data-testid^="incident-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(order).toEqual([`incident-row-${p1.incidentId}`, `incident-row-${p3.incidentId}`]);
    expect(opened.errors).toEqual([]);
    await opened.close();
  }, 120_000);
});
