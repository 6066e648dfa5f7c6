// Demo mode end to end, as a visiting delegation meets it: the root URL with no credential, the
// guided tour from its first step to its end (a visitor only watches), and the presenter, signed
// in, starting scenarios from the tour and the panel that visibly change the map and the queues.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import { PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type OpenedPage } from '../support/browser.ts';
import { waitFor } from '../support/wait.ts';
import { incidentsOnMap } from './map-dom.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
const TOUR_STEPS = 7;
let browser: Browser;
let app: TestApp;
let opened: OpenedPage;
/** The presenter's browser: signed in with the presenter token (kept, then taken out of the URL). */
let presenter: OpenedPage;

/** Digits of a figure as shown (`1.234` / `1,234`), as a number. */
const figure = async (page: Page, testId: string): Promise<number> =>
  Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\D/g, '') || 'NaN');

/** Open incidents drawn on the map: single markers plus what each cluster holds. */
const onMap = async (page: Page): Promise<number> => (await incidentsOnMap(page)).total;

beforeAll(async () => {
  [browser, app] = await Promise.all([
    launchBrowser(),
    startApp({ PANTAU_DEMO: 'on', PANTAU_DEMO_SPEED: '600' }, { clientDir, demoBackfill: false }),
  ]);
  opened = await openPage(browser, { url: `${app.url}/` });
  presenter = await openPage(browser, { url: `${app.url}/?token=${PRESENTER_TOKEN}` });
});
afterAll(async () => {
  await opened?.close();
  await presenter?.close();
  await browser?.close();
  await app?.close();
});

