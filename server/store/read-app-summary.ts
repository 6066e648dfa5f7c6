// The apps part of the snapshot: today's top 10 with a per-minute sparkline of the last hour,
// and the state of every registered app. The feed calls this at most once a second per
// space, so it costs three pipelined reads: today's day bucket, the active alerts, and the
// top apps' fields in 60 minute buckets.
import type { RedisClient } from './redis-client.ts';
import type { AppInfo } from '../../shared/contract/city.ts';
import { APP_KINDS } from '../../shared/contract/events.ts';
import type { AppsSummary } from '../../shared/contract/views.ts';
import { appStates, countStates } from '../domain/app-state.ts';
import { MINUTE_MS, floorMinute, minuteStarts } from '../domain/app-window.ts';
import { cityDayKey, todayWindow, toIsoWithOffset } from '../domain/time.ts';
import type { SpaceKeys } from './keys.ts';
import { readActiveAlerts } from './read-app-alerts.ts';
import { dayBucketKey, minuteBucketKey, rankApps, sumAppBuckets } from './read-apps.ts';

export const SPARKLINE_MINUTES = 60;
const TOP = 10;

async function readSparklines(redis: RedisClient, keys: SpaceKeys, appIds: readonly string[], minutes: readonly number[]): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  if (appIds.length === 0) return out;
  const fields = appIds.flatMap((id) => APP_KINDS.map((k) => `${id}|${k}`));
  const p = redis.pipeline();
  for (const m of minutes) p.hmget(minuteBucketKey(keys, m), ...fields);
  const replies = (await p.exec()) ?? [];
  appIds.forEach((id, a) => {
    out[id] = replies.map(([err, v]) => {
      if (err) throw err;
      const values = (v ?? []) as (string | null)[];
      let t = 0;
      for (let k = 0; k < APP_KINDS.length; k++) t += Number(values[a * APP_KINDS.length + k] ?? 0) || 0;
      return t;
    });
  });
  return out;
}

export function createAppsSummaryReader(redis: RedisClient, keys: SpaceKeys, catalog: readonly AppInfo[], timeZone: string) {
  const names = new Map(catalog.map((a) => [a.id, a.name]));
  const ids = catalog.map((a) => a.id);
  return async (nowMs: number): Promise<AppsSummary> => {
    const w = todayWindow(nowMs, timeZone);
    const [today, active] = await Promise.all([
      sumAppBuckets(redis, [dayBucketKey(keys, cityDayKey(nowMs, timeZone))]),
      readActiveAlerts(redis, keys),
    ]);
    const top = rankApps(today, names, TOP);
    // Whole minutes only: the minute under way is still filling and would always dip.
    const end = floorMinute(nowMs);
    const minutes = minuteStarts(end - SPARKLINE_MINUTES * MINUTE_MS, end);
    const sparklines = await readSparklines(redis, keys, top.map((t) => t.appId), minutes);
    const states = appStates(ids, today, active);
    return {
      from: toIsoWithOffset(w.fromMs, timeZone),
      to: toIsoWithOffset(w.toMs, timeZone),
      top,
      states,
      stateCounts: countStates(states),
      sparklines,
      sparklineFrom: toIsoWithOffset(end - SPARKLINE_MINUTES * MINUTE_MS, timeZone),
    };
  };
}
