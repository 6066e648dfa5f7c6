// Runs the pure simulator against the wall clock: ticks on an interval, hands each tick's
// events to `emit` (the demo space's ingest), and never starts a tick while the previous
// emit is still in flight; the next tick then covers the gap, so nothing is lost.
import type { PantauEvent } from '../../shared/contract/events.ts';
import {
  createSimState, setIdPrefix, setSpeed as withSpeed, startScenario as withScenario, step,
  type ScenarioName, type ScenarioOptions, type SimCity, type SimState,
} from './simulator.ts';
import { MINUTE_MS, isoWithOffset, localMidnight, HOUR_MS } from './time.ts';

/** The logging the driver needs; a pino logger fits. */
export interface SimLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SimDriverOptions {
  city: SimCity;
  seed: number | string;
  speed: number;
  clock: () => number;
  emit: (events: PantauEvent[]) => Promise<void>;
  tickMs?: number;
  log?: SimLog;
  /**
   * On start, fill the day so far at 1× so today's KPIs are not empty when a delegation
   * arrives: 'today' from local midnight, or the last N hours; false for none (default 'today').
   */
  backfill?: 'today' | { hours: number } | false;
  utcOffsetMinutes?: number;
  /** Events per emit call (default and maximum 1,000, well under the ingest limit of 10,000). */
  batchSize?: number;
}

export interface SimScenarioStatus {
  name: ScenarioName;
  startedAt: string;
  /** When it ends on the wall clock at the current speed; null for a lasting mode. */
  endsAt: string | null;
  kecamatan: string | null;
  appId: string | null;
}

export interface SimStatus {
  speed: number;
  running: boolean;
  backfilling: boolean;
  scenarios: SimScenarioStatus[];
}

export interface SimDriver {
  /** Backfills (if asked), then ticks until stop(). Resolves once ticking has begun. */
  start(): Promise<void>;
  /** Stops ticking; resolves when an emit in flight has settled. */
  stop(): Promise<void>;
  setSpeed(speed: number): void;
  startScenario(name: ScenarioName, opts?: ScenarioOptions): void;
  /** A fresh day from now with the same seed (new ids, so nothing collides with the old run). */
  reset(): void;
  status(): SimStatus;
}

const DEFAULT_TICK_MS = 250;
const MAX_BATCH = 1_000;
/** After a stall longer than this (a suspended laptop), skip ahead instead of replaying it all. */
const MAX_CATCH_UP_MS = 5 * MINUTE_MS;

