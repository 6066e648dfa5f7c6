// The executive scorecard keeps each figure inside its own cell: with units ("13,5 dtk",
// "22,1 mnt") figures side by side in a card of a five-across row used to run into each
// other at 1920 px. Seeded with a month of calls and incidents whose waits and response times
// give the widest figures, in both languages and at both sizes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { KecamatanCode, type PantauEvent } from '../../shared/contract/events.ts';
import { EXECUTIVE_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser.ts';
import { wib } from '../support/factories.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
const LOCALE = { id: 'id-ID', en: 'en-GB' } as const;
const DAY = 86_400_000;
const MIN = 60_000;

let browser: Browser;
let app: TestApp;

/** Every day of the last month: calls answered after 13.5 s, incidents reached after 22 minutes. */
function month(now: number): PantauEvent[] {
  const code = app.city.profile.kecamatan[0]?.code;
  const kecamatan = code === undefined ? undefined : KecamatanCode.parse(code);
  const out: PantauEvent[] = [];
  for (let d = 0; d < 30; d++) {
    for (let i = 0; i < 4; i++) {
      const t = now - d * DAY - (i + 1) * 20 * MIN;
      const callId = `fit-c${d}-${i}`;
      const incidentId = `fit-i${d}-${i}`;
      const line = i % 2 === 0 ? '112' : '119';
      out.push(
        { id: `${callId}-r`, type: 'call.received', at: wib(t), source: 'fit', callId, line },
        { id: `${callId}-a`, type: 'call.answered', at: wib(t + 13_500 + i * 1_000), source: 'fit', callId, agentId: 'agent-1' },
        { id: `${callId}-e`, type: 'call.ended', at: wib(t + 120_000), source: 'fit', callId, disposition: i === 3 ? 'prank' : 'emergency' },
        {
          id: `${incidentId}-r`, type: 'incident.reported', at: wib(t + 60_000), source: 'fit', incidentId, callId, line,
          category: 'fire', priority: 1, location: kecamatan ? { kecamatan } : { lat: -6.178, lon: 106.63 },
        },
        { id: `${incidentId}-d`, type: 'incident.dispatched', at: wib(t + 60_000 + 3.9 * MIN), source: 'fit', incidentId, agency: 'fire' },
        { id: `${incidentId}-o`, type: 'incident.on_scene', at: wib(t + 60_000 + (22.1 + i) * MIN), source: 'fit', incidentId },
      );
    }
  }
  return out;
}

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
  expect((await app.post('/api/v1/events', month(Date.now()))).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Scorecard figures whose text reaches past their cell, as "testid: px". */
async function overflowing(page: Page): Promise<string[]> {
  // A string, not a function: tsx wraps named inner functions in a helper the page lacks.
  return page.evaluate(`(() => {
    const out = [];
    for (const cell of document.querySelectorAll('.exec-cell')) {
      const value = cell.querySelector('.exec-cell-value');
      if (!value) continue;
      const range = document.createRange();
      range.selectNodeContents(value);
      const text = range.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      const over = Math.max(text.right - box.right, box.left - text.left);
      if (over > 0.5) out.push(cell.getAttribute('data-testid') + ': ' + Math.round(over));
    }
    return out;
  })()`);
}

describe('the executive scorecard', () => {
  it.each([
    ['id', '1080p'],
    ['en', '1080p'],
    ['id', '4k-native'],
  ] as const satisfies readonly (readonly ['id' | 'en', ViewportName])[])('keeps every figure in its cell, in %s at %s', async (lang, viewport) => {
    const opened = await openPage(browser, { viewport, url: `${app.url}/executive?token=${EXECUTIVE_TOKEN}&lang=${lang}&range=30d`, locale: LOCALE[lang] });
    const { page } = opened;
    await page.locator('[data-testid="exec-kpi-offered-current"][data-from]').waitFor({ timeout: 45_000 });
    // The widest figures are there: seconds and minutes with their units.
    await page.locator('[data-testid="exec-kpi-asa-current-value"]').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="exec-kpi-responseP90-current-value"]').filter({ hasText: /\d/ }).waitFor({ timeout: 30_000 });
    expect(await overflowing(page)).toEqual([]);
    // Still a figure to read on a laptop, not squeezed to nothing (body text here is about 14 px).
    const px = await page.evaluate(`parseFloat(getComputedStyle(document.querySelector('.exec-cell-value')).fontSize)`);
    expect(Number(px)).toBeGreaterThanOrEqual(20);
    await screenshot(page, `executive-fit-${lang}-${viewport}`);
    expect(opened.blocked).toEqual([]);
    expect(opened.errors).toEqual([]);
    await opened.close();
  }, 120_000);
});
