// The demo sped up 10× (the presenter panel's first step up; real time is the default) must not look like app anomalies:
// "an ordinary day raises none" holds in demo too, and the app-outage scenario still raises
// its alert. The simulator runs as the demo driver runs it (a backfill at 1×, then live at
// 10×) into the demo space of a real Redis, and the real alert job judges each wall minute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { runAppAlerts, type AppAlertJobDeps } from '../../server/alerts/app-alert-job.ts';
import { createCaches } from '../../server/alerts/detector-input.ts';
import { createLogger } from '../../server/log.ts';
import { simCityOf } from '../../server/sim/demo-runner.ts';
import { createSimState, setIdPrefix, setSpeed, startScenario, step, type SimState } from '../../server/sim/simulator.ts';
import { createAppStore } from '../../server/store/read-app-store.ts';
import { startApp, type TestApp } from '../support/app-harness.ts';

const MIN = 60_000;
const SPEED = 10;
/** A Tuesday: the backfill runs 05:00–07:00 WIB, then the demo runs live at 10× from 07:00. */
const BACKFILL_FROM = Date.parse('2026-11-24T05:00:00+07:00');
const LIVE_FROM = Date.parse('2026-11-24T07:00:00+07:00');

let app: TestApp;
let nowMs = LIVE_FROM;
beforeEach(async () => {
  nowMs = LIVE_FROM;
  app = await startApp({}, { clock: () => nowMs });
});
afterEach(async () => {
  await app.close();
});

describe('demo time-lapse and app alerts', () => {
  it('an ordinary day at 10× raises no app alert; an app outage raises one within three minutes', async () => {
    const deps: AppAlertJobDeps = {
      store: (space) => createAppStore(app.redis.redis, app.keys(space)),
      ingest: app.ingest, city: app.city, clock: () => nowMs, log: createLogger('silent'),
    };
    const caches = createCaches();
    const emitted = { 'app.activity': 0, 'call.received': 0 } as Record<string, number>;
    const emit = async (events: PantauEvent[]): Promise<void> => {
      for (const e of events) emitted[e.type] = (emitted[e.type] ?? 0) + 1;
      for (let i = 0; i < events.length; i += 1_000) await app.ingest.ingestEvents('demo', 'demo-sim', events.slice(i, i + 1_000));
    };

    // Backfill at 1×, in whole minutes, as the driver does before it goes live.
    let s: SimState = createSimState({ city: simCityOf(app.city), seed: 112119, nowMs: BACKFILL_FROM, speed: 1 });
    for (let t = BACKFILL_FROM + MIN; t <= LIVE_FROM; t += MIN) {
      const r = step(s, t, MIN);
      s = r.state;
      await emit(r.events);
    }
    s = setSpeed(setIdPrefix(s, `${s.idPrefix}-live`), SPEED);

    /** Runs the demo live in 1-second ticks; the alert job runs 5 s into each minute, as in the server. */
    const raisedIn: string[] = [];
    const runLive = async (minutes: number): Promise<void> => {
      let events: PantauEvent[] = [];
      for (let i = 0; i < minutes * 60; i++) {
        nowMs += 1_000;
        const r = step(s, nowMs, 1_000);
        s = r.state;
        events.push(...r.events);
        if (nowMs % MIN === 5_000) {
          await emit(events);
          events = [];
          raisedIn.push(...(await runAppAlerts(deps, 'demo', caches)).raised);
        }
      }
      await emit(events);
    };

    // One wall hour at 10×: ten simulated hours, from the morning rise past the office day.
    await runLive(60);
    // The day moved: app minutes for every real minute, and the calls of ten simulated hours.
    expect(emitted['app.activity']).toBeGreaterThan(5_000);
    expect(emitted['call.received']).toBeGreaterThan(50);
    expect(raisedIn).toEqual([]);
    // No app alert from any process either. Queue alerts are the server's own job on the calls
    // (queue-alerts.test.ts); this clock stands still through the backfill, so they judge it as now.
    const stored = await app.redis.redis.zrange(app.keys('demo').alertsByRaised, 0, -1);
    expect(stored.filter((id) => !id.startsWith('queue:'))).toEqual([]);

    // The presenter starts an outage of the super-app: it goes silent, and the wall hears of it.
    s = startScenario(s, 'app-outage', nowMs);
    const appId = s.scenarios[0]?.appId;
    expect(appId).toBe('tangerang-live');
    await runLive(3);
    expect(raisedIn.filter((id) => id.startsWith(`silent:${appId}:`))).toHaveLength(1);
    // Nothing but the outage's own app is flagged.
    expect(raisedIn.every((id) => id.includes(`:${appId}:`))).toBe(true);
  }, 300_000);
});
