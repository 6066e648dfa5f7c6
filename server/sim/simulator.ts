// The demo simulator's pure core: createSimState() and step(). step(state, now, dt) returns a
// new state and the events due in (now − dt, now]; the caller's state is never touched, so the
// same seed and the same calls give the same events, byte for byte.
//
// Two clocks: events carry wall-clock times (they feed a live dashboard), while the daily
// curves, shifts and scenario timelines follow a simulated clock that runs `speed` times
// faster. At 60× an hour of the city's day passes in a minute: arrivals come 60 times as
// often and every wait, talk and travel time is 60 times shorter (a time-lapse).
import type { PantauEvent } from '../../shared/contract/events.ts';
import { currentShift, planShifts, scheduleAgentTransitions, staffShift } from './agents.ts';
import { planArrivals } from './arrivals.ts';
import { buildAppProfiles, findComplaintApp, reportAppMinute } from './apps.ts';
import { CALLS_PER_DAY_112, LINE_119_SHARE_OF_112, REFERENCE_POPULATION, REPEAT_CALLERS, SHIFT_HOURS } from './facts.ts';
import { mobileNumber } from './phone.ts';
import { cityPopulation, kecamatanWeights } from './places.ts';
import { createRng, seedRng } from './rng.ts';
import { newEventId, takeDue, type StepCtx } from './schedule.ts';
import { expireScenarios, kickoffScenario, scenarioAppEffect } from './scenarios.ts';
import { cloneState, type SimCity, type SimState } from './state.ts';
import { HOUR_MS, MINUTE_MS, isoWithOffset } from './time.ts';

export { startScenario, type ScenarioOptions } from './scenarios.ts';
export { SCENARIO_NAMES, type ScenarioName, type SimCity, type SimState } from './state.ts';

export const MAX_SPEED = 3600;

export interface SimOptions {
  city: SimCity;
  seed: number | string;
  /** Wall-clock start, epoch ms; the simulated clock starts here too. */
  nowMs: number;
  speed?: number;
  /** City offset from UTC; WIB (+7 h) by default. Indonesia has no daylight saving. */
  utcOffsetMinutes?: number;
  /** 112 calls a day; by default Tangerang's rate scaled by the city's population. */
  callsPerDay112?: number;
  /** Prefix of every id; by default derived from the seed and nowMs, so runs never collide. */
  idPrefix?: string;
  /**
   * Wall time of the first app-activity report; by default the end of the current minute. A
   * live start without a backfill (a demo reset) reports at once, so the wall's app grid is
   * not all idle for its first minute.
   */
  firstAppReportAt?: number;
}

export function createSimState(opts: SimOptions): SimState {
  if (opts.city.kecamatan.length === 0) throw new RangeError('the simulator needs at least one kecamatan');
  const seed = String(opts.seed);
  const speed = checkSpeed(opts.speed ?? 1);
  const offsetMinutes = opts.utcOffsetMinutes ?? 420;
  const per112 = opts.callsPerDay112 ?? (CALLS_PER_DAY_112 * cityPopulation(opts.city)) / REFERENCE_POPULATION;
  const complaintAppId = findComplaintApp(opts.city);
  const seedWords = seedRng(seed);
  const state: SimState = {
    city: opts.city,
    config: {
      seed,
      offsetMinutes,
      callsPerDay: { '112': per112, '119': per112 * LINE_119_SHARE_OF_112 },
      kecamatanWeights: kecamatanWeights(opts.city),
      apps: buildAppProfiles(opts.city, seed, complaintAppId),
      complaintAppId,
    },
    rng: seedWords,
    wallMs: opts.nowMs,
    simMs: opts.nowMs,
    speed,
    idPrefix: opts.idPrefix ?? `sim${seedWords[0].toString(36)}-${Math.floor(opts.nowMs).toString(36)}`,
    counters: { event: 0, call: 0, incident: 0, order: 0 },
    pending: [],
    agents: [],
    nextShiftAt: 0,
    nextAppMinuteAt: opts.firstAppReportAt ?? (Math.floor(opts.nowMs / MINUTE_MS) + 1) * MINUTE_MS,
    appReportMs: MINUTE_MS,
    scenarios: [],
    repeatCallers: [],
  };
  const rng = createRng(state.rng);
  const ctx: StepCtx = { s: state, rng };
  // The shift on duty logs in at once; the next ones are staffed as their start approaches.
  const shift = currentShift(opts.nowMs, offsetMinutes);
  staffShift(ctx, shift.index, shift.startAt, opts.nowMs);
  state.nextShiftAt = shift.startAt + SHIFT_HOURS * HOUR_MS;
  state.repeatCallers = Array.from({ length: REPEAT_CALLERS.pool }, () => mobileNumber(rng));
  state.rng = rng.state();
  return state;
}

