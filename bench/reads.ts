// Reads: GET /api/v1/snapshot with 10,000 open incidents and 500 waiting calls against the raw
// read of the same state (the read-state script alone); GET /api/v1/kpis over 30 days with a
// million calls, and over 90 days (the executive's longest preset, issue #18) with a million
// calls spread over the quarter, against the raw read of the KPI buckets it sums; GET /api/v1/apps/activity over
// 30 days for 200 apps against the raw read of the day buckets, with Redis memory.
import { cityDayKey, toIsoWithOffset } from '../server/domain/time.ts';
import { spaceKeys } from '../server/store/keys.ts';
import { readState } from '../server/store/read-state.ts';
import { readKpis } from '../server/store/read-kpis.ts';
import { deepStrictEqual } from 'node:assert/strict';
import type { Benchmark, BenchContext } from './support/context.ts';
import { round, skipped, target, withBaseline } from './support/figure.ts';
import { appActivity, history, incidentHistory, ingestAll, openState, projectAll, writeAppActivity, writeCallHistory, type FillTarget } from './support/fill.ts';
import { httpClient } from './support/http.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, startPantauProcess } from './support/pantau-process.ts';
import { summarize, timeRuns } from './support/stats.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const readFigures = ['read.snapshot', 'read.kpis.30d', 'read.kpis.90d', 'read.apps.activity.30d', 'read.apps.series.30d'];

async function snapshot(ctx: BenchContext): Promise<void> {
  const size = ctx.quick ? { incidents: 200, waiting: 20, runs: 5 } : { incidents: 10_000, waiting: 500, runs: 40 };
  const prefix = ctx.prefix('snapshot');
  const keys = spaceKeys(prefix, ctx.city.profile.id, 'live');
  const redis = ctx.redis.connect();
  const tz = ctx.city.profile.timezone;
  const now = Date.now();
  // Reported over the last hours of today, so they are today's incidents for the KPIs as well.
  const spreadMs = Math.min(6 * 3_600_000, now - (now - (now % DAY)) + 1);
  await ingestAll({ redis, keys, timeZone: tz, locate: ctx.city.geo.locate.bind(ctx.city.geo) }, openState({ incidents: size.incidents, waitingCalls: size.waiting, nowMs: now, spreadMs, runId: 's', point: ctx.point }));
  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: prefix });
  const http = httpClient(server.url, 4);
  try {
    let bytes = 0;
    const viaHttp = summarize(await timeRuns(async () => {
      const r = await http.get('/api/v1/snapshot', DISPLAY_TOKEN);
      if (r.status !== 200) throw new Error(`snapshot answered ${r.status}`);
      bytes = r.bytes;
    }, size.runs, 3));
    const raw = summarize(await timeRuns(() => readState(redis, keys, cityDayKey(now, tz), now - DAY), size.runs, 3));
    const check = JSON.parse((await http.get('/api/v1/snapshot', DISPLAY_TOKEN)).body) as { incidents: { open: unknown[] }; calls: { waiting: unknown[] } };
    ctx.report({
      ...withBaseline(
        {
          name: 'read.snapshot',
          value: round(viaHttp.p50, 1),
          unit: 'ms (p50)',
          conditions: { openIncidents: check.incidents.open.length, waitingCalls: check.calls.waiting.length, role: 'display', runs: size.runs, sequential: true },
          extra: { p95: round(viaHttp.p95, 1), max: round(viaHttp.max, 1), bytes, rawP95: round(raw.p95, 1) },
        },
        { name: 'read-state script alone (same state, no HTTP, no JSON)', value: raw.p50, unit: 'ms (p50)' },
      ),
      target: target('value', '<', 50, viaHttp.p50),
    });
  } finally {
    http.close();
    await server.stop();
  }
}

