// The foundation end to end: a call posted to the API appears on the wall in a real browser
// within a second; the banner says RECONNECTING when the server goes away and LIVE when it
// is back, with no reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { DISPLAY_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage } from '../support/browser.ts';
import { makeCallReceived } from '../support/factories.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;
let opened: OpenedPage;

beforeAll(async () => {
  browser = await launchBrowser();
  app = await startApp({}, { clientDir });
});
afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await app?.close();
});

describe('wall, live', () => {
  // How fast a call reaches a wall is the bench's figure (POST→client p99), not this test's.
  it('shows a posted call, masks its number, and survives the server going away', async () => {
    opened = await openPage(browser, { url: `${app.url}/wall?token=${DISPLAY_TOKEN}&page=overview&lang=id` });
    const { page } = opened;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });

    const call = makeCallReceived({ line: '112', caller: { number: '081234567789' } });
    expect((await app.post('/api/v1/events', [call])).status).toBe(200);
    const row = page.locator(`[data-testid="waiting-call-${call.callId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('0812****789');
    expect(await page.content()).not.toContain('081234567789');
    await screenshot(page, 'wall-live-1080p');

    // The server goes away: RECONNECTING after ~3 s, then back to LIVE on its own.
    const port = app.port;
    const prefix = app.prefix;
    await app.close();
    await page.locator('[data-testid="conn-banner"][data-state="reconnecting"]').waitFor({ timeout: 10_000 });
    await screenshot(page, 'wall-reconnecting-1080p');
    app = await startApp({ PORT: String(port) }, { clientDir, keyPrefix: prefix });
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="conn-banner"]').count()).toBe(0);
    // State survived: the call is still waiting on the wall.
    await row.waitFor({ timeout: 5_000 });
    expect(opened.blocked).toEqual([]);
  });
});
