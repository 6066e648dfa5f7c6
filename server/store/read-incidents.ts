// Incident records reported in a window (incident KPIs need every duration for p90).
import type { RedisClient } from './redis-client.ts';
import { parseIncidentRecord, type IncidentRecord } from '../domain/incident-record.ts';
import type { SpaceKeys } from './keys.ts';
import { readIndexedRecords } from './read-indexed-records.ts';
import { DAY_MS, type KpiDayCache } from './kpi-day-cache.ts';

function readRange(redis: RedisClient, keys: SpaceKeys, fromMs: number, toMs: number): Promise<IncidentRecord[]> {
  return readIndexedRecords(redis, keys.incidentsByReported, keys.incidentPrefix, fromMs, toMs, parseIncidentRecord);
}

/**
 * Oldest first. With a cache, UTC days that are over come from memory (read whole once, then
 * cut to the window), so a month-long window reads Redis only for today.
 */
export async function readIncidentRecords(redis: RedisClient, keys: SpaceKeys, fromMs: number, toMs: number, cache?: KpiDayCache): Promise<IncidentRecord[]> {
  if (toMs <= fromMs) return [];
  if (!cache) return readRange(redis, keys, fromMs, toMs);
  const parts: Promise<IncidentRecord[]>[] = [];
  for (let d = Math.floor(fromMs / DAY_MS); d * DAY_MS < toMs; d++) {
    const from = Math.max(fromMs, d * DAY_MS);
    const to = Math.min(toMs, (d + 1) * DAY_MS);
    if (!cache.isOver(d)) {
      parts.push(readRange(redis, keys, from, to));
      continue;
    }
    const cut = (records: IncidentRecord[]): IncidentRecord[] =>
      from === d * DAY_MS && to === (d + 1) * DAY_MS ? records : records.filter((r) => r.reportedAtMs !== null && r.reportedAtMs >= from && r.reportedAtMs < to);
    const cached = cache.incidentRecords(d);
    if (cached) {
      parts.push(Promise.resolve(cut(cached)));
      continue;
    }
    const begun = cache.begin();
    parts.push(readRange(redis, keys, d * DAY_MS, (d + 1) * DAY_MS).then((records) => {
      cache.setIncidentRecords(d, records, begun);
      return cut(records);
    }));
  }
  return (await Promise.all(parts)).flat();
}