async function kpis(ctx: BenchContext, days: 30 | 90): Promise<void> {
  const size = ctx.quick ? { calls: 3_000, incidents: 100, runs: 3 } : { calls: 1_000_000, incidents: 30_000, runs: 10 };
  const prefix = ctx.prefix(`kpis${days}`);
  const keys = spaceKeys(prefix, ctx.city.profile.id, 'live');
  const redis = ctx.redis.connect();
  const tz = ctx.city.profile.timezone;
  const now = Date.now();
  const from = now - days * DAY;
  const t0 = performance.now();
  const fillTo = { redis, keys, timeZone: tz, locate: (lat: number, lon: number) => ctx.city.geo.locate(lat, lon) };
  const month = { calls: size.calls, incidents: size.incidents, fromMs: from, toMs: now - 3_600_000, runId: 'k', point: ctx.point };
  await writeCallHistory(fillTo, month);
  await projectAll(fillTo, incidentHistory(month));
  ctx.progress(`kpis: wrote ${size.calls} calls and ${size.incidents} incidents in ${round((performance.now() - t0) / 1000, 1)} s`);
  if (ctx.quick && days === 30) await checkFastFill(ctx, fillTo, month);
  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: prefix });
  const http = httpClient(server.url, 4);
  try {
    const path = `/api/v1/kpis?from=${encodeURIComponent(toIsoWithOffset(from, tz))}&to=${encodeURIComponent(toIsoWithOffset(now, tz))}`;
    // The first read of a fresh process fills its per-day cache (kpi-day-cache.ts); the runs
    // after it are what an executive paging through ranges gets. Both are reported.
    const c0 = performance.now();
    const first = await http.get(path, EXECUTIVE_TOKEN);
    if (first.status !== 200) throw new Error(`kpis answered ${first.status}: ${first.body.slice(0, 200)}`);
    const coldMs = performance.now() - c0;
    let offered = 0;
    const viaHttp = summarize(await timeRuns(async () => {
      const r = await http.get(path, EXECUTIVE_TOKEN);
      if (r.status !== 200) throw new Error(`kpis answered ${r.status}: ${r.body.slice(0, 200)}`);
      offered = (JSON.parse(r.body) as { calls: { all: { offered: number } } }).calls.all.offered;
    }, size.runs, 2));
    // The least Redis work that gives the same totals: every day bucket of the window, pipelined.
    const dayKeys: string[] = [];
    for (let d = Math.floor(from / DAY); d <= Math.floor(now / DAY); d++) dayKeys.push(`${keys.callKpiPrefix}${d}`);
    const raw = summarize(await timeRuns(async () => {
      const p = redis.pipeline();
      for (const k of dayKeys) p.hgetall(k);
      await p.exec();
    }, size.runs, 2));
    ctx.report({
      ...withBaseline(
        {
          name: `read.kpis.${days}d`,
          value: round(viaHttp.p50, 1),
          unit: 'ms (p50)',
          conditions: { calls: size.calls, offeredInAnswer: offered, incidents: size.incidents, days, role: 'executive', runs: size.runs },
          extra: { p95: round(viaHttp.p95, 1), firstReadMs: round(coldMs, 1), redisMemoryMb: round((await ctx.redis.usedMemory()) / 2 ** 20, 1) },
        },
        { name: `HGETALL of the ${dayKeys.length} call KPI day buckets, pipelined`, value: raw.p50, unit: 'ms (p50)' },
      ),
      target: target('value', '<', 200, viaHttp.p50),
    });
  } finally {
    http.close();
    await server.stop();
  }
}

/** Every key of a space (by its name after the prefix) and its content, TTLs aside. */
async function dumpSpace(redis: ReturnType<BenchContext['redis']['connect']>, base: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${base.replace(/[[\]*?{}]/g, '\\$&')}*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      const type = await redis.type(key);
      out[key.slice(base.length)] = type === 'hash' ? await redis.hgetall(key) : type === 'set' ? (await redis.smembers(key)).sort() : await redis.get(key);
    }
  } while (cursor !== '0');
  return out;
}

/** The fast call fill must leave what the projection leaves: same KPIs over the month and any window. */
async function checkFastFill(ctx: BenchContext, fast: FillTarget, month: Parameters<typeof history>[0]): Promise<void> {
  const slow = { ...fast, keys: spaceKeys(ctx.prefix('kpischeck'), ctx.city.profile.id, 'live') };
  await projectAll(slow, history(month));
  const targets = ctx.city.profile.targets;
  for (const [fromMs, toMs] of [[month.fromMs, month.toMs + 3_600_000], [month.fromMs + 12_345_678, month.fromMs + 5 * DAY]]) {
    const q = { fromMs: fromMs ?? 0, toMs: toMs ?? 0, timeZone: fast.timeZone, targets };
    deepStrictEqual(await readKpis(fast.redis, fast.keys, q), await readKpis(slow.redis, slow.keys, q), 'fast call fill differs from the projection');
  }
}