export interface StepResult {
  state: SimState;
  events: PantauEvent[];
}

export function step(state: SimState, nowMs: number, dtMs: number): StepResult {
  const s = cloneState(state);
  const rng = createRng(s.rng);
  const ctx: StepCtx = { s, rng };
  const dt = Math.max(0, dtMs);
  const wall0 = nowMs - dt;
  const sim0 = s.simMs;
  const sim1 = sim0 + dt * s.speed;

  planShifts(ctx, sim1);
  for (const sc of s.scenarios) if (!sc.kicked) kickoffScenario(ctx, sc, Math.max(sc.startSim, sim0));
  planArrivals(ctx, sim0, sim1);
  const effect = scenarioAppEffect(s);
  // App minutes follow the wall clock (see SimState.nextAppMinuteAt); within one step the
  // speed is constant, so a wall time maps linearly onto the simulated clock.
  const simOfWall = (wallAt: number): number => sim0 + (wallAt - wall0) * s.speed;
  for (; s.nextAppMinuteAt <= nowMs; s.nextAppMinuteAt += s.appReportMs) {
    const wallEnd = s.nextAppMinuteAt;
    const span = s.appReportMs;
    reportAppMinute(ctx, { wallEnd, minutes: span / MINUTE_MS, simMid: simOfWall(wallEnd - span / 2), simAt: simOfWall(wallEnd - 1), simMinutes: s.speed }, effect);
  }
  scheduleAgentTransitions(ctx, sim1);
  expireScenarios(s, sim1, nowMs);

  const wallOf = (simAt: number): number =>
    dt === 0 ? nowMs : Math.min(nowMs, Math.max(wall0 + 1, Math.round(wall0 + (simAt - sim0) / s.speed)));
  const events = takeDue(s, sim1).map((p) => ({
    ...p.body,
    id: newEventId(s),
    at: isoWithOffset(wallOf(p.simAt), s.config.offsetMinutes),
  }));

  s.rng = rng.state();
  s.simMs = sim1;
  s.wallMs = nowMs;
  return { state: s, events };
}

/** Changes the time-lapse factor from now on; what is already planned speeds up with it. */
export function setSpeed(state: SimState, speed: number): SimState {
  return { ...state, speed: checkSpeed(speed) };
}

/**
 * App activity from now on is reported per `everyMs` of wall time (a whole number of minutes), the
 * next report ending on the first boundary of that length after the last one reported.
 */
export function setAppReportInterval(state: SimState, everyMs: number): SimState {
  if (!Number.isInteger(everyMs / MINUTE_MS) || everyMs <= 0) throw new RangeError('the app report interval must be whole minutes');
  const last = state.nextAppMinuteAt - state.appReportMs;
  // Boundaries in the city's time: a day report ends at the city's midnight, not UTC's.
  const off = state.config.offsetMinutes * MINUTE_MS;
  return { ...state, appReportMs: everyMs, nextAppMinuteAt: (Math.floor((last + off) / everyMs) + 1) * everyMs - off };
}

/** Ids after this point use a new prefix (the driver separates a deterministic backfill from live). */
export function setIdPrefix(state: SimState, idPrefix: string): SimState {
  return { ...state, idPrefix, counters: { ...state.counters, event: 0, call: 0, incident: 0 } };
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0 || speed > MAX_SPEED) {
    throw new RangeError(`speed must be a number in (0, ${MAX_SPEED}]`);
  }
  return speed;
}
