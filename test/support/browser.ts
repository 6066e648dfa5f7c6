// End-to-end helpers over Debian's chromium (playwright-core drives it; no downloaded browser).
// Every page runs offline: any request that is not to this machine is aborted and recorded,
// so a test can assert that the dashboard never reached for a tile server, a CDN or a font host.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEFAULT_TEST_CITY, TEST_CITY } from './test-city.ts';

/**
 * test/artifacts/ for the default city; test/artifacts/<city>/ for another, so the second e2e run
 * of scripts/test.sh does not overwrite the first one's screenshots of the same views.
 */
export const ARTIFACTS = new URL(TEST_CITY === DEFAULT_TEST_CITY ? '../artifacts/' : `../artifacts/${artifactDirName(TEST_CITY)}/`, import.meta.url);

/** A profile folder path becomes its last segment: the artifacts stay inside test/artifacts. */
function artifactDirName(city: string): string {
  return city.replace(/[\\/]+$/, '').split(/[\\/]/).pop()?.replace(/[^\w.-]/g, '_') || 'city';
}

/** `extraArgs`: more Chromium flags (e.g. the kiosk's `--autoplay-policy=…`, alarm.test.ts). */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/**
 * ui.md: "3840×2160 is the same layout at twice the pixels". So `4k` is the 1080p CSS viewport
 * at deviceScaleFactor 2 (a 3840×2160 screenshot of the same layout). `4k-native` is a 4K panel
 * whose browser does not scale (3840×2160 CSS pixels), to check the layout still fills it.
 */
export const VIEWPORTS = {
  '1080p': { width: 1920, height: 1080, deviceScaleFactor: 1 },
  '4k': { width: 1920, height: 1080, deviceScaleFactor: 2 },
  '4k-native': { width: 3840, height: 2160, deviceScaleFactor: 1 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface OpenPageOptions {
  viewport?: ViewportName;
  /** Navigate here once the page is set up (omit to set things up first, then `page.goto`). */
  url?: string;
  /** Defaults to Indonesian in Western Indonesia Time, as on a Kota Tangerang wall. */
  locale?: string;
  timezoneId?: string;
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** URLs of requests (HTTP and WebSocket) aborted because they were not to this machine. */
  blocked: string[];
  /** Uncaught page errors and console.error messages, in order. */
  errors: string[];
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for URLs that stay on this machine (data: and blob: never leave it either). */
export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return LOCAL_HOSTS.has(u.hostname);
}

export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const { width, height, deviceScaleFactor } = VIEWPORTS[options.viewport ?? '1080p'];
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor,
    locale: options.locale ?? 'id-ID',
    timezoneId: options.timezoneId ?? 'Asia/Jakarta',
    // A service worker could fetch past the routes below.
    serviceWorkers: 'block',
  });
  const blocked: string[] = [];
  await context.route(
    (url) => !isLocalUrl(url.href),
    async (route) => {
      blocked.push(route.request().url());
      await route.abort('blockedbyclient');
    },
  );
  // Routes do not see WebSockets; only non-local ones are routed here, local ones pass untouched.
  await context.routeWebSocket(
    (url) => !isLocalUrl(url.href),
    async (ws) => {
      blocked.push(ws.url());
      await ws.close({ code: 1008, reason: 'blocked by test/support/browser.ts' });
    },
  );

  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  if (options.url !== undefined) await page.goto(options.url, { waitUntil: 'load' });
  return { context, page, blocked, errors, close: () => context.close() };
}

/** Saves <ARTIFACTS>/<name>.png (device pixels: 3840×2160 for `4k`) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be a plain file name, got ${JSON.stringify(name)}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = fileURLToPath(new URL(`${name}.png`, ARTIFACTS));
  await page.screenshot({ path, animations: 'disabled', caret: 'hide', scale: 'device' });
  return path;
}

/**
 * Console errors of a page, less Chromium's "WebSocket is already in CLOSING or CLOSED state": the
 * live socket's ping on a connection the server already dropped, seen on the shared 2-core
 * machine when the executive view's range reads keep the in-process server busy past the
 * socket's ping timeout (the client reconnects by itself). It is about the live connection,
 * which the live and fault tests cover; anything else still fails the test. Used by the
 * executive tests only. Debt: not root-caused in the client (issue #18's session note).
 */
export function pageErrors(errors: readonly string[]): string[] {
  return errors.filter((e) => !e.includes('WebSocket is already in CLOSING or CLOSED state'));
}
