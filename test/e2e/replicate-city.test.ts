// Issue #17 ("replication in an afternoon"): the README's generate:city example, run verbatim on
// a fresh clone, makes a profile whose wall opens in Chromium with its boundaries and a
// non-empty app grid. The command is read from the README itself, so the test fails the day the
// README and the generator disagree.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot } from '../support/browser.ts';

const root = process.cwd();
const clientDir = join(root, 'dist', 'client');

function readmeExample(): { command: string; out: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const command = readme.split('\n').find((line) => line.startsWith('npm run generate:city -- '));
  if (command === undefined) throw new Error('README.md has no `npm run generate:city -- …` line');
  const out = /--out (\S+)/.exec(command)?.[1];
  if (out === undefined) throw new Error(`the README example names no --out: ${command}`);
  return { command, out };
}

let clone: string;
let browser: Browser | undefined;
let app: TestApp | undefined;
beforeAll(() => {
  clone = mkdtempSync(join(tmpdir(), 'pantau-replicate-'));
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(clone, { recursive: true, force: true });
});

describe("the README's replication example", () => {
  it('generates a city on a fresh clone whose wall shows its map and apps', async () => {
    const { command, out } = readmeExample();
    // A clone of what is committed, as a visiting team would get it; the packages are this
    // checkout's (a clone would install the same lockfile).
    execFileSync('git', ['clone', '--quiet', '--no-hardlinks', root, clone]);
    symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
    const printed = execFileSync('bash', ['-c', command], { cwd: clone, encoding: 'utf8', timeout: 120_000 });
    expect(printed).toContain('result: complete');

    const folder = join(clone, out);
    const profile = JSON.parse(readFileSync(join(folder, 'profile.json'), 'utf8')) as { name: string; kecamatan: { name: string }[] };
    [browser, app] = await Promise.all([launchBrowser(), startApp({ PANTAU_CITY: folder }, { clientDir })]);
    const opened = await openPage(browser, { url: `${app.url}/wall?token=${DISPLAY_TOKEN}&page=apps` });
    const { page } = opened;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    await page.locator('[data-testid="apps-page"] [data-testid="app-grid"]').waitFor({ timeout: 45_000 });
    const tiles = await page.locator('[data-testid="apps-page"] .app-cell').count();
    expect(tiles).toBeGreaterThan(0);
    expect(await page.locator('header').first().textContent()).toContain(profile.name);
    await screenshot(page, 'replicate-generated-city-apps-1080p');

    await page.goto(`${app.url}/wall?page=map`);
    await page.locator('.leaflet-overlay-pane path').first().waitFor({ timeout: 45_000 });
    expect(await page.locator('.leaflet-overlay-pane path').count()).toBeGreaterThanOrEqual(profile.kecamatan.length);
    await screenshot(page, 'replicate-generated-city-wall-1080p');
    expect(opened.blocked).toEqual([]);
    await opened.close();
  }, 240_000);
});
