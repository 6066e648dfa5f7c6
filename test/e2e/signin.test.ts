// The sign-in page in both languages at 1080p and 4K (issue #7: screenshots of each view), and
// what it does: an unknown token is refused in the page's language, an ingest key opens no
// view, and an operator token is kept and lands on the operator view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
const WORDS = {
  id: { title: 'Masuk ke Pantau', submit: 'Masuk', invalid: 'Token tidak dikenal.' },
  en: { title: 'Sign in to Pantau', submit: 'Sign in', invalid: 'Unknown token.' },
} as const;
const LOCALE = { id: 'id-ID', en: 'en-GB' } as const;

let browser: Browser;
let app: TestApp;
beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('sign-in', () => {
  it.each([
    ['id', '1080p'],
    ['id', '4k'],
    ['en', '1080p'],
    ['en', '4k'],
  ] as const satisfies readonly (readonly ['id' | 'en', ViewportName])[])('in %s at %s: form, language switch, a refused token', async (lang, viewport) => {
    const opened = await openPage(browser, { viewport, url: `${app.url}/signin?lang=${lang}`, locale: LOCALE[lang] });
    const { page } = opened;
    await page.getByTestId('view-signin').waitFor({ timeout: 45_000 });
    expect((await page.locator('h1').textContent())?.trim()).toBe(WORDS[lang].title);
    expect((await page.getByTestId('signin-submit').textContent())?.trim()).toBe(WORDS[lang].submit);
    expect(await page.getByTestId(`lang-${lang}`).getAttribute('aria-pressed')).toBe('true');
    // The form sits on screen whole, without scrolling.
    const box = await page.locator('form.signin').boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? -1) >= 0 && (box?.y ?? 0) + (box?.height ?? 0) <= 1080).toBe(true);
    await screenshot(page, `signin-${lang}-${viewport}`);

    await page.getByTestId('signin-token').fill('not-a-token-at-all');
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor({ timeout: 20_000 });
    expect((await page.getByTestId('signin-error').textContent())?.trim()).toBe(WORDS[lang].invalid);
    if (lang === 'id' && viewport === '1080p') await screenshot(page, 'signin-refused-id-1080p');
    expect(opened.blocked).toEqual([]);
    expect(opened.errors.filter((e) => !e.includes('401'))).toEqual([]);
    await opened.close();
  }, 120_000);

  it('refuses an ingest key, and takes an operator to the operator view', async () => {
    const opened = await openPage(browser, { url: `${app.url}/signin?lang=en`, locale: 'en-GB' });
    const { page } = opened;
    await page.getByTestId('view-signin').waitFor({ timeout: 45_000 });
    await page.getByTestId('signin-token').fill(INGEST_KEY);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-error').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('signin-error').textContent()).toContain('ingest key');
    expect(new URL(page.url()).pathname).toBe('/signin');

    await page.getByTestId('signin-token').fill(OPERATOR_TOKEN);
    await page.getByTestId('signin-submit').click();
    await page.waitForURL((u) => u.pathname === '/operator', { timeout: 30_000 });
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    // The token is kept: a reload stays signed in as an operator.
    await page.reload({ waitUntil: 'load' });
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });
    expect(new URL(page.url()).pathname).toBe('/operator');
    expect(opened.blocked).toEqual([]);
    await opened.close();
  }, 120_000);
});
