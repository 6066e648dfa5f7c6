// 200 apps sending per-minute counts for 30 days: the buckets the projection would hold
// (minutes for the last 48 h, hours and days for the month) are written straight into Redis,
// then the ranking and series endpoints are timed and the buckets' memory is measured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppActivityAnswer, AppSeriesAnswer } from '../../shared/contract/apps.ts';
import { cityDayKey } from '../../server/domain/time.ts';
import { dayBucketKey, hourBucketKey, minuteBucketKey } from '../../server/store/read-apps.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { wib } from '../support/factories.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const TZ = 'Asia/Jakarta';
let app: TestApp;
let appIds: string[];
const now = Date.now();

/** Counts a gateway would send for app i in one minute: sessions and transactions. */
const perMinute = (i: number): { s: number; t: number } => ({ s: 5 + (i % 50), t: 1 + (i % 7) });

beforeAll(async () => {
  app = await startApp({}, { clock: () => now });
  appIds = app.city.apps.slice(0, 200).map((a) => a.id);
  const k = app.keys('live');
  const redis = app.redis.redis;
  const fields = (minutes: number): Record<string, string> => {
    const h: Record<string, string> = {};
    appIds.forEach((id, i) => {
      const c = perMinute(i);
      h[`${id}|session`] = String(c.s * minutes);
      h[`${id}|transaction`] = String(c.t * minutes);
    });
    return h;
  };
  const minuteHash = fields(1);
  const hourHash = fields(60);
  const dayHash = fields(1440);
  const first = Math.floor((now - 30 * DAY) / MIN) * MIN;
  let p = redis.pipeline();
  let n = 0;
  const flush = async (): Promise<void> => {
    await p.exec();
    p = redis.pipeline();
    n = 0;
  };
  for (let m = Math.floor((now - 48 * HOUR) / MIN) * MIN; m < now; m += MIN) {
    p.hset(minuteBucketKey(k, m), minuteHash);
    if (++n >= 200) await flush();
  }
  for (let h = Math.floor(first / HOUR) * HOUR; h < now; h += HOUR) {
    p.hset(hourBucketKey(k, h), hourHash);
    if (++n >= 200) await flush();
  }
  const days = new Set<string>();
  for (let d = first; d < now + DAY; d += DAY) days.add(cityDayKey(Math.min(d, now), TZ));
  for (const d of days) p.hset(dayBucketKey(k, d), dayHash);
  await flush();
}, 120_000);
afterAll(async () => {
  await app.close();
});

async function time(path: string): Promise<{ p50: number; max: number; json: unknown }> {
  const ms: number[] = [];
  let json: unknown = null;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const r = await app.get(path, OPERATOR_TOKEN);
    ms.push(performance.now() - t0);
    expect(r.status).toBe(200);
    json = r.json;
  }
  ms.sort((a, b) => a - b);
  return { p50: Math.round(ms[3] ?? 0), max: Math.round(ms.at(-1) ?? 0), json };
}

describe('200 apps × per-minute counts × 30 days', () => {
  it('answers ranking and series in under 200 ms, and reports the memory the buckets take', async () => {
    const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const cases: [string, string][] = [
      ['activity today', '/api/v1/apps/activity'],
      ['activity last 24 h', `/api/v1/apps/activity?${q({ from: wib(now - DAY), to: wib(now) })}`],
      ['activity last 7 days', `/api/v1/apps/activity?${q({ from: wib(now - 7 * DAY), to: wib(now) })}`],
      ['activity last 30 days', `/api/v1/apps/activity?${q({ from: wib(now - 30 * DAY), to: wib(now), top: '200' })}`],
      ['series 6 h by minute', `/api/v1/apps/tangerang-live/series?${q({ from: wib(now - 6 * HOUR), to: wib(now) })}`],
      ['series 7 days by hour', `/api/v1/apps/tangerang-live/series?${q({ from: wib(now - 7 * DAY), to: wib(now) })}`],
      ['series 30 days by hour', `/api/v1/apps/tangerang-live/series?${q({ from: wib(now - 29 * DAY), to: wib(now), resolution: 'hour' })}`],
      ['series 30 days by day', `/api/v1/apps/tangerang-live/series?${q({ from: wib(now - 30 * DAY), to: wib(now) })}`],
    ];
    const results: Record<string, { p50: number; max: number }> = {};
    for (const [name, path] of cases) {
      const r = await time(path);
      results[name] = { p50: r.p50, max: r.max };
      expect(r.p50, name).toBeLessThan(200);
      if (name === 'activity last 30 days') {
        const a = AppActivityAnswer.parse(r.json);
        expect(a.top).toHaveLength(200);
        // The first app sends 5 sessions + 1 transaction a minute: 6 × 1440 a day for 30 days, widened at most an hour.
        expect(a.top.find((t) => t.appId === appIds[0])?.total).toBeGreaterThanOrEqual(6 * 1440 * 30);
      }
      if (name === 'series 30 days by day') expect(AppSeriesAnswer.parse(r.json).resolution).toBe('day');
    }
    const k = app.keys('live');
    let bytes = { minutes: 0, hours: 0, days: 0 };
    let cursor = '0';
    do {
      const [next, keys] = await app.redis.redis.scan(cursor, 'MATCH', `${k.appsPrefix}*`, 'COUNT', 1000);
      cursor = next;
      const p = app.redis.redis.pipeline();
      for (const key of keys) p.memory('USAGE', key);
      const sizes = ((await p.exec()) ?? []).map(([, v]) => Number(v ?? 0));
      keys.forEach((key, i) => {
        const res = key.slice(k.appsPrefix.length, k.appsPrefix.length + 1) as 'm' | 'h' | 'd';
        const field = res === 'm' ? 'minutes' : res === 'h' ? 'hours' : 'days';
        bytes = { ...bytes, [field]: bytes[field] + (sizes[i] ?? 0) };
      });
    } while (cursor !== '0');
    const mb = (b: number): number => Math.round((b / 1_048_576) * 10) / 10;
    console.log(JSON.stringify({
      bench: 'apps-200x30d', ms: results,
      redisMB: { minutes48h: mb(bytes.minutes), hours30d: mb(bytes.hours), days30: mb(bytes.days), total: mb(bytes.minutes + bytes.hours + bytes.days) },
    }));
  });
});
