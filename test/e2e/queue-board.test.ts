// The queue board read in Chromium after a burst of calls: waiting count, longest wait,
// answered and abandoned today and ASA on screen equal GET /api/v1/kpis and the snapshot
// (issue 4); shots of the board at 1920×1080 and 3840×2160.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { join } from 'node:path';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { KpisAnswer } from '../../shared/contract/kpis.ts';
import { Snapshot } from '../../shared/contract/views.ts';
import { DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName } from '../support/browser.ts';
import { makeCallAbandoned, makeCallAnswered, makeCallEnded, makeCallReceived, wib } from '../support/factories.ts';
import { targetState } from '../../shared/kpi/target-state.ts';
import { loadTestCity } from '../support/test-city-data.ts';
import { waitFor } from '../support/wait.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
let browser: Browser;
let app: TestApp;

/**
 * Per line: answered calls with these waits (s), abandoned ones after these waits (s), and
 * callers still waiting for these many seconds. Spread over the last few minutes.
 */
const BURST = {
  '112': { answered: [4, 9, 14, 16, 22, 31], abandoned: [6, 45], waiting: [70, 33, 12, 3] },
  '119': { answered: [3, 12, 19], abandoned: [25], waiting: [18] },
} as const;

function burst(nowMs: number): PantauEvent[] {
  const events: PantauEvent[] = [];
  for (const line of ['112', '119'] as const) {
    const plan = BURST[line];
    plan.answered.forEach((wait, i) => {
      const at = nowMs - (300 - i * 20) * 1000;
      const r = makeCallReceived({ line, at: wib(at), caller: { number: `0812000${line}${String(i).padStart(3, '0')}` } });
      events.push(r, makeCallAnswered({ callId: r.callId, agentId: `${line}-a${i % 3}`, at: wib(at + wait * 1000) }));
      events.push(makeCallEnded({ callId: r.callId, at: wib(at + wait * 1000 + 60_000), disposition: i % 2 ? 'emergency' : 'info' }));
    });
    plan.abandoned.forEach((wait, i) => {
      const at = nowMs - (200 - i * 30) * 1000;
      const r = makeCallReceived({ line, at: wib(at) });
      events.push(r, makeCallAbandoned({ callId: r.callId, at: wib(at + wait * 1000) }));
    });
    plan.waiting.forEach((age, i) => {
      events.push(makeCallReceived({ line, at: wib(nowMs - age * 1000), caller: { number: `0857111${line}${i}00` } }));
    });
    for (let i = 0; i < 3; i++) {
      events.push({ id: `login-${line}-${i}-${nowMs}`, type: 'agent.login', at: wib(nowMs - 3_600_000), source: 'test', agentId: `${line}-a${i}`, line });
    }
  }
  return events;
}

const seconds = (mmss: string): number => {
  const [m, s] = mmss.split(':').map(Number);
  return (m ?? 0) * 60 + (s ?? 0);
};
const text = async (page: Page, testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const idSeconds = (v: number | null): string => (v === null ? '—' : `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(v)} dtk`);

beforeAll(async () => {
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('queue board', () => {
  it.each(['1080p', '4k'] as ViewportName[])('shows the API’s figures after a burst of calls, at %s', async (viewport) => {
    if (viewport === '1080p') expect((await app.post('/api/v1/events', burst(Date.now()))).status).toBe(200);
    const opened = await openPage(browser, { viewport, url: `${app.url}/wall?token=${DISPLAY_TOKEN}&page=overview&lang=id` });
    const { page } = opened;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 45_000 });

    const kpis = KpisAnswer.parse((await app.get('/api/v1/kpis', OPERATOR_TOKEN)).json);
    const snapshot = Snapshot.parse((await app.get('/api/v1/snapshot', DISPLAY_TOKEN)).json);
    for (const line of ['112', '119'] as const) {
      const q = `queue-${line}`;
      const plan = BURST[line];
      const waiting = snapshot.calls.waiting.filter((c) => c.line === line);
      // The API agrees with the burst, so the board is compared with figures known to be right.
      expect(kpis.calls[line].answered).toBe(plan.answered.length);
      expect(kpis.calls[line].abandoned).toBe(plan.abandoned.length);
      expect(kpis.calls[line].asa).toBeCloseTo(plan.answered.reduce((a, b) => a + b, 0) / plan.answered.length, 1);
      expect(waiting).toHaveLength(plan.waiting.length);

      await waitFor(async () => (await text(page, `${q}-waiting`)) === String(waiting.length), { timeoutMs: 20_000, what: `${line} waiting` });
      expect(await text(page, `${q}-answered`)).toBe(String(kpis.calls[line].answered));
      expect(await text(page, `${q}-abandoned`)).toBe(String(kpis.calls[line].abandoned));
      expect(await text(page, `${q}-asa`)).toBe(idSeconds(kpis.calls[line].asa));
      // The longest wait ticks: it must match the oldest waiting call of the snapshot, now.
      const oldestMs = Math.min(...waiting.map((c) => Date.parse(c.receivedAt)));
      await waitFor(async () => Math.abs(seconds(await text(page, `${q}-longest`)) - (Date.now() - oldestMs) / 1000) <= 2, {
        timeoutMs: 20_000,
        what: `${line} longest wait`,
      });
      // The longest waiting callers are listed, masked for a display; a last row counts the
      // ones that do not fit, so listed + "more" is everyone waiting.
      const board = page.getByTestId(q);
      const rows = board.locator('.waiting-row[data-testid^="waiting-call-"]');
      const listed = await rows.count();
      const moreText = (await board.getByTestId('waiting-more').count()) > 0 ? await board.getByTestId('waiting-more').textContent() : '';
      const more = Number((moreText ?? '').replace(/\D/g, '') || 0);
      expect(listed).toBeGreaterThan(0);
      expect(listed + more).toBe(waiting.length);
      const oldestFirst = [...waiting].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
      for (const [i, c] of oldestFirst.slice(0, listed).entries()) {
        expect(await rows.nth(i).getAttribute('data-testid')).toBe(`waiting-call-${c.callId}`);
        expect(c.caller?.number).toMatch(/^\d{4}\*{4}\d{3}$/);
        expect(await rows.nth(i).textContent()).toContain(c.caller?.number ?? '?');
      }
      // SL20 against the city's target (95 % in the bundled profiles): the shared rule's state.
      const target = (await loadTestCity()).profile.profile.targets.sl20;
      const mark = page.getByTestId(`${q}-sl20-mark`);
      expect(await mark.getAttribute('data-state')).toBe(targetState(kpis.calls[line].sl20, target) ?? 'good');
    }
    await screenshot(page, `queue-board-${viewport}`);
    expect(opened.blocked).toEqual([]);
    expect(opened.errors).toEqual([]);
    await opened.close();
  });
});
