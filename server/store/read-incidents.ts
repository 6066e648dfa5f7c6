// Incident records reported in a window (incident KPIs need every duration for p90).
import type { Redis } from 'ioredis';
import { parseIncidentRecord, type IncidentRecord } from '../domain/incident-record.ts';
import type { SpaceKeys } from './keys.ts';

export async function readIncidentRecords(redis: Redis, keys: SpaceKeys, fromMs: number, toMs: number): Promise<IncidentRecord[]> {
  if (toMs <= fromMs) return [];
  const ids = await redis.zrangebyscore(keys.incidentsByReported, fromMs, `(${toMs}`);
  if (ids.length === 0) return [];
  const p = redis.pipeline();
  for (const id of ids) p.hgetall(`${keys.incidentPrefix}${id}`);
  const rows = (await p.exec()) ?? [];
  return ids.map((id, i) => parseIncidentRecord(id, (rows[i]?.[1] ?? {}) as Record<string, string>));
}
