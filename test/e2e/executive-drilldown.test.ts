// The executive's range and drill-down in Chromium (issue #18): the range comes from the URL and
// every figure follows it; a kecamatan's row opens the list of its incidents in the range (as
// many as the API counts), an incident its timeline (each dispatch and arrival against the fire
// service's 15-minute target); the drill-down is in the URL too, so Back closes it. At 1080p and
// 4K, with screenshots; no caller number anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import type { IncidentListAnswer } from '../../shared/contract/drilldown.ts';
import type { KecamatanCode, PantauEvent } from '../../shared/contract/events.ts';
import { KpisAnswer } from '../../shared/contract/kpis.ts';
import { EXECUTIVE_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { launchBrowser, openPage, screenshot, type ViewportName, pageErrors } from '../support/browser.ts';
import { wib } from '../support/factories.ts';
import { loadTestCity } from '../support/test-city-data.ts';

const clientDir = join(process.cwd(), 'dist', 'client');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NUMBER = '081298765432';

let browser: Browser;
let app: TestApp;
let kec: KecamatanCode;
let kecName = '';
const FIRE = 'fire-e2e';

/** Three days of calls and incidents; one fire in the first kecamatan with two engines and an ambulance. */
function history(now: number): PantauEvent[] {
  const out: PantauEvent[] = [];
  const t0 = now - 2 * HOUR;
  const ev = (o: object, k: string) => ({ id: `${FIRE}-${k}`, source: 'cad', incidentId: FIRE, ...o }) as PantauEvent;
  out.push(
    ev({ type: 'incident.reported', at: wib(t0), line: '112', category: 'fire', priority: 1, location: { kecamatan: kec }, summary: `Pelapor ${NUMBER}` }, 'r'),
    ev({ type: 'incident.dispatched', at: wib(t0 + 2 * MIN), agency: 'fire', unitId: 'DMK-01' }, 'd1'),
    ev({ type: 'incident.dispatched', at: wib(t0 + 3 * MIN), agency: 'ambulance', unitId: 'AMB-07' }, 'd2'),
    ev({ type: 'incident.dispatched', at: wib(t0 + 6 * MIN), agency: 'fire', unitId: 'DMK-02' }, 'd3'),
    ev({ type: 'incident.on_scene', at: wib(t0 + 11 * MIN), unitId: 'DMK-01' }, 's1'),
    ev({ type: 'incident.on_scene', at: wib(t0 + 16 * MIN), unitId: 'AMB-07' }, 's2'),
    ev({ type: 'incident.on_scene', at: wib(t0 + 24 * MIN), unitId: 'DMK-02' }, 's3'),
    ev({ type: 'incident.closed', at: wib(t0 + 80 * MIN), outcome: 'resolved' }, 'c'),
  );
  for (let d = 0; d < 3; d++) {
    for (let i = 0; i < 6; i++) {
      const t = now - d * DAY - (i + 3) * 37 * MIN;
      const callId = `dd-c${d}-${i}`;
      out.push(
        { id: `${callId}-r`, type: 'call.received', at: wib(t), source: 'pbx', callId, line: i % 2 === 0 ? '112' : '119', caller: { number: NUMBER } },
        { id: `${callId}-a`, type: 'call.answered', at: wib(t + 9_000 + i * 2_000), source: 'pbx', callId, agentId: 'agent-1' },
        { id: `${callId}-e`, type: 'call.ended', at: wib(t + 120_000), source: 'pbx', callId, disposition: 'emergency' },
      );
      const incidentId = `dd-i${d}-${i}`;
      out.push(
        { id: `${incidentId}-r`, type: 'incident.reported', at: wib(t + MIN), source: 'cad', incidentId, line: '112', category: i % 3 === 0 ? 'medical' : 'traffic-accident', priority: 2, location: { kecamatan: i % 2 === 0 ? kec : kecOther } },
        { id: `${incidentId}-d`, type: 'incident.dispatched', at: wib(t + 4 * MIN), source: 'cad', incidentId, agency: i % 3 === 0 ? 'ambulance' : 'police' },
        { id: `${incidentId}-o`, type: 'incident.on_scene', at: wib(t + (12 + 2 * i) * MIN), source: 'cad', incidentId },
      );
    }
  }
  return out;
}
let kecOther: KecamatanCode;


beforeAll(async () => {
  const city = await loadTestCity();
  const [a, b] = city.codes;
  if (a === undefined || b === undefined) throw new Error('the test city needs two kecamatan');
  [kec, kecOther] = [a, b];
  kecName = city.kecamatan[0]?.name ?? '';
  [browser, app] = await Promise.all([launchBrowser(), startApp({}, { clientDir })]);
  expect((await app.post('/api/v1/events', history(Date.now()))).status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('the executive drill-down', () => {
  it.each(['1080p', '4k'] as const satisfies readonly ViewportName[])('goes from a kecamatan to an incident\'s timeline at %s', async (viewport) => {
    const opened = await openPage(browser, { viewport, url: `${app.url}/executive?token=${EXECUTIVE_TOKEN}&lang=id&range=7d`, locale: 'id-ID' });
    const { page } = opened;
    // The range is the URL's: the scorecard's window is the last 7 city days.
    const cell = page.locator('[data-testid="exec-kpi-incidents-current"][data-from]');
    await cell.waitFor({ timeout: 45_000 });
    expect(await page.getByTestId('exec-range-7d').getAttribute('aria-pressed')).toBe('true');
    const from = (await cell.getAttribute('data-from')) ?? '';
    const to = (await cell.getAttribute('data-to')) ?? '';
    expect(Date.parse(to) - Date.parse(from)).toBeGreaterThan(6 * DAY);
    const kpis = KpisAnswer.parse((await app.get(`/api/v1/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, EXECUTIVE_TOKEN)).json);

    // The kecamatan's row opens its incidents: as many as the KPIs count there.
    await page.getByTestId(`exec-kecamatan-table-open-${kec}`).click();
    await page.getByTestId('drill-incidents').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('drill-count').getAttribute('data-total')).toBe(String(kpis.incidents.byKecamatan[kec]));
    expect(await page.locator('#drill-title').textContent()).toContain(kecName);
    const rows = await page.locator('[data-testid="drill-incidents"] tbody tr').count();
    const list = (await app.get(`/api/v1/incidents?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&kecamatan=${kec}`, EXECUTIVE_TOKEN)).json as IncidentListAnswer;
    expect(rows).toBe(list.incidents.length);
    expect(new URL(page.url()).searchParams.get('drill')).toBe(`kecamatan:${kec}`);
    await screenshot(page, `executive-drill-list-${viewport}`);

    // The fire's timeline: reported, three dispatches, three arrivals, closed.
    await page.getByTestId(`drill-incident-${FIRE}`).click();
    const steps = page.locator('[data-testid="drill-timeline-steps"] > li');
    await page.getByTestId('drill-timeline').waitFor({ timeout: 20_000 });
    expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['reported', 'dispatched', 'dispatched', 'dispatched', 'on_scene', 'on_scene', 'on_scene', 'closed']);
    const text = (await page.getByTestId('drill-timeline').innerText()).replace(/\s+/g, ' ');
    for (const unit of ['DMK-01', 'DMK-02', 'AMB-07']) expect(text).toContain(unit);
    // Against the 15-minute target (shared rule: up to a quarter over is a warning): the first
    // engine after 11 minutes meets it, the ambulance after 16 nearly, the second engine after 24 not.
    const marks = await page.locator('[data-testid="drill-timeline-steps"] [data-kind="on_scene"] .target').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(marks).toEqual(['good', 'warning', 'bad']);
    expect(await page.getByTestId('drill-response-mark').getAttribute('data-state')).toBe('good');
    expect(new URL(page.url()).searchParams.get('incident')).toBe(FIRE);
    await screenshot(page, `executive-drill-timeline-${viewport}`);

    // No caller number and no summary anywhere: the summary carried one.
    const html = await page.content();
    expect(html).not.toContain(NUMBER);
    expect(html).not.toContain(`${NUMBER.slice(0, 4)}****`);

    // Back walks out: the list again, then the page without the panel.
    await page.goBack();
    await page.getByTestId('drill-incidents').waitFor();
    await page.goBack();
    await page.getByTestId('drill').waitFor({ state: 'detached' });
    // The agencies with their share of arrivals within target, looked at on the screenshot.
    await page.getByTestId('exec-agency-within-fire').scrollIntoViewIfNeeded();
    await screenshot(page, `executive-agencies-${viewport}`);
    expect(pageErrors(opened.errors)).toEqual([]);
    expect(opened.blocked).toEqual([]);
    await opened.close();
  }, 120_000);

  it('follows a range chosen on the page and a custom one in the URL, and lists a line\'s calls', async () => {
    const opened = await openPage(browser, { viewport: '1080p', url: `${app.url}/executive?token=${EXECUTIVE_TOKEN}&lang=en&range=today`, locale: 'en-GB' });
    const { page } = opened;
    await page.locator('[data-testid="exec-trends"][data-granularity="hour"]').waitFor({ timeout: 45_000 });
    await page.getByTestId('exec-range-90d').click();
    await page.locator('[data-testid="exec-trends"][data-granularity="day"]').waitFor();
    expect(new URL(page.url()).searchParams.get('range')).toBe('90d');
    const cell = page.locator('[data-testid="exec-kpi-offered-current"][data-from]');
    await page.waitForFunction(() => {
      const el = document.querySelector('[data-testid="exec-kpi-offered-current"]');
      const f = el?.getAttribute('data-from');
      const t = el?.getAttribute('data-to');
      return f && t && Date.parse(t) - Date.parse(f) > 89 * 86_400_000;
    });
    const from = (await cell.getAttribute('data-from')) ?? '';
    const to = (await cell.getAttribute('data-to')) ?? '';
    const kpis = KpisAnswer.parse((await app.get(`/api/v1/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, EXECUTIVE_TOKEN)).json);
    await page.locator('[data-testid="exec-kpi-offered-current-value"]').filter({ hasText: String(kpis.calls.all.offered) }).waitFor();
    // 90 daily points on the offered-calls chart.
    await page.locator('[data-testid="exec-trend-offered"][data-points="90"]').waitFor();
    await screenshot(page, 'executive-range-90d-1080p');

    // A line's calls: no numbers for an executive.
    await page.getByTestId('exec-calls-112').click();
    await page.getByTestId('drill-calls').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="drill-calls"] tbody tr').count()).toBe(kpis.calls['112'].offered);
    expect(await page.content()).not.toContain(NUMBER);
    await page.keyboard.press('Escape');
    await page.getByTestId('drill').waitFor({ state: 'detached' });

    // A custom range typed in: yesterday and the day before, whole days, written into the URL.
    const yesterday = new Date(Date.now() + 7 * HOUR - DAY).toISOString().slice(0, 10);
    const dayBefore = new Date(Date.now() + 7 * HOUR - 2 * DAY).toISOString().slice(0, 10);
    await page.getByTestId('exec-range-from').fill(dayBefore);
    await page.getByTestId('exec-range-to').fill(yesterday);
    await page.getByTestId('exec-range-apply').click();
    await page.waitForFunction((f) => document.querySelector('[data-testid="exec-kpi-offered-current"]')?.getAttribute('data-from')?.startsWith(f), dayBefore);
    const url = new URL(page.url());
    expect([url.searchParams.get('from'), url.searchParams.get('to'), url.searchParams.get('range')]).toEqual([dayBefore, yesterday, null]);
    expect(await page.getByTestId('exec-range-text').getAttribute('data-to')).toMatch(/T00:00:00\+07:00$/);
    expect(pageErrors(opened.errors)).toEqual([]);
    await opened.close();

    // The same address opened afresh (a bookmark) shows the same range.
    const again = await openPage(browser, { viewport: '1080p', url: url.toString(), locale: 'en-GB' });
    await again.page.waitForFunction((f) => document.querySelector('[data-testid="exec-kpi-offered-current"]')?.getAttribute('data-from')?.startsWith(f), dayBefore);
    expect(await again.page.getByTestId('exec-range-from').inputValue()).toBe(dayBefore);
    expect(await again.page.getByTestId('exec-range-to').inputValue()).toBe(yesterday);
    expect(pageErrors(again.errors)).toEqual([]);
    await again.close();
  }, 120_000);
});
