// Runs the pure simulator against the wall clock: ticks on an interval, hands each tick's
// events to `emit` (the demo space's ingest), and never starts a tick while the previous
// emit is still in flight; the next tick then covers the gap, so nothing is lost.
import type { PantauEvent } from '../../shared/contract/events.ts';
import {
  createSimState, setAppReportInterval, setIdPrefix, setSpeed as withSpeed, startScenario as withScenario, step,
  type ScenarioName, type ScenarioOptions, type SimCity, type SimState,
} from './simulator.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, isoWithOffset, localMidnight } from './time.ts';

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
   * On start, fill the past at 1× so the KPIs are not empty when a delegation arrives: 'today'
   * from local midnight, the last N hours, or the last N days before today and today so far
   * (the days with hourly app reports, today with minutes); false for none (default 'today').
   */
  backfill?: 'today' | { hours: number } | { days: number } | false;
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
  /** Today is being written (the wall fills when this turns false). */
  backfilling: boolean;
  /** The days before today are being written, in the background. */
  writingHistory: boolean;
  scenarios: SimScenarioStatus[];
}

export interface SimDriver {
  /** Backfills (if asked), then ticks until stop(). Resolves once ticking has begun. */
  start(): Promise<void>;
  /** Stops ticking; resolves when an emit in flight has settled. */
  stop(): Promise<void>;
  /** Settles when the days before today are written (at once when there are none to write). */
  history(): Promise<void>;
  setSpeed(speed: number): void;
  startScenario(name: ScenarioName, opts?: ScenarioOptions): void;
  /** A fresh day from now with the same seed (new ids, so nothing collides with the old run). */
  reset(): void;
  status(): SimStatus;
}

const DEFAULT_TICK_MS = 250;
/**
 * App reports in the backfilled days before today: one per hour. The anomaly detector's usual
 * rate is read from past weeks' hour buckets (domain/app-baseline.ts), so each hour must hold
 * that hour's use (a report per day would put a day in one hour: false spikes and drops at every
 * other hour); minute reports for two months would be millions of events for the same buckets.
 */
const HISTORY_APP_REPORT_MS = HOUR_MS;
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
  // The background pass that writes the days before today (backfill { days }), once started.
  let historyDone: Promise<void> = Promise.resolve();
  let writingHistory = false;

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

  /**
   * Steps a 1× simulation from `fromMs` in whole steps up to `untilMs` (an hour at a time before
   * `minutesFrom`, with one app report per app and kind an hour: the hour buckets the detector
   * and the trends read, at a sixtieth of the events; minutes from there on), emitting in batches
   * the events `keep` accepts. The same
   * arguments give the same events, so a restart on the same day repeats the same ids, and two
   * passes over one range (today first, the past days after) write one consistent history.
   * Returns the state at the end, or null when a reset or stop overtook it.
   */
  async function simulateRange(
    range: { fromMs: number; untilMs: () => number; minutesFrom: number },
    keep: (atMs: number) => boolean,
    gen: number,
  ): Promise<{ state: SimState; emitted: number } | null> {
    let s = fresh(range.fromMs, 1);
    if (range.minutesFrom > range.fromMs) s = setAppReportInterval(s, HISTORY_APP_REPORT_MS);
    let buffer: PantauEvent[] = [];
    let emitted = 0;
    for (;;) {
      const target = Math.floor(range.untilMs() / MINUTE_MS) * MINUTE_MS;
      if (s.appReportMs !== MINUTE_MS && s.wallMs >= range.minutesFrom) s = setAppReportInterval(s, MINUTE_MS);
      const span = s.wallMs + HOUR_MS <= range.minutesFrom ? HOUR_MS : MINUTE_MS;
      if (s.wallMs + span > target) break;
      const r = step(s, s.wallMs + span, span);
      s = r.state;
      for (const e of r.events) if (keep(Date.parse(e.at))) buffer.push(e);
      while (buffer.length >= batchSize) {
        await opts.emit(buffer.slice(0, batchSize));
        emitted += batchSize;
        buffer = buffer.slice(batchSize);
        if (gen !== generation) return null;
      }
    }
    if (buffer.length > 0) await opts.emit(buffer);
    emitted += buffer.length;
    return gen === generation ? { state: s, emitted } : null;
  }

  /**
   * Fills [from, now) and leaves the live state at now. With past days, today is written first
   * (what a wall shows) and the days before follow while the simulation already runs live: the
   * projection is a function of the set of events, so the order they arrive in changes nothing.
   */
  async function backfillFrom(start: { from: number; minutesFrom: number }, gen: number): Promise<(() => Promise<void>) | null> {
    backfilling = true;
    try {
      const today = await simulateRange({ fromMs: start.from, untilMs: opts.clock, minutesFrom: start.minutesFrom }, (at) => at >= start.minutesFrom, gen);
      if (today === null) return null;
      // From here on the run is this process's own: new ids, then the live speed.
      const now = opts.clock();
      let s = setIdPrefix(today.state, `${today.state.idPrefix}-${Math.floor(now).toString(36)}`);
      const tail = step(s, now, now - s.wallMs);
      s = tail.state;
      state = withSpeed(s, speed);
      await emitAll(tail.events);
      log?.info({ fromMs: start.minutesFrom, events: today.emitted + tail.events.length }, 'sim: backfilled today');
      if (start.from >= start.minutesFrom) return null;
      return async () => {
        const t0 = opts.clock();
        const past = await simulateRange({ fromMs: start.from, untilMs: () => start.minutesFrom, minutesFrom: start.minutesFrom }, (at) => at < start.minutesFrom, gen);
        if (past !== null) log?.info({ fromMs: start.from, events: past.emitted, ms: opts.clock() - t0 }, 'sim: backfilled the days before today');
      };
    } finally {
      backfilling = false;
    }
  }

  /** Where the backfill starts, and where its minute-by-minute part (today) starts. */
  function backfillStart(nowMs: number): { from: number; minutesFrom: number } | null {
    const b = opts.backfill ?? 'today';
    if (b === false) return null;
    const midnight = localMidnight(nowMs, offset);
    if (b === 'today') return { from: midnight, minutesFrom: midnight };
    if ('days' in b) return { from: midnight - b.days * DAY_MS, minutesFrom: midnight };
    const from = Math.floor((nowMs - b.hours * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
    return { from, minutesFrom: from };
  }

  return {
    async start() {
      // A backfill still unwinding after stop() would fight a second one over the state.
      if (wanted || backfilling) return;
      wanted = true;
      const gen = generation;
      const start = backfillStart(opts.clock());
      let history: (() => Promise<void>) | null = null;
      if (start !== null) {
        try {
          history = await backfillFrom(start, gen);
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
      if (history !== null) {
        writingHistory = true;
        historyDone = history()
          .catch((err: unknown) => log?.error({ err }, 'sim: backfill of the days before today failed'))
          .finally(() => { writingHistory = false; });
      }
    },
    async stop() {
      wanted = false;
      generation += 1;
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (inFlight !== null) await inFlight;
      // The history pass stops at its next batch (the generation moved on); wait for that one.
      await historyDone;
    },
    history() {
      return historyDone;
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
        writingHistory,
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
