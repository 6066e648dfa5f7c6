// Daily report generation (issue 18: under 60 s): a real Pantau with the built client, a day of
// seeded calls, incidents and app use written through ingest, then `POST /api/v1/reports/<day>`
// timed from request to the kept PDF (Chromium started, the page's API reads, the print, the
// store). Baseline in the same run: the same Chromium started and printing an empty page, the
// least any PDF from a browser costs here.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createPantau } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { cityDayKey, startOfCityDayKey, toIsoWithOffset } from '../server/domain/time.ts';
import { createLogger } from '../server/log.ts';
import { mulberry32 } from '../shared/seeded-random.ts';
import { addDays } from '../shared/report/report-day.ts';
import { CATEGORIES, KecamatanCode, type PantauEvent } from '../shared/contract/events.ts';
import { chunk, type Benchmark, type BenchContext } from './support/context.ts';
import { round, skipped, target, withBaseline } from './support/figure.ts';

const CLIENT = fileURLToPath(new URL('../dist/client/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const FIGURE = 'report.generate';
const TOKEN = 'bench-operator-token';
const KEY = 'bench-ingest-key-0001';

/** A day of a mid-sized city: calls on both lines (waits 2-90 s, one in ten abandoned), incidents in every kecamatan, app use. */
function dayOfEvents(ctx: BenchContext, dayStartMs: number, calls: number): PantauEvent[] {
  const tz = ctx.city.profile.timezone;
  const rnd = mulberry32(18_04);
  const out: PantauEvent[] = [];
  const iso = (ms: number) => toIsoWithOffset(ms, tz);
  for (let i = 0; i < calls; i++) {
    const t = dayStartMs + Math.floor(rnd() * 86_000_000);
    const callId = `bench-call-${i}`;
    const line = rnd() < 0.7 ? '112' : '119';
    const waitMs = 2_000 + Math.floor(rnd() * 88_000);
    out.push({ id: `${callId}-r`, type: 'call.received', at: iso(t), source: 'bench', callId, line });
    if (rnd() < 0.1) out.push({ id: `${callId}-x`, type: 'call.abandoned', at: iso(t + waitMs), source: 'bench', callId });
    else out.push({ id: `${callId}-a`, type: 'call.answered', at: iso(t + waitMs), source: 'bench', callId, agentId: `agent-${i % 20}` });
  }
  const kec = ctx.city.profile.kecamatan;
  for (let i = 0; i < calls / 10; i++) {
    const t = dayStartMs + Math.floor(rnd() * 86_000_000);
    out.push({
      id: `bench-inc-${i}`, type: 'incident.reported', at: iso(t), source: 'bench', incidentId: `bench-inc-${i}`, line: '112',
      category: CATEGORIES[i % CATEGORIES.length] ?? 'other', priority: 1 + (i % 4),
      location: { kecamatan: KecamatanCode.parse(kec[i % kec.length]?.code) },
    });
  }
  for (const [i, app] of ctx.city.apps.slice(0, 30).entries()) {
    out.push({ id: `bench-app-${i}`, type: 'app.activity', at: iso(dayStartMs + 36_000_000), source: 'bench', appId: app.id, kind: 'session', count: 100 + i * 37 });
  }
  return out;
}

async function emptyPrintMs(): Promise<number> {
  const t0 = performance.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.setContent('<p>.</p>');
    await page.pdf({ format: 'A4' });
  } finally {
    await browser.close();
  }
  return performance.now() - t0;
}

async function run(ctx: BenchContext): Promise<void> {
  if (!existsSync(`${CLIENT}index.html`)) return ctx.report(skipped(FIGURE, 'client not built: run `npm run build` (dist/client)'));
  if (!existsSync(CHROMIUM)) return ctx.report(skipped(FIGURE, `no Chromium at ${CHROMIUM}`));
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', PANTAU_CITY: ctx.city.profile.id, LOG_LEVEL: 'silent', PANTAU_REPORTS: 'off',
    PANTAU_OPERATOR_TOKEN: TOKEN, PANTAU_INGEST_KEYS: `bench:${KEY}`, PANTAU_INGEST_RATE_PER_MIN: '1000000',
  });
  const pantau = await createPantau(config, { log: createLogger('silent'), redisUrl: ctx.redis.url, keyPrefix: ctx.prefix('report'), clientDir: CLIENT, alertDetectors: false });
  const tz = ctx.city.profile.timezone;
  const day = addDays(cityDayKey(Date.now(), tz), -1);
  const calls = ctx.quick ? 200 : 5_000;
  const runs = ctx.quick ? 1 : 3;
  const times: number[] = [];
  let bytes = 0;
  try {
    const events = dayOfEvents(ctx, startOfCityDayKey(day, tz), calls);
    for (const part of chunk(events, 1_000)) {
      const r = await fetch(`${pantau.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(part) });
      if (r.status !== 200) throw new Error(`ingest answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
    }
    for (let i = 0; i < runs; i++) {
      ctx.progress(`report: rendering ${day} (${i + 1}/${runs})`);
      const t0 = performance.now();
      const r = await fetch(`${pantau.url}/api/v1/reports/${day}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
      const body = (await r.json()) as { bytes?: number };
      if (r.status !== 201) throw new Error(`POST /api/v1/reports answered ${r.status}: ${JSON.stringify(body).slice(0, 200)}`);
      times.push(performance.now() - t0);
      bytes = body.bytes ?? 0;
    }
  } finally {
    await pantau.close();
  }
  const baseMs = await emptyPrintMs();
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const worst = sorted.at(-1) ?? 0;
  ctx.report({
    ...withBaseline(
      { name: FIGURE, value: round(median / 1000, 2), unit: 's', conditions: { day, calls, incidents: calls / 10, runs, city: ctx.city.profile.id }, extra: { maxS: round(worst / 1000, 2), pdfBytes: bytes } },
      { name: 'Chromium started and printing an empty page to PDF', value: baseMs / 1000, unit: 's' },
    ),
    target: target('value', '<', 60, worst / 1000),
    note: 'POST /api/v1/reports/<day> to the kept PDF; the target is on the slowest run',
  });
}

export const reportBenchmark: Benchmark = { name: 'report', figures: [FIGURE], run };
