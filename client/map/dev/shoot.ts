// Builds the map harness, serves it, and drives Debian's chromium over it: screenshots at
// 1920×1080 into test/artifacts/map-*.png and pan frame times with 10,000 incidents.
// Run: node --import tsx client/map/dev/shoot.ts   (dev-only; nothing here ships)
/* eslint-disable no-restricted-imports -- Node-side dev tooling (run by node/vite, never bundled into the client). */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const configFile = join(here, 'vite.config.ts');
const artifacts = resolve(here, '../../../test/artifacts');
mkdirSync(artifacts, { recursive: true });
const outDir = mkdtempSync(join(tmpdir(), 'pantau-map-harness-'));

await build({ configFile, build: { outDir } });
const server = await preview({ configFile, build: { outDir }, preview: { port: 0 } });
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('preview server has no URL');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const blocked: string[] = [];
const errors: string[] = [];

async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  // Offline like a wall: anything that leaves this machine is aborted and reported.
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  page.on('pageerror', (e) => errors.push(`${query}: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${query}: ${m.text()}`); });
  await page.goto(`${base}harness.html?${query}`);
  await page.waitForFunction(() => window.__mapHarness?.ready === true, undefined, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(400);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifacts, `map-${name}.png`) });
  console.log(`shot map-${name}.png`);
}

/** Drags the map back and forth with the mouse while recording requestAnimationFrame deltas. */
async function measurePan(page: Page): Promise<{ frames: number; p50: number; p95: number; max: number; moveendMs: number[] }> {
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    let last = 0;
    const loop = (t) => { window.__frames.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(loop); });
  })()`);
  const moveendMs: number[] = [];
  for (let pass = 0; pass < 6; pass++) {
    const dir = pass % 2 === 0 ? 1 : -1;
    await page.mouse.move(960, 540);
    await page.mouse.down();
    for (let i = 1; i <= 60; i++) await page.mouse.move(960 + dir * i * 9, 540 + dir * i * 4);
    await page.mouse.up();
    // Let moveend recompute the visible clusters before the next drag.
    const t = await page.evaluate(() => new Promise<number>((res) => {
      const t0 = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => res(performance.now() - t0)));
    }));
    moveendMs.push(Math.round(t));
  }
  const frames = await page.evaluate<number[]>('(window.__stop = true, window.__frames.slice(2))');
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { frames: frames.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? NaN, moveendMs };
}

try {
  for (const n of [0, 50, 10_000]) {
    const page = await open(`n=${n}&mode=wall`);
    await shot(page, `wall-${n}`);
    // The same drags over an empty map give the machine's own baseline (the CI boxes are shared).
    if (n === 0) console.log('pan empty wall (baseline)', JSON.stringify(await measurePan(page)));
    if (n === 10_000) {
      const counts = await page.evaluate(() => ({
        markers: document.querySelectorAll('[data-incident-id]').length,
        clusters: document.querySelectorAll('[data-cluster-count]').length,
      }));
      console.log('10k visible', counts);
      for (let run = 1; run <= 3; run++) console.log(`pan 10k wall, run ${run}`, JSON.stringify(await measurePan(page)));
      const touch = await page.evaluate(() => window.__mapHarness?.touch(500));
      const add = await page.evaluate(() => window.__mapHarness?.addIncident({ priority: 1, category: 'fire' }));
      console.log('update 10k: status change of 500 (no rebuild) ms', touch, '; one new incident (rebuild) ms', add);
    }
    await page.close();
  }

  let page = await open('n=10000&mode=wall&choro=count');
  await shot(page, 'wall-10000-choropleth-count');
  await page.close();

  page = await open('n=400&mode=wall&choro=per10k');
  await shot(page, 'wall-choropleth-per10k');
  await page.close();

  page = await open('n=50&mode=wall');
  await page.evaluate(() => window.__mapHarness?.addIncident({ priority: 1, category: 'fire', location: { lat: -6.2005, lon: 106.6902 } }));
  await page.waitForTimeout(450);
  await shot(page, 'wall-pulse');
  const pulsed = await page.evaluate(() => document.querySelectorAll('.pm-pulse').length);
  console.log('pulsing markers', pulsed);
  await page.close();

  page = await open('n=50&mode=desk');
  await shot(page, 'desk-50');
  const marker = page.locator('[data-incident-id]').first();
  await marker.click();
  await page.waitForSelector('[data-testid="incident-popup"]');
  await page.waitForTimeout(400);
  await shot(page, 'desk-incident-popup');
  console.log('selected', await page.evaluate(() => window.__mapHarness?.selected));
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="choropleth-toggle"] button[data-mode="per10k"]').click();
  await page.mouse.click(1448, 965);
  await page.waitForSelector('[data-testid="kecamatan-popup"]');
  await page.waitForTimeout(400);
  await shot(page, 'desk-kecamatan-popup');
  await page.close();

  page = await open('n=10000&mode=desk&zoom=17');
  await shot(page, 'desk-10000-zoom17');
  // The bubble of incidents stacked on a kecamatan point cannot split: it lists them instead.
  await page.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>('[data-cluster-count]')];
    all.sort((a, b) => Number(b.dataset['clusterCount']) - Number(a.dataset['clusterCount']));
    all[0]?.click();
  });
  await page.waitForSelector('[data-testid="cluster-popup"]');
  await page.waitForTimeout(400);
  await shot(page, 'desk-cluster-list');
  await page.keyboard.press('Escape');
  const pan = await measurePan(page);
  console.log('pan 10k desk z17', JSON.stringify(pan));
  await page.close();

  // A wall runs for days: churn the open set and check the DOM and heap stay flat.
  page = await open('n=2000&mode=wall');
  const probe = () => page.evaluate(() => ({
    nodes: document.getElementsByTagName('*').length,
    heapMb: Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6),
  }));
  await page.evaluate(() => window.__mapHarness?.churn(50));
  const before = await probe();
  await page.evaluate(() => window.__mapHarness?.churn(300));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  console.log('soak (300 updates of 20 new incidents, 2,000 open)', JSON.stringify({ before, after: await probe() }));
  await page.close();

  console.log('blocked requests', blocked.length, blocked.slice(0, 5));
  console.log('page errors', errors);
} finally {
  await browser.close();
  await new Promise<void>((res) => server.httpServer.close(() => res()));
  rmSync(outDir, { recursive: true, force: true });
}
