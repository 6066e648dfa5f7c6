// Builds the apps harness and screenshots it in Debian's chromium into test/artifacts:
// apps-wall-1920.png (the wall's apps page), apps-wall-3840.png (same layout, 4K),
// apps-panel-1920.png (the overview's right column) and apps-trends.png (executive).
// Run: node --import tsx client/apps/dev/shoot.ts   (dev-only; nothing here ships)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const configFile = join(here, 'vite.config.ts');
const artifacts = resolve(here, '../../../test/artifacts');
mkdirSync(artifacts, { recursive: true });
const outDir = mkdtempSync(join(tmpdir(), 'pantau-apps-harness-'));

await build({ configFile, build: { outDir } });
const server = await preview({ configFile, build: { outDir }, preview: { port: 0 } });
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('preview server has no URL');
const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});

const shots: [string, string, number, number, boolean][] = [
  ['apps-wall-1920', 'layout=full', 1920, 1080, false],
  ['apps-wall-3840', 'layout=full', 3840, 2160, false],
  ['apps-panel-1920', 'layout=panel', 1920, 1080, false],
  ['apps-trends', 'layout=trends', 1440, 900, true],
];
for (const [name, query, width, height, fullPage] of shots) {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}harness.html?${query}`);
  await page.waitForFunction(() => window.__appsHarness?.ready === true, undefined, { timeout: 60_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
  // What the wall must show: every app a cell, none cut off by the box, and the type sizes.
  const facts = await page.evaluate(`(() => {
    const cells = [...document.querySelectorAll('[data-app-state]')];
    const grid = document.querySelector('.app-grid-cells');
    const box = grid ? grid.getBoundingClientRect() : null;
    const clipped = box ? cells.filter((c) => c.getBoundingClientRect().bottom > box.bottom + 1).length : 0;
    const px = (sel) => { const el = document.querySelector(sel); return el ? parseFloat(getComputedStyle(el).fontSize) : null; };
    const cell = cells[0] ? cells[0].getBoundingClientRect() : null;
    return { cells: cells.length, clipped, cellPx: cell ? [Math.round(cell.width), Math.round(cell.height)] : null,
      cellFontPx: px('.app-cell'), attentionFontPx: px('.app-attn'), countsFontPx: px('.app-count'), topFontPx: px('.top-app') };
  })()`);
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
  console.log(JSON.stringify({ shot: `${name}.png`, ...(facts as object), errors }));
  await page.close();
}
await browser.close();
await new Promise<void>((res) => server.httpServer.close(() => res()));
rmSync(outDir, { recursive: true, force: true });
