// The hourly maintenance of time indexes, by the clock (not by event time, so one bad
// far-future timestamp cannot empty them):
// - calls:byReceived and incidents:byReported point at records that expire RECORD_RETENTION_MS
//   (incidents: INCIDENT_RETENTION_MS) after their last change; without a trim they would grow for ever and name records that are
//   gone. The stream is kept for less than that (PANTAU_STREAM_RETENTION_DAYS ≤ 35 by default),
//   so a rebuild never recreates what this removed.
// - Alert history (alerts:byRaised and the records) keeps ALERT_RETENTION_MS; open alerts stay
//   whatever their age (they are still news on the wall, and the detectors clear them by id).
//   This trim was once inside the projection, where it made the state depend on which raise
//   arrived first; here the projection stays a function of the set of events.
// - calls:callbacks (the callback list, lua/callback.lua): an entry whose first hang-up is older
//   than the records' retention goes with its hash; its calls are gone or going by their TTL.
import type { RedisClient } from './redis-client.ts';
import { ALERT_RETENTION_MS, INCIDENT_RETENTION_MS, RECORD_RETENTION_MS } from '../domain/projection-constants.ts';
import type { SpaceKeys } from './keys.ts';

/** Removes index entries and alert history older than their retention; returns how many went. */
export async function trimRecordIndexes(redis: RedisClient, keys: SpaceKeys, nowMs: number): Promise<number> {
  const before = `(${nowMs - RECORD_RETENTION_MS}`;
  const oldAlerts = await redis.zrangebyscore(keys.alertsByRaised, '-inf', `(${nowMs - ALERT_RETENTION_MS}`);
  const p = redis.pipeline()
    .zremrangebyscore(keys.callsByReceived, '-inf', before)
    .zremrangebyscore(keys.incidentsByReported, '-inf', `(${nowMs - INCIDENT_RETENTION_MS}`);
  const oldCallbacks = await redis.zrangebyscore(keys.callbacks, '-inf', before);
  for (const id of oldCallbacks) p.zrem(keys.callbacks, id).unlink(`${keys.callbackPrefix}${id}`);
  for (const id of oldAlerts) p.zscore(keys.alertsActive, id);
  const replies = (await p.exec()) ?? [];
  let removed = 0;
  const gone: string[] = [];
  const firstAlert = 2 + 2 * oldCallbacks.length;
  removed += oldCallbacks.length;
  replies.forEach(([err, reply], i) => {
    if (err) throw err;
    if (i < 2) removed += Number(reply);
    else if (i >= firstAlert && reply === null) gone.push(oldAlerts[i - firstAlert] as string);
  });
  if (gone.length > 0) {
    const q = redis.pipeline();
    for (const id of gone) q.zrem(keys.alertsByRaised, id).unlink(`${keys.alertPrefix}${id}`);
    for (const [err] of (await q.exec()) ?? []) if (err) throw err;
    removed += gone.length;
  }
  return removed;
}
