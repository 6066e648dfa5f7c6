// Issue #20 finding 3 in a real browser: Redis is killed with a wall open. Within 5 s the
// wall leaves LIVE and says the data source is lost, its wait timers stop; a wall opened
// during the outage (4K) says so too. When Redis is back the wall returns to LIVE on its own,
// with the server's current figures and ticking timers, and shows what is posted next.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage } from '../support/browser.ts';
import { makeCallReceived, wib } from '../support/factories.ts';
import { RedisUnderTest } from '../support/fault-processes.ts';
import { freePort } from '../support/redis-process.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let dir: string;
let redis: RedisUnderTest;
let browser: Browser;
let app: TestApp;
const pages: OpenedPage[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pantau-away-e2e-'));
  redis = new RedisUnderTest(await freePort(), dir, 'always');
  await redis.start();
  browser = await launchBrowser();
  app = await startApp({}, { clientDir, redisUrl: redis.url });
});
afterAll(async () => {
  for (const p of pages) await p.close();
  await browser?.close();
  await app?.close();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function wall(viewport: '1080p' | '4k'): Promise<Page> {
  const opened = await openPage(browser, { viewport, url: `${app.url}/wall?token=${DISPLAY_TOKEN}&lang=id` });
  pages.push(opened);
  return opened.page;
}

const timerOf = (page: Page, callId: string) => page.locator(`[data-testid="waiting-call-${callId}"] .wait-time`);

describe('wall while Redis is away', () => {
  it('leaves LIVE within 5 s, stops its timers, and returns to LIVE with fresh figures', async () => {
    const waiting = makeCallReceived({ line: '112', at: wib(Date.now() - 95_000) });
    expect((await app.post('/api/v1/events', [waiting])).status).toBe(200);
    const page = await wall('1080p');
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    await timerOf(page, waiting.callId).waitFor({ timeout: 20_000 });

    await redis.kill();
    const killedAt = Date.now();
    await page.locator('[data-testid="conn-state"][data-state="stale"]').waitFor({ timeout: 5_000 });
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    const banner = page.locator('[data-testid="conn-banner"][data-state="stale"][data-reason="source"]');
    await banner.waitFor({ timeout: 1_000 });
    expect(await banner.textContent()).toMatch(/^Sumber data terputus/);
    expect(await page.locator('[data-testid="view-wall"]').getAttribute('data-stale')).toBe('true');
    // The timers stop at the moment the data was last current.
    const frozen = await timerOf(page, waiting.callId).textContent();
    await page.waitForTimeout(2_500);
    expect(await timerOf(page, waiting.callId).textContent()).toBe(frozen);
    await screenshot(page, 'wall-source-away-1080p');

    // A wall that opens during the outage gets what the server holds, and is told at once.
    const late = await wall('4k');
    await late.locator('[data-testid="conn-banner"][data-reason="source"]').waitFor({ timeout: 20_000 });
    await timerOf(late, waiting.callId).waitFor({ timeout: 5_000 });
    await screenshot(late, 'wall-source-away-4k');

    await redis.start();
    for (const p of [page, late]) {
      await p.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 20_000 });
      expect(await p.locator('[data-testid="conn-banner"]').count()).toBe(0);
      expect(await p.locator('[data-testid="view-wall"]').getAttribute('data-stale')).toBeNull();
    }
    // Ticking again, from the real wait (not from where it froze).
    await expect.poll(async () => (await timerOf(page, waiting.callId).textContent()) !== frozen, { timeout: 3_000 }).toBe(true);
    const next = makeCallReceived({ line: '112' });
    await expect.poll(async () => (await app.post('/api/v1/events', [next])).status, { timeout: 10_000 }).toBe(200);
    await page.locator(`[data-testid="waiting-call-${next.callId}"]`).waitFor({ timeout: 10_000 });
    await screenshot(page, 'wall-source-back-1080p');
  }, 120_000);
});
