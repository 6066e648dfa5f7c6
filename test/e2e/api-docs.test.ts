// The API docs page (GET /api/docs) in Debian's chromium: it renders offline (nothing requested
// beyond this machine, no page error), lists every route of the registry, and is screenshotted
// at 1920×1080 and 3840×2160. It needs no built client: the page is rendered by the server.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_DOCS } from '../../server/integrations/openapi/route-docs.ts';
import { launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { startApp, type TestApp } from '../support/app-harness.ts';

let app: TestApp;
let browser: Browser;
beforeAll(async () => {
  app = await startApp({}, { demoBackfill: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
  await app.close();
});

describe('API docs page', () => {
  for (const viewport of ['1080p', '4k'] as const) {
    it(`renders every route offline at ${viewport}`, async () => {
      const opened = await openPage(browser, { viewport, url: `${app.url}/api/docs` });
      const { page } = opened;
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('h1').textContent()).toContain(app.city.profile.name);
      expect(await page.locator('section h3').count()).toBeGreaterThanOrEqual(ROUTE_DOCS.length);
      const text = await page.locator('body').textContent();
      for (const d of ROUTE_DOCS) expect(text, d.path).toContain(d.path.replace(/:([A-Za-z]+)/g, '{$1}'));
      await screenshot(page, `api-docs-${viewport}`);
      expect(opened.blocked).toEqual([]);
      expect(opened.errors).toEqual([]);
      await opened.close();
    });
  }
});
