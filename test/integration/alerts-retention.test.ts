// Alert history keeps 90 days (trim-record-indexes.ts, the hourly maintenance): alerts raised
// more than 90 days before now leave `alerts:byRaised` and their records go, unless still open;
// recent alerts keep their acknowledged and cleared state. The projection itself keeps every
// alert, so its state is a function of the set of events: a rebuild of the stream, or another
// arrival order, ends in the same derived state, and the trim then removes the same alerts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventOf, PantauEvent } from '../../shared/contract/events.ts';
import type { Space } from '../../shared/contract/views.ts';
import { rebuildSpace } from '../../server/store/rebuild.ts';
import { trimRecordIndexes } from '../../server/store/trim-record-indexes.ts';
import { startApp, type TestApp } from '../support/app-harness.ts';
import { wib } from '../support/factories.ts';

const DAY = 86_400_000;

let app: TestApp;
let nowMs = 0;
beforeEach(async () => {
  nowMs = Date.now();
  app = await startApp({}, { clock: () => nowMs });
});
afterEach(async () => {
  await app.close();
});

const raised = (alertId: string, atMs: number): EventOf<'alert.raised'> => ({
  id: `raise:${alertId}`, type: 'alert.raised', at: wib(atMs), source: 'pantau-alerts',
  alertId, kind: 'silent', subject: `app-${alertId}`, severity: 'warning', detail: {},
});
const cleared = (alertId: string, atMs: number): EventOf<'alert.cleared'> =>
  ({ id: `clear:${alertId}`, type: 'alert.cleared', at: wib(atMs), source: 'pantau-alerts', alertId });
const acked = (alertId: string, atMs: number): EventOf<'alert.acked'> =>
  ({ id: `ack:${alertId}`, type: 'alert.acked', at: wib(atMs), source: 'pantau-operator', alertId, by: 'operator' });

/** Alert history from 120 days ago to now, in the order the detector and operators write it. */
function history(now: number): PantauEvent[] {
  return [
    raised('old-cleared', now - 120 * DAY), acked('old-cleared', now - 120 * DAY + 60_000), cleared('old-cleared', now - 119 * DAY),
    raised('old-open', now - 100 * DAY), acked('old-open', now - 100 * DAY + 60_000),
    raised('edge-kept', now - 89 * DAY), cleared('edge-kept', now - 89 * DAY + 3_600_000),
    raised('mid', now - 60 * DAY), acked('mid', now - 60 * DAY + 120_000), cleared('mid', now - 59 * DAY),
    raised('recent', now - 3_600_000), acked('recent', now - 3_000_000),
    raised('newest', now),
  ];
}

/** The alert part of a space's derived state: both indexes with scores, and every record. */
async function alertState(space: Space): Promise<{ byRaised: string[]; active: string[]; records: Record<string, Record<string, string>> }> {
  const r = app.redis.redis;
  const k = app.keys(space);
  const records: Record<string, Record<string, string>> = {};
  for (const key of (await r.keys(`${k.alertPrefix}*`)).sort()) records[key.slice(k.alertPrefix.length)] = await r.hgetall(key);
  return {
    byRaised: await r.zrange(k.alertsByRaised, 0, -1, 'WITHSCORES'),
    active: await r.zrange(k.alertsActive, 0, -1, 'WITHSCORES'),
    records,
  };
}

describe('alert history retention', () => {
  const trim = (space: Space, now: number): Promise<number> => trimRecordIndexes(app.redis.redis, app.keys(space), now);

  it('drops alerts raised over 90 days before now, keeps open and recent ones intact', async () => {
    const now = nowMs;
    expect((await app.ingest.ingestEvents('live', 'pantau', history(now))).answer.accepted).toBe(13);
    expect((await alertState('live')).records['old-cleared']).toBeDefined();
    expect(await trim('live', now)).toBe(1);
    const s = await alertState('live');
    const ids = s.byRaised.filter((_, i) => i % 2 === 0);
    expect(ids).toEqual(['old-open', 'edge-kept', 'mid', 'recent', 'newest']);
    expect(Object.keys(s.records).sort()).toEqual(['edge-kept', 'mid', 'newest', 'old-open', 'recent']);
    // Acknowledged and cleared state of what is kept is untouched.
    expect(s.records.mid).toMatchObject({ ackedBy: 'operator', ackedAt: String(now - 60 * DAY + 120_000), clearedAt: String(now - 59 * DAY) });
    expect(s.records.recent).toMatchObject({ ackedBy: 'operator', ackedAt: String(now - 3_000_000) });
    expect(s.records.recent?.clearedAt).toBeUndefined();
    // Open alerts stay, however old: the detector clears them by id.
    expect(s.active.filter((_, i) => i % 2 === 0)).toEqual(['old-open', 'recent', 'newest']);
    expect(s.records['old-open']).toMatchObject({ ackedBy: 'operator' });

    // The history API sees exactly what is kept.
    const h = await app.redis.redis.zcount(app.keys('live').alertsByRaised, now - 200 * DAY, now + 1);
    expect(h).toBe(5);
  });

  it('a rebuild of the stream ends in the same alert state', async () => {
    const now = nowMs;
    await app.ingest.ingestEvents('live', 'pantau', history(now));
    const before = await alertState('live');
    const result = await rebuildSpace(app.redis.redis, app.keys('live'));
    expect(result.entries).toBeGreaterThanOrEqual(13);
    expect(await alertState('live')).toEqual(before);
  });

  it('another arrival order (newest first, a clear before its raise) ends in the same state', async () => {
    const now = nowMs;
    const events = history(now);
    await app.ingest.ingestEvents('live', 'pantau', events);
    // The same events into the demo space, newest first: the old alert's clear now comes
    // before its raise, and its raise after the raise that makes it too old.
    await app.ingest.ingestEvents('demo', 'pantau', [...events].reverse());
    expect(await alertState('demo')).toEqual(await alertState('live'));
    await trim('live', now);
    await trim('demo', now);
    expect(await alertState('demo')).toEqual(await alertState('live'));
  });

  it('the live view lets go of cleared alerts a day after they were raised, not of open ones', async () => {
    const t0 = nowMs;
    await app.ingest.ingestEvents('live', 'pantau', [raised('gone', t0), cleared('gone', t0 + 60_000), raised('open', t0)]);
    await app.feeds.live.pullNow({ fresh: true });
    expect(app.feeds.live.snapshot().alerts.map((a) => a.alertId).sort()).toEqual(['gone', 'open']);
    nowMs = t0 + DAY + 60_000;
    await app.feeds.live.pullNow({ fresh: true });
    // The next summary refresh (the heartbeat at the latest) drops it.
    await expect.poll(() => app.feeds.live.snapshot().alerts.map((a) => a.alertId), { timeout: 10_000 }).toEqual(['open']);
  });
});
