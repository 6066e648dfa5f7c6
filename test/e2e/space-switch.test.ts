// The demo while signed in (issue 17): a role that may see both spaces gets a visible LIVE | DEMO
// switch on the operator desk, the executive view and the wall, instead of having to know
// `?space=demo`; the switch reloads the view on the other space and every read follows it (the
// executive's KPIs too). A visitor and the presenter see only the demo and get no switch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage } from '../support/browser.ts';
import { makeCallReceived } from '../support/factories.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;

beforeAll(async () => {
  [browser, app] = await Promise.all([
    launchBrowser(),
    startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '600' }, { clientDir, demoBackfill: false }),
  ]);
  // One live call, so the live space is told apart from the simulation by more than a badge.
  expect((await app.post('/api/v1/events', [makeCallReceived({ line: '112' })], { token: INGEST_KEY })).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const pressed = (page: Page, space: string) => page.locator(`[data-testid="space-${space}"][aria-pressed="true"]`);

async function switchToDemo(opened: OpenedPage, shot: string): Promise<void> {
  const { page } = opened;
  await page.getByTestId('space-switch').waitFor({ timeout: 45_000 });
  await pressed(page, 'live').waitFor({ timeout: 45_000 });
  expect(await page.getByTestId('demo-badge').count()).toBe(0);
  await page.getByTestId('space-demo').click();
  await page.waitForURL((url) => url.searchParams.get('space') === 'demo');
  await pressed(page, 'demo').waitFor({ timeout: 45_000 });
  await page.getByTestId('demo-badge').first().waitFor();
  await screenshot(page, shot);
  await page.getByTestId('space-live').click();
  await page.waitForURL((url) => !url.searchParams.has('space'));
  await pressed(page, 'live').waitFor({ timeout: 45_000 });
  expect(opened.errors).toEqual([]);
  expect(opened.blocked).toEqual([]);
}

describe('the LIVE | DEMO switch', () => {
  it('on the executive view: the KPIs follow the space', async () => {
    const opened = await openPage(browser, { url: `${app.url}/executive?token=${EXECUTIVE_TOKEN}&lang=id` });
    const kpiSpaces: string[] = [];
    opened.page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname === '/api/v1/kpis') kpiSpaces.push(u.searchParams.get('space') ?? 'live');
    });
    await switchToDemo(opened, 'space-switch-executive-demo-1080p');
    expect(kpiSpaces).toContain('demo');
    expect(kpiSpaces).toContain('live');
    await opened.close();
  });

  it('on the operator desk, at 1080p and 4K', async () => {
    for (const viewport of ['1080p', '4k'] as const) {
      const opened = await openPage(browser, { viewport, url: `${app.url}/operator?token=${OPERATOR_TOKEN}&lang=id` });
      await switchToDemo(opened, `space-switch-operator-demo-${viewport}`);
      await opened.close();
    }
  });

  it('on the wall', async () => {
    const opened = await openPage(browser, { url: `${app.url}/wall?token=${DISPLAY_TOKEN}&page=overview&lang=id` });
    await switchToDemo(opened, 'space-switch-wall-demo-1080p');
    await opened.close();
  });

  it('not for a visitor or the presenter, who only ever see the demo', async () => {
    for (const url of [`${app.url}/wall?page=overview`, `${app.url}/wall?token=${PRESENTER_TOKEN}&page=overview`]) {
      const opened = await openPage(browser, { url });
      await opened.page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
      await opened.page.getByTestId('demo-badge').first().waitFor();
      expect(await opened.page.getByTestId('space-switch').count()).toBe(0);
      await opened.close();
    }
  });
});
