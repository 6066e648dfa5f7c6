// The callback list on the operator desk in Chromium (issue 16): it fills from abandoned calls
// (two hang-ups of one number merged into one entry), a "no answer" keeps it with the try
// counted, "reached" empties it; a waiting call shows its number's calls in 24 h and the
// "sering iseng" flag, and stays in the queue. Shots of the desk at 1080p and 4K, before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { Snapshot } from '../../shared/contract/views.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser.ts';
import { makeCallAbandoned, makeCallAnswered, makeCallEnded, makeCallReceived, wib } from '../support/factories.ts';
import { waitFor } from '../support/wait.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;

const HUNG_UP = '081311112222';
const PRANKSTER = '085799990000';
const now = Date.now();
const first = makeCallReceived({ line: '112', at: wib(now - 9 * 60_000), caller: { number: HUNG_UP } });
const second = makeCallReceived({ line: '112', at: wib(now - 4 * 60_000), caller: { number: HUNG_UP } });
const waiting = makeCallReceived({ line: '112', at: wib(now - 12_000), caller: { number: PRANKSTER } });

function story(): PantauEvent[] {
  const events: PantauEvent[] = [
    first, makeCallAbandoned({ callId: first.callId, at: wib(now - 9 * 60_000 + 40_000) }),
    second, makeCallAbandoned({ callId: second.callId, at: wib(now - 4 * 60_000 + 25_000) }),
    waiting,
  ];
  // Three pranks from the same number in the last hours: the profile's threshold is 3.
  for (let i = 0; i < 3; i++) {
    const at = now - (3 - i) * 3_600_000;
    const c = makeCallReceived({ line: '112', at: wib(at), caller: { number: PRANKSTER } });
    events.push(c, makeCallAnswered({ callId: c.callId, at: wib(at + 5_000) }), makeCallEnded({ callId: c.callId, at: wib(at + 50_000), disposition: i === 1 ? 'ghost' : 'prank' }));
  }
  return events;
}

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
  expect((await app.post('/api/v1/events', story())).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('callback list on the desk', () => {
  it.each(['1080p', '4k'] as ViewportName[])('shows the list, the repeat count and the prank flag, at %s', async (viewport) => {
    const opened = await openPage(browser, { viewport, url: `${app.url}/operator?token=${OPERATOR_TOKEN}&lang=id` });
    const { page } = opened;
    const entry = page.getByTestId(`callback-${first.callId}`);
    await entry.waitFor({ timeout: 45_000 });
    expect(await entry.textContent()).toContain(HUNG_UP);
    expect(await entry.textContent()).toContain('2× menutup');
    expect(await page.getByTestId('op-callbacks-count').textContent()).toBe('1');
    // The prankster's call is flagged, counted, and still in the queue.
    expect(await page.getByTestId(`waiting-call-${waiting.callId}-prank`).textContent()).toContain('sering iseng');
    expect(await page.getByTestId(`waiting-call-${waiting.callId}-repeat`).textContent()).toContain('4× / 24 jam');
    await screenshot(page, `operator-callbacks-${viewport}`);
    expect(opened.errors).toEqual([]);
    await opened.close();
  }, 120_000);

  it('keeps the entry on "no answer" and empties the list when the caller is reached', async () => {
    const opened = await openPage(browser, { viewport: '1080p', url: `${app.url}/operator?token=${OPERATOR_TOKEN}&lang=id` });
    const { page } = opened;
    await page.getByTestId(`callback-${first.callId}`).waitFor({ timeout: 45_000 });
    await page.getByTestId(`callback-${first.callId}-no-answer`).click();
    await waitFor(async () => ((await page.getByTestId(`callback-${first.callId}`).textContent()) ?? '').includes('dicoba 1×'), { what: 'the try counted' });
    await page.getByTestId(`callback-${first.callId}-reached`).click();
    await page.getByTestId(`callback-${first.callId}`).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.getByTestId('op-callbacks-count').textContent()).toBe('0');
    expect(await page.getByTestId('op-callbacks').textContent()).toContain('Tidak ada panggilan yang perlu ditelepon balik');
    // Called back within 2 minutes? Not these: the first hang-up was 8 minutes ago.
    const snap = Snapshot.parse((await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json);
    expect(snap.calls.callbacks).toEqual([]);
    expect(snap.kpis.calls['112'].callbacks).toMatchObject({ due: 2, calledBack: 2, within2m: 0 });
    expect(await page.getByTestId('op-callbacks-kpi').textContent()).toContain('0');
    await screenshot(page, 'operator-callbacks-empty-1080p');
    expect(opened.errors).toEqual([]);
    await opened.close();
  }, 120_000);
});