async function apps(ctx: BenchContext): Promise<void> {
  const size = ctx.quick ? { apps: 20, days: 2, minuteHours: 2, runs: 3 } : { apps: 200, days: 30, minuteHours: 48, runs: 10 };
  const prefix = ctx.prefix('apps');
  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: prefix });
  const http = httpClient(server.url, 4);
  try {
    const tz = ctx.city.profile.timezone;
    const now = Date.now();
    const from = now - size.days * DAY;
    const path = `/api/v1/apps/activity?from=${encodeURIComponent(toIsoWithOffset(from, tz))}&to=${encodeURIComponent(toIsoWithOffset(now, tz))}`;
    const probe = await http.get(path, EXECUTIVE_TOKEN);
    if (probe.status === 404) {
      ctx.report(skipped('read.apps.activity.30d', 'route missing: GET /api/v1/apps/activity answered 404'));
      return;
    }
    const keys = spaceKeys(prefix, ctx.city.profile.id, 'live');
    const redis = ctx.redis.connect();
    const memBefore = await ctx.redis.usedMemory();
    const t0 = performance.now();
    const fillTo = { redis, keys, timeZone: tz, locate: (lat: number, lon: number) => ctx.city.geo.locate(lat, lon) };
    const activity = { apps: size.apps, days: size.days, minuteHours: size.minuteHours, nowMs: now, runId: 'a' };
    const written = await writeAppActivity(fillTo, appActivity(activity));
    const memAfter = await ctx.redis.usedMemory();
    ctx.progress(`apps: wrote ${written} events' buckets in ${round((performance.now() - t0) / 1000, 1)} s`);
    if (ctx.quick) {
      const slow = { ...fillTo, keys: spaceKeys(ctx.prefix('appscheck'), ctx.city.profile.id, 'live') };
      await projectAll(slow, appActivity(activity));
      deepStrictEqual(await dumpSpace(redis, keys.all), await dumpSpace(redis, slow.keys.all), 'fast app fill differs from the projection');
    }
    const viaHttp = summarize(await timeRuns(async () => {
      const r = await http.get(path, EXECUTIVE_TOKEN);
      if (r.status !== 200) throw new Error(`apps/activity answered ${r.status}: ${r.body.slice(0, 200)}`);
    }, size.runs, 2));
    const dayKeys: string[] = [];
    for (let t = from; t <= now + DAY; t += DAY) dayKeys.push(`${keys.appsPrefix}d:${cityDayKey(t, tz)}`);
    const raw = summarize(await timeRuns(async () => {
      const p = redis.pipeline();
      for (const k of new Set(dayKeys)) p.hgetall(k);
      await p.exec();
    }, size.runs, 2));
    ctx.report(withBaseline(
      {
        name: 'read.apps.activity.30d',
        value: round(viaHttp.p50, 1),
        unit: 'ms (p50)',
        conditions: { apps: size.apps, days: size.days, perMinuteForLastHours: size.minuteHours, perHourBefore: true, events: written, role: 'executive', runs: size.runs },
        target: target('value', '<', 200, viaHttp.p50),
        extra: { p95: round(viaHttp.p95, 1), appBucketsMemoryMb: round((memAfter - memBefore) / 2 ** 20, 1), redisMemoryMb: round(memAfter / 2 ** 20, 1) },
      },
      { name: 'HGETALL of the app day buckets of the window, pipelined', value: raw.p50, unit: 'ms (p50)' },
    ));

    // One app's chart over the month, hour by hour (720 points), the way the executive view asks.
    const seriesPath = `/api/v1/apps/app-7/series?from=${encodeURIComponent(toIsoWithOffset(from, tz))}&to=${encodeURIComponent(toIsoWithOffset(now, tz))}&resolution=hour`;
    const series = summarize(await timeRuns(async () => {
      const r = await http.get(seriesPath, EXECUTIVE_TOKEN);
      if (r.status !== 200) throw new Error(`apps series answered ${r.status}: ${r.body.slice(0, 200)}`);
    }, size.runs, 2));
    const hourKeys: string[] = [];
    for (let t = Math.floor(from / HOUR) * HOUR; t < now; t += HOUR) hourKeys.push(`${keys.appsPrefix}h:${t}`);
    const rawSeries = summarize(await timeRuns(async () => {
      const p = redis.pipeline();
      for (const k of hourKeys) p.hmget(k, 'app-7|session', 'app-7|transaction', 'app-7|complaint', 'app-7|error');
      await p.exec();
    }, size.runs, 2));
    ctx.report(withBaseline(
      {
        name: 'read.apps.series.30d',
        value: round(series.p50, 1),
        unit: 'ms (p50)',
        conditions: { apps: size.apps, days: size.days, resolution: 'hour', points: hourKeys.length, role: 'executive', runs: size.runs },
        extra: { p95: round(series.p95, 1) },
        target: target('value', '<', 200, series.p50),
      },
      { name: 'HMGET of the app\'s fields in every hour bucket of the window, pipelined', value: rawSeries.p50, unit: 'ms (p50)' },
    ));
  } finally {
    http.close();
    await server.stop();
  }
}

export const readsBenchmark: Benchmark = {
  name: 'reads',
  figures: readFigures,
  async run(ctx) {
    await snapshot(ctx);
    await ctx.redis.flush();
    await kpis(ctx, 30);
    await ctx.redis.flush();
    await kpis(ctx, 90);
    await ctx.redis.flush();
    await apps(ctx);
  },
};
