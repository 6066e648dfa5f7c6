// A city LAN often serves the wall over plain HTTP under a host name, with no TLS in front
// (issue #20, finding 2). Chromium treats such a page as insecure, so a Content-Security-Policy
// with `upgrade-insecure-requests` sends its scripts and styles to https:// and the page stays
// blank. Here the browser resolves a made-up host name to this machine
// (--host-resolver-rules), so no request leaves 127.0.0.1.
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { screenshot } from '../support/browser.ts';

const HOST = 'pantau.lan';
const clientDir = join(process.cwd(), 'dist', 'client');

let browser: Browser;
let app: TestApp;
beforeAll(async () => {
  [browser, app] = await Promise.all([
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--no-first-run', '--disable-quic', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
    }),
    startApp({}, { clientDir }),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('plain HTTP on a LAN host name', () => {
  it('serves no upgrade-insecure-requests directive', async () => {
    const csp = (await app.get('/wall')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it(`draws the wall at http://${HOST}:<port>/wall`, async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'block' });
    const requested: string[] = [];
    const failed: string[] = [];
    // Only this host and this machine: anything else is aborted and fails the test below.
    await context.route((url) => url.hostname !== HOST && url.hostname !== '127.0.0.1' && !['data:', 'blob:'].includes(url.protocol), async (route) => {
      failed.push(route.request().url());
      await route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    page.on('requestfailed', (r) => failed.push(r.url()));
    try {
      const url = `http://${HOST}:${app.port}/wall?token=${DISPLAY_TOKEN}`;
      await page.goto(url, { waitUntil: 'load' });
      await page.getByTestId('view-wall').waitFor({ timeout: 45_000 });
      await screenshot(page, 'wall-plain-http-lan-1080p');
      const assets = requested.filter((u) => /\.(js|css)(\?|$)/.test(u));
      expect(assets.length).toBeGreaterThan(0);
      for (const u of assets) expect(u.startsWith(`http://${HOST}:${app.port}/`)).toBe(true);
      expect(failed).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
