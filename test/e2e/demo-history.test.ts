// The executive view of a fresh demo (issue 17): the month of history the demo writes in the
// background gives every trend its 30 daily points, not one dot for today.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { waitFor } from '../support/wait.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '1' }, { clientDir, demoBackfill: true })]);
  await waitFor(async () => {
    const s = (await app.get('/api/v1/demo/status')).json as { running?: boolean; writingHistory?: boolean };
    return s.running === true && s.writingHistory === false;
  }, { timeoutMs: 240_000, intervalMs: 1_000, what: 'the demo to write its history' });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Points drawn per trend chart: dots of the first line, or bars with a height. */
async function pointsPerTrend(page: Page): Promise<Record<string, { points: number; distinct: number }>> {
  return page.evaluate(() => {
    const out: Record<string, { points: number; distinct: number }> = {};
    for (const fig of document.querySelectorAll<HTMLElement>('[data-testid^="exec-trend-"].trend')) {
      const id = fig.dataset.testid ?? '';
      const dots = [...fig.querySelectorAll('.recharts-line-dots')][0]?.querySelectorAll('circle') ?? [];
      const bars = [...fig.querySelectorAll('.recharts-bar-rectangle path, .recharts-bar-rectangle rect')];
      const ys = dots.length > 0 ? [...dots].map((c) => c.getAttribute('cy')) : bars.map((b) => b.getBoundingClientRect().height.toFixed(1));
      out[id] = { points: ys.length, distinct: new Set(ys).size };
    }
    return out;
  });
}

describe('the demo executive view', () => {
  it.each(['1080p', '4k'] as const)('shows 30 daily points on every trend at %s', async (viewport) => {
    const opened = await openPage(browser, { viewport, url: `${app.url}/executive?lang=id&range=30d` });
    const { page } = opened;
    await page.locator('[data-testid="exec-range-30d"][aria-pressed="true"]').waitFor();
    let last: Record<string, { points: number; distinct: number }> = {};
    await waitFor(async () => {
      last = await pointsPerTrend(page);
      const charts = Object.values(last);
      return charts.length >= 4 && charts.every((c) => c.points >= 30);
    }, { timeoutMs: 60_000, what: `30 points on every trend (${JSON.stringify(last)})` });
    // The volumes move from day to day (weekends, chance), not one value repeated.
    expect(last['exec-trend-offered']?.distinct ?? 0, JSON.stringify(last)).toBeGreaterThan(5);
    await screenshot(page, `demo-executive-30d-${viewport}`);
    expect(opened.errors).toEqual([]);
    expect(opened.blocked).toEqual([]);
    await opened.close();
  });
});
