// Nothing on the wall's overview spills out of its panel, in either language and at any length
// of wait: a word cut at a panel's edge ("CRITICA") is the kind of defect a screenshot shows and
// a count does not. Calls that have waited over the critical threshold (and one over an hour)
// put the longest wait's level word at its widest, and the hour-long one shrinks its figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { DISPLAY_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser.ts';
import { makeCallReceived, wib } from '../support/factories.ts';
import { waitFor } from '../support/wait.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
const LOCALE = { id: 'id-ID', en: 'en-GB' } as const;

let browser: Browser;
let app: TestApp;
beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
  const now = Date.now();
  const calls = [
    makeCallReceived({ line: '112', at: wib(now - 95 * 60_000), caller: { number: '081234567789' } }),
    makeCallReceived({ line: '112', at: wib(now - 40_000), caller: { number: '085612345344' } }),
    makeCallReceived({ line: '119', at: wib(now - 125_000), caller: { number: '081398765899' } }),
  ];
  expect((await app.post('/api/v1/events', calls)).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Elements inside a panel whose box reaches past the panel's inner edges, as "testid: px". */
async function spills(page: Page): Promise<string[]> {
  // A string, not a function: tsx wraps named inner functions in a helper the page lacks.
  return page.evaluate(`(() => {
    const out = [];
    for (const panel of document.querySelectorAll('.queue, .wall-col--apps')) {
      const p = panel.getBoundingClientRect();
      for (const el of panel.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const over = Math.max(r.right - p.right, p.left - r.left);
        if (over > 1) out.push((el.getAttribute('data-testid') || el.className.baseVal || el.className || el.tagName) + ': ' + Math.round(over));
      }
    }
    return out;
  })()`);
}

/** Longest-wait labels that overlap the level icon or word beside the figure. */
async function overlaps(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    let n = 0;
    for (const q of document.querySelectorAll('.queue-longest')) {
      const label = q.querySelector('.queue-longest-label')?.getBoundingClientRect();
      for (const el of q.querySelectorAll('.queue-longest-timer .icon, .queue-longest-timer .wait-word')) {
        const r = el.getBoundingClientRect();
        if (label && r.left < label.right && label.left < r.right && r.top < label.bottom && label.top < r.bottom) n++;
      }
    }
    return n;
  })()`);
}

describe('the wall overview fits its panels', () => {
  it.each([
    ['id', '1080p'],
    ['en', '1080p'],
    ['en', '4k-native'],
  ] as const satisfies readonly (readonly ['id' | 'en', ViewportName])[])('in %s at %s, with critical waits', async (lang, viewport) => {
    const opened = await openPage(browser, { viewport, url: `${app.url}/wall?token=${DISPLAY_TOKEN}&page=overview&lang=${lang}`, locale: LOCALE[lang] });
    const { page } = opened;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    await waitFor(async () => ((await page.getByTestId('queue-112-waiting').first().textContent()) ?? '').trim() === '2', { timeoutMs: 20_000, what: 'the 112 queue' });
    await page.locator('.queue-longest-timer[data-level="critical"]').first().waitFor({ timeout: 20_000 });
    expect(await spills(page)).toEqual([]);
    // Past an hour the figure shrinks; its label must still clear the level word.
    expect(await overlaps(page)).toBe(0);
    await screenshot(page, `wall-fit-${lang}-${viewport}`);
    expect(opened.blocked).toEqual([]);
    await opened.close();
  }, 120_000);
});

describe('the demo wall header', () => {
  it('shows a whole date beside the demo controls, and apps in use from the start', async () => {
    const demo = await startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '10' }, { clientDir, demoBackfill: false });
    try {
      const opened = await openPage(browser, { viewport: '1080p', url: `${demo.url}/?lang=en`, locale: LOCALE.en });
      const { page } = opened;
      await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
      const date = page.getByTestId('clock-date-short');
      await date.waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('clock-date').isVisible()).toBe(false);
      // Not cut off: the text fits the box it is given.
      expect(await date.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      // A demo without a backfill (a reset) has apps in use within its first seconds, not after a
      // minute (before, every app read idle until then). How many depends on the catalog and the
      // hour: Kota Bandung's 40 apps at night have about nine in use.
      await waitFor(async () => (await page.locator('.app-cell[data-app-state="normal"]').count()) > 0, { timeoutMs: 30_000, what: 'apps in use' });
      await screenshot(page, 'demo-header-en-1080p');
      expect(opened.blocked).toEqual([]);
      await opened.close();
    } finally {
      await demo.close();
    }
  }, 120_000);
});
