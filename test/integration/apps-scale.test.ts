// 200 apps sending per-minute counts for 30 days: the buckets the projection would hold
// (minutes for the last 48 h, hours and days for the month) are written straight into Redis,
// then every window of the ranking and series endpoints must answer, and answer right. How
// fast, and the memory the buckets take, are figures of `npm run bench` (read.apps.*), not tests.
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

describe('200 apps × per-minute counts × 30 days', () => {
  it('answers ranking and series over every window, from minute, hour and day buckets', async () => {
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
    for (const [name, path] of cases) {
      const r = await app.get(path, OPERATOR_TOKEN);
      expect(r.status, name).toBe(200);
      if (name.startsWith('activity')) {
        const a = AppActivityAnswer.parse(r.json);
        expect(a.top.length, name).toBeGreaterThan(0);
      } else {
        const series = AppSeriesAnswer.parse(r.json);
        expect(series.points.length, name).toBeGreaterThan(0);
      }
      if (name === 'activity last 30 days') {
        const a = AppActivityAnswer.parse(r.json);
        expect(a.top).toHaveLength(200);
        // The first app sends 5 sessions + 1 transaction a minute: 6 × 1440 a day for 30 days, widened at most an hour.
        expect(a.top.find((t) => t.appId === appIds[0])?.total).toBeGreaterThanOrEqual(6 * 1440 * 30);
      }
      if (name === 'series 30 days by day') expect(AppSeriesAnswer.parse(r.json).resolution).toBe('day');
    }
  });
});