describe('demo mode', () => {
  it('lands a visitor without a credential in demo mode: tour offered, data moving, watermark on, language switch', async () => {
    const { page } = opened;
    await page.getByTestId('view-demo').waitFor();
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    const start = page.getByTestId('tour-start');
    expect(await start.isEnabled()).toBe(true);
    expect(await start.textContent()).toBe('Mulai tur');
    const watermark = page.getByTestId('watermark');
    expect(await watermark.isVisible()).toBe(true);
    expect(await watermark.textContent()).toBe('DEMO — data simulasi');
    expect(await page.getByTestId('demo-badge').textContent()).toBe('DEMO — data simulasi');

    // Data moving: the simulator runs at 600×, so today's event counter climbs within seconds.
    const before = await waitFor(async () => {
      const n = await figure(page, 'events-today');
      return n > 0 ? n : null;
    }, { timeoutMs: 20_000, what: 'the first simulated events' });
    await waitFor(async () => (await figure(page, 'events-today')) > before, { timeoutMs: 20_000, what: 'events-today to grow' });

    // A demo viewer never gets a caller number, only the placeholder.
    const numbers = await page.evaluate(() => document.body.innerText.match(/\b0\d{9,12}\b/g) ?? []);
    expect(numbers).toEqual([]);
    await screenshot(page, 'demo-visitor-id');

    await page.getByTestId('lang-en').click();
    await waitFor(async () => (await start.textContent()) === 'Start tour', { timeoutMs: 20_000, what: 'the tour button in English' });
    expect(await watermark.textContent()).toBe('DEMO — simulated data');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    await screenshot(page, 'demo-visitor-en');
    await page.getByTestId('lang-id').click();
    await waitFor(async () => (await start.textContent()) === 'Mulai tur', { timeoutMs: 20_000, what: 'the tour button back in Indonesian' });
    expect(opened.blocked).toEqual([]);
  });

  it('runs the tour from its first step to its end, by keys, clicker and buttons', async () => {
    const { page } = opened;
    await page.getByTestId('tour-start').click();
    const tour = page.getByTestId('tour');
    await tour.waitFor();
    // Keyboard arrows, a clicker's PageDown, Space and the button all move it on.
    const advance = ['ArrowRight', 'PageDown', ' ', 'click', 'ArrowRight', 'PageDown'] as const;
    const titles: string[] = [];
    for (let n = 1; n <= TOUR_STEPS; n++) {
      const step = page.getByTestId(`tour-step-${n}`);
      await step.waitFor();
      expect(await page.getByTestId('tour-progress').textContent()).toBe(`Langkah ${n} dari ${TOUR_STEPS}`);
      const title = (await step.locator('#tour-title').textContent()) ?? '';
      expect(title.length).toBeGreaterThan(5);
      titles.push(title);
      if ((await step.getAttribute('data-step')) === 'scenario') {
        // A visitor may not drive the demo: the step shows what runs (nothing yet) and calls
        // rising from the moment it opened; the presenter's tour starts the flood (below).
        await page.locator('[data-testid="tour-scenario-state"][data-state="idle"]').waitFor({ timeout: 10_000 });
        await waitFor(async () => ((await page.getByTestId('tour-rise-offered').textContent()) ?? '').includes('+'), {
          timeoutMs: 20_000,
          what: 'calls to rise during the scenario step',
        });
      }
      await screenshot(page, `tour-step-${n}-1080p`);
      if (n === TOUR_STEPS) break;
      const how = advance[n - 1] ?? 'click';
      if (how === 'click') await page.getByTestId('tour-next').click();
      else await page.keyboard.press(how === ' ' ? 'Space' : how);
    }
    expect(new Set(titles).size).toBe(TOUR_STEPS);
    expect(titles[0]).toBe('Selamat datang di Pantau');
    expect(await page.getByTestId('tour-command').textContent()).toContain('npm run generate:city');
    // "Selesai" on the last step ends the tour cleanly and offers it again.
    expect(await page.getByTestId('tour-next').textContent()).toContain('Selesai');
    await page.getByTestId('tour-next').click();
    await tour.waitFor({ state: 'detached' });
    expect(await page.getByTestId('tour-start').isEnabled()).toBe(true);

    // PageUp goes back; Esc ends it from anywhere.
    await page.getByTestId('tour-start').click();
    await page.getByTestId('tour-step-1').waitFor();
    await page.keyboard.press('PageDown');
    await page.getByTestId('tour-step-2').waitFor();
    await page.keyboard.press('PageUp');
    await page.getByTestId('tour-step-1').waitFor();
    await page.keyboard.press('Escape');
    await tour.waitFor({ state: 'detached' });
    expect(opened.errors).toEqual([]);
  });

  it('a visitor only watches: no presenter panel, by button or by key', async () => {
    const { page } = opened;
    expect(await page.getByTestId('presenter-toggle').count()).toBe(0);
    await page.keyboard.press('p');
    // Give a (wrongly) opening panel the time of a render before asserting its absence.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await page.getByTestId('presenter').count()).toBe(0);
  });

  it('the presenter, signed in, starts the flood from the tour and a fire from the panel: the map and the queues change', async () => {
    await presenter.page.getByTestId('view-demo').waitFor();
    await presenter.page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    const { page } = presenter;
    await page.getByTestId('tour-start').click();
    for (let n = 1; n <= TOUR_STEPS; n++) {
      const step = page.getByTestId(`tour-step-${n}`);
      await step.waitFor();
      if ((await step.getAttribute('data-step')) === 'scenario') break;
      await page.getByTestId('tour-next').click();
    }
    await page.locator('[data-testid="tour-scenario-state"][data-state="started"]').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('tour').waitFor({ state: 'detached' });

    await page.getByTestId('presenter-toggle').waitFor();
    await page.keyboard.press('p');
    const panel = page.getByTestId('presenter');
    await panel.waitFor();
    await page.getByTestId('speed-60').click();
    await page.locator('[data-testid="speed-60"][aria-pressed="true"]').waitFor({ timeout: 10_000 });
    const answered = async () => (await figure(page, 'queue-112-answered')) + (await figure(page, 'queue-119-answered'));
    const mapBefore = await onMap(page);
    const callsBefore = await answered();
    await screenshot(page, 'scenario-before-1080p');

    await page.getByTestId('scenario-large-fire').click();
    const active = page.getByTestId('presenter-active-large-fire');
    await active.waitFor({ timeout: 10_000 });
    // The status names the kecamatan on fire; the ticker must show a fire there.
    const where = ((await active.textContent()) ?? '').split(' · ')[1] ?? '';
    expect(where.length).toBeGreaterThan(2);
    await page
      .locator('[data-testid^="ticker-incident-"]')
      .filter({ hasText: 'Kebakaran' })
      .filter({ hasText: where })
      .first()
      .waitFor({ timeout: 30_000 });
    await waitFor(async () => (await onMap(page)) > mapBefore, { timeoutMs: 30_000, what: 'more open incidents on the map' });
    await waitFor(async () => (await answered()) >= callsBefore + 3, { timeoutMs: 30_000, what: 'calls to rise on the queue board' });
    await screenshot(page, 'scenario-after-1080p');

    await page.keyboard.press('p');
    await panel.waitFor({ state: 'detached' });
    expect(presenter.blocked).toEqual([]);
    expect(presenter.errors).toEqual([]);
  });

  it.each([
    ['id', '1080p'],
    ['id', '4k'],
    ['en', '1080p'],
    ['en', '4k'],
  ] as const)('the demo view in %s at %s: the wall on simulated data, watermark on', async (lang, viewport) => {
    const shot = await openPage(browser, { viewport, url: `${app.url}/?lang=${lang}`, locale: lang === 'id' ? 'id-ID' : 'en-GB' });
    const { page } = shot;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    await waitFor(async () => (await figure(page, 'events-today')) > 0, { timeoutMs: 20_000, what: 'simulated events' });
    await page.getByTestId('app-grid').waitFor();
    expect(await page.getByTestId('tour-start').textContent()).toBe(lang === 'id' ? 'Mulai tur' : 'Start tour');
    expect(await page.getByTestId('watermark').textContent()).toBe(lang === 'id' ? 'DEMO — data simulasi' : 'DEMO — simulated data');
    expect(await page.getByTestId('queue-112').isVisible()).toBe(true);
    expect(await page.getByTestId('incident-map').isVisible()).toBe(true);
    await screenshot(page, `demo-${lang}-${viewport}`);
    expect(shot.blocked).toEqual([]);
    await shot.close();
  });
});
