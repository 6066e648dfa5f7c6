// Alert records for the detector (the active set) and for history (raised in a window).
import type { RedisClient } from './redis-client.ts';
import { parseEpochMs } from '../domain/time.ts';
import type { SpaceKeys } from './keys.ts';

export interface ActiveAlert {
  alertId: string;
  kind: string;
  subject: string;
  severity: string;
  raisedAtMs: number | null;
}

/** Alerts raised and not cleared: what every process consults before raising its own. */
export async function readActiveAlerts(redis: RedisClient, keys: SpaceKeys): Promise<ActiveAlert[]> {
  const ids = await redis.zrange(keys.alertsActive, 0, -1);
  if (ids.length === 0) return [];
  const p = redis.pipeline();
  for (const id of ids) p.hmget(`${keys.alertPrefix}${id}`, 'kind', 'subject', 'severity', 'raisedAt');
  const replies = (await p.exec()) ?? [];
  const out: ActiveAlert[] = [];
  replies.forEach(([err, v], i) => {
    if (err) throw err;
    const [kind, subject, severity, raisedAt] = (v ?? []) as (string | null)[];
    const alertId = ids[i];
    if (alertId === undefined || !kind || !subject) return;
    out.push({ alertId, kind, subject, severity: severity ?? 'warning', raisedAtMs: parseEpochMs(raisedAt ?? undefined) });
  });
  return out;
}

/** Alerts raised in [fromMs, toMs), newest first, up to `limit`, with how many there are in all. */
export async function readAlertHistory(
  redis: RedisClient, keys: SpaceKeys, fromMs: number, toMs: number, limit: number,
): Promise<{ total: number; alerts: [string, Record<string, string>][] }> {
  const [total, ids] = await Promise.all([
    redis.zcount(keys.alertsByRaised, fromMs, `(${toMs}`),
    redis.zrevrangebyscore(keys.alertsByRaised, `(${toMs}`, fromMs, 'LIMIT', 0, limit),
  ]);
  if (ids.length === 0) return { total, alerts: [] };
  const p = redis.pipeline();
  for (const id of ids) p.hgetall(`${keys.alertPrefix}${id}`);
  const replies = (await p.exec()) ?? [];
  const alerts: [string, Record<string, string>][] = [];
  replies.forEach(([err, h], i) => {
    if (err) throw err;
    const id = ids[i];
    const hash = (h ?? {}) as Record<string, string>;
    // The index outlives records (they expire after 90 days): skip what is gone.
    if (id !== undefined && Object.keys(hash).length > 0) alerts.push([id, hash]);
  });
  return { total, alerts };
}