export function createSimDriver(opts: SimDriverOptions): SimDriver {
  const tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
  const batchSize = Math.min(MAX_BATCH, Math.max(1, opts.batchSize ?? MAX_BATCH));
  const offset = opts.utcOffsetMinutes ?? 420;
  const log = opts.log;
  let speed = opts.speed;
  let state: SimState = fresh(opts.clock(), speed);
  let timer: ReturnType<typeof setInterval> | null = null;
  let inFlight: Promise<void> | null = null;
  let backfilling = false;
  let wanted = false;
  // Bumped by reset() and stop(), so a backfill that was overtaken stops writing.
  let generation = 0;
  // Scenarios asked for during a backfill wait for the live state they belong to.
  let queued: { name: ScenarioName; opts: ScenarioOptions }[] = [];

  function fresh(nowMs: number, atSpeed: number, live = false): SimState {
    // A live start has no backfilled minutes: its apps report at the first tick (see firstAppReportAt).
    return createSimState({ city: opts.city, seed: opts.seed, nowMs, speed: atSpeed, utcOffsetMinutes: offset, ...(live ? { firstAppReportAt: nowMs + tickMs } : {}) });
  }

  async function emitAll(events: PantauEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += batchSize) await opts.emit(events.slice(i, i + batchSize));
  }

  function tick(): void {
    if (inFlight !== null || backfilling) return;
    const now = opts.clock();
    let dt = now - state.wallMs;
    if (dt <= 0) return;
    if (dt > MAX_CATCH_UP_MS) {
      log?.warn({ gapMs: dt }, 'sim: clock jumped, skipping ahead');
      dt = tickMs;
    }
    const r = step(state, now, dt);
    state = r.state;
    if (r.events.length === 0) return;
    inFlight = emitAll(r.events)
      .catch((err: unknown) => log?.error({ err, events: r.events.length }, 'sim: emit failed'))
      .finally(() => { inFlight = null; });
  }

  /** Replays [from, now) at 1× in whole minutes, so a restart on the same day repeats the same ids. */
  async function backfillFrom(fromMs: number, gen: number): Promise<void> {
    backfilling = true;
    try {
      let s = fresh(fromMs, 1);
      let buffer: PantauEvent[] = [];
      let emitted = 0;
      for (;;) {
        const target = Math.floor(opts.clock() / MINUTE_MS) * MINUTE_MS;
        if (s.wallMs + MINUTE_MS > target) break;
        const r = step(s, s.wallMs + MINUTE_MS, MINUTE_MS);
        s = r.state;
        buffer = buffer.concat(r.events);
        while (buffer.length >= batchSize) {
          await opts.emit(buffer.slice(0, batchSize));
          emitted += batchSize;
          buffer = buffer.slice(batchSize);
          if (gen !== generation) return;
        }
      }
      if (buffer.length > 0) await opts.emit(buffer);
      emitted += buffer.length;
      if (gen !== generation) return;
      // From here on the run is this process's own: new ids, then the live speed.
      const now = opts.clock();
      s = setIdPrefix(s, `${s.idPrefix}-${Math.floor(now).toString(36)}`);
      const tail = step(s, now, now - s.wallMs);
      state = withSpeed(tail.state, speed);
      await emitAll(tail.events);
      log?.info({ fromMs, events: emitted + tail.events.length }, 'sim: backfilled');
    } finally {
      backfilling = false;
    }
  }

  function backfillStart(nowMs: number): number | null {
    const b = opts.backfill ?? 'today';
    if (b === false) return null;
    if (b === 'today') return localMidnight(nowMs, offset);
    return Math.floor((nowMs - b.hours * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
  }

  return {
    async start() {
      // A backfill still unwinding after stop() would fight a second one over the state.
      if (wanted || backfilling) return;
      wanted = true;
      const gen = generation;
      const from = backfillStart(opts.clock());
      if (from !== null) {
        try {
          await backfillFrom(from, gen);
        } catch (err: unknown) {
          log?.error({ err }, 'sim: backfill failed, continuing live');
          state = fresh(opts.clock(), speed, true);
        }
      } else {
        state = fresh(opts.clock(), speed, true);
      }
      // stop() during the backfill wins; reset() during it just leaves its fresh state.
      if (!wanted || timer !== null) return;
      for (const q of queued) state = withScenario(state, q.name, opts.clock(), q.opts);
      queued = [];
      timer = setInterval(tick, tickMs);
      // The demo must never keep a shutting-down process alive.
      timer.unref();
      log?.info({ speed, tickMs }, 'sim: running');
    },
    async stop() {
      wanted = false;
      generation += 1;
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (inFlight !== null) await inFlight;
    },
    setSpeed(n) {
      state = withSpeed(state, n);
      speed = n;
    },
    startScenario(name, scenarioOpts = {}) {
      // Validates the options now, even when the scenario has to wait for the backfill.
      const next = withScenario(state, name, opts.clock(), scenarioOpts);
      if (backfilling) queued.push({ name, opts: scenarioOpts });
      else state = next;
      log?.info({ scenario: name }, 'sim: scenario started');
    },
    reset() {
      generation += 1;
      state = fresh(opts.clock(), speed, true);
    },
    status() {
      const now = opts.clock();
      const toWall = (simAt: number): number => state.wallMs + (simAt - state.simMs) / state.speed;
      return {
        speed,
        running: timer !== null,
        backfilling,
        scenarios: state.scenarios.map((sc) => ({
          name: sc.name,
          startedAt: isoWithOffset(Math.min(now, toWall(sc.startSim)), offset),
          endsAt: sc.endWall !== null ? isoWithOffset(sc.endWall, offset) : sc.endSim === null ? null : isoWithOffset(toWall(sc.endSim), offset),
          kecamatan: sc.kecamatan,
          appId: sc.appId,
        })),
      };
    },
  };
}
