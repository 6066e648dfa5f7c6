// Scripted scenarios for the demo tour, startable at any moment. Each bends the ordinary
// day for a while (in simulated minutes): extra call streams from one kecamatan, a burst
// around one fire, an app that falls silent. 'normal-monday' clears them and plays a weekday.
import { KecamatanCode, type AppKind, type Category, type Disposition } from '../../shared/contract/events.ts';
import { APP_GATEWAY_SOURCE, type AppEffect, type AppEffectFn, type AppMinute } from './apps.ts';
import { planCall, type CallStream } from './calls.ts';
import { planIncident } from './incidents.ts';
import { locationIn, pickKecamatan } from './places.ts';
import { chance, createRng, int, weightedPick } from './rng.ts';
import { schedule, type StepCtx } from './schedule.ts';
import { cloneState, type ActiveScenario, type PlannedCall, type ScenarioName, type SimState } from './state.ts';
import { MINUTE_MS } from './time.ts';

export interface ScenarioOptions {
  /** Where a flood or fire happens; a sensible default otherwise. */
  kecamatan?: string;
  /** The app that fails in 'app-outage'. */
  appId?: string;
}

/** Durations in simulated minutes: they follow the time-lapse like the calls they bring. */
const DURATION_MIN: Readonly<Record<ScenarioName, number | null>> = {
  flood: 20,
  'large-fire': 15,
  'app-outage': null,
  'normal-monday': null,
};

/**
 * Durations in wall-clock minutes. An app outage is only an app going quiet, and it is seen
 * (by the anomaly detector and by people) over real minutes: at 10× a 12-minute silence in
 * simulated time would last 72 seconds, gone before any detector could tell it from a slow
 * minute. So its acts keep their length in real minutes at any speed.
 */
/** Failing requests the gateway logs the moment an app breaks, at least (a quiet app still shows). */
const OUTAGE_FIRST_ERRORS = 30;

const WALL_DURATION_MIN: Readonly<Partial<Record<ScenarioName, number>>> = {
  'app-outage': 40,
};

/**
 * Kecamatan publicly known for flooding, tried in order: Periuk and Ciledug (Kota Tangerang,
 * named in the brief), Gedebage (Kota Bandung, commonly reported). Another city falls back to
 * its most populous kecamatan.
 */
const FLOOD_PRONE = ['36.71.08', '36.71.06', '32.73.27'];

// Flood calls: many genuine, mostly about water and trees (ASSUMPTION).
const FLOOD_MIX: readonly (readonly [Disposition, number])[] = [['emergency', 40], ['info', 35], ['non-emergency', 5], ['prank', 10], ['ghost', 10]];
const FLOOD_CATEGORIES: readonly (readonly [Category, number])[] = [['flood', 55], ['fallen-tree', 25], ['animal-rescue', 8], ['utility', 7], ['medical', 5]];
const FLOOD_119_MIX: readonly (readonly [Disposition, number])[] = [['emergency', 50], ['info', 40], ['ghost', 10]];
// Neighbours of a fire call it in over and over (ASSUMPTION).
const FIRE_MIX: readonly (readonly [Disposition, number])[] = [['emergency', 80], ['info', 10], ['ghost', 5], ['prank', 5]];

export function startScenario(state: SimState, name: ScenarioName, nowMs: number, opts: ScenarioOptions = {}): SimState {
  const s = cloneState(state);
  const rng = createRng(s.rng);
  const startSim = s.simMs + Math.max(0, nowMs - s.wallMs) * s.speed;
  const duration = DURATION_MIN[name];
  const wallDuration = WALL_DURATION_MIN[name];
  const sc: ActiveScenario = {
    name, startSim, endSim: duration === null ? null : startSim + duration * MINUTE_MS,
    startWall: nowMs, endWall: wallDuration === undefined ? null : nowMs + wallDuration * MINUTE_MS,
    kicked: name === 'normal-monday', kecamatan: null, point: null, appId: null, incidentId: null, duplicates: 0,
  };
  const codes = s.config.kecamatanWeights.map(([c]) => c);
  const chosen = opts.kecamatan === undefined ? undefined : codes.find((c) => c === opts.kecamatan);
  if (opts.kecamatan !== undefined && chosen === undefined) throw new RangeError(`unknown kecamatan ${opts.kecamatan}`);
  if (name === 'flood') sc.kecamatan = chosen ?? defaultFloodKecamatan(s);
  if (name === 'large-fire') {
    const k = chosen ?? pickKecamatan(rng, s.config.kecamatanWeights);
    sc.kecamatan = k;
    sc.point = locationIn(s.city, rng, k);
  }
  if (name === 'app-outage') {
    if (opts.appId !== undefined && !s.config.apps.some((a) => a.id === opts.appId)) throw new RangeError(`unknown app ${opts.appId}`);
    sc.appId = opts.appId ?? defaultOutageApp(s);
  }
  s.scenarios = name === 'normal-monday' ? [sc] : [...s.scenarios.filter((x) => x.name !== name), sc];
  s.rng = rng.state();
  return s;
}

function defaultFloodKecamatan(s: SimState): KecamatanCode {
  const weights = s.config.kecamatanWeights;
  for (const code of FLOOD_PRONE) {
    const hit = weights.find(([c]) => c === code);
    if (hit !== undefined) return hit[0];
  }
  const top = weights.reduce<readonly [KecamatanCode, number] | undefined>((best, w) => (best === undefined || w[1] > best[1] ? w : best), undefined);
  return top?.[0] ?? KecamatanCode.parse('00.00.00');
}

/** The outage that shows best on the wall: a super-app, else the busiest app. */
function defaultOutageApp(s: SimState): string | null {
  const apps = s.config.apps;
  const superApp = s.city.apps.find((a) => a.isSuperApp && a.id !== s.config.complaintAppId);
  if (superApp !== undefined) return superApp.id;
  const busiest = apps.reduce<(typeof apps)[number] | undefined>((b, a) => (b === undefined || a.perDay.session > b.perDay.session ? a : b), undefined);
  return busiest?.id ?? null;
}

export function isActive(sc: ActiveScenario, simAt: number): boolean {
  return simAt >= sc.startSim && (sc.endSim === null || simAt < sc.endSim);
}

export function expireScenarios(s: SimState, simAt: number, wallAt: number): void {
  s.scenarios = s.scenarios.filter((sc) => (sc.endSim === null || sc.endSim > simAt) && (sc.endWall === null || sc.endWall > wallAt));
}

function minutesIn(sc: ActiveScenario, simAt: number): number {
  return (simAt - sc.startSim) / MINUTE_MS;
}

/** Minutes into a scenario at a reported app minute, on the scenario's own clock; null when not running. */
function appMinutesIn(sc: ActiveScenario, minute: AppMinute): number | null {
  if (sc.endWall !== null) {
    const wallMid = minute.wallEnd - MINUTE_MS / 2;
    return wallMid >= sc.startWall && wallMid < sc.endWall ? (wallMid - sc.startWall) / MINUTE_MS : null;
  }
  return isActive(sc, minute.simMid) ? minutesIn(sc, minute.simMid) : null;
}

// Pacing (simulated minutes, which are real minutes at the demo's default speed of 1×): a
// delegation must see a scenario take hold while the presenter talks, so a flood or a fire opens
// with a first call a second after it starts and a first wave of calls over its first 30 s, more
// than the three or four call-takers of a line can answer, so the queue builds and the queue
// alarms trip within a minute; then its body. The wave is a fixed number of calls rather than a
// rate, so that it is there every time. `SCENARIO_PACE` is what the tests and the tour rely on.
export const SCENARIO_PACE = {
  /** The first call of a flood or a fire rings this long after the start. */
  firstCallMs: 1_000,
  /** Calls on 112 from the affected kecamatan in the first wave. */
  wave: { flood: 12, 'large-fire': 10 },
  /** The wave's calls ring over this span from the first. */
  waveMs: 30_000,
  /** The scenario's first incident (the flood, the fire) is on the map by then. */
  firstIncidentByMs: 50_000,
} as const;

/** Flood intensity after the first wave: full until minute 14, then ebbing to nothing at 20. */
function floodLevel(t: number): number {
  if (t < 0 || t >= 20) return 0;
  if (t < 14) return 1;
  return (20 - t) / 6;
}

/** Extra call streams a scenario adds at simAt. */
export function scenarioCallStreams(sc: ActiveScenario, simAt: number): CallStream[] {
  if (!isActive(sc, simAt) || sc.kecamatan === null) return [];
  const t = minutesIn(sc, simAt);
  if (sc.name === 'flood') {
    const level = floodLevel(t);
    return [
      { line: '112', perSimMs: (3 * level) / MINUTE_MS, kecamatan: sc.kecamatan, mix: FLOOD_MIX, categories: FLOOD_CATEGORIES },
      { line: '119', perSimMs: (0.5 * level) / MINUTE_MS, kecamatan: sc.kecamatan, mix: FLOOD_119_MIX, categories: [['medical', 1]] },
    ];
  }
  if (sc.name === 'large-fire') {
    // After the first wave, less and less as the smoke is seen to be handled.
    return [{
      line: '112', perSimMs: (3.5 * Math.exp(-t / 3)) / MINUTE_MS, kecamatan: sc.kecamatan, mix: FIRE_MIX,
      categories: [['fire', 1]],
      onEmergency: (ctx, call) => fireEchoCall(ctx, sc.name, call),
    }];
  }
  return [];
}

/** Later calls about the fire add to the open incident; one call-taker may open a duplicate. */
function fireEchoCall(ctx: StepCtx, name: ScenarioName, call: PlannedCall): void {
  const sc = ctx.s.scenarios.find((x) => x.name === name);
  if (sc === undefined || sc.duplicates >= 1 || !chance(ctx.rng, 0.3)) return;
  sc.duplicates += 1;
  planIncident(ctx, {
    line: call.line, callId: call.callId, category: 'fire', kecamatan: call.kecamatan, point: sc.point,
    reportAt: call.answeredAt + 30_000, priority: 1, duplicate: true,
  });
}

/** First act of a scenario, run by the step in which it starts: what shows within seconds. */
export function kickoffScenario(ctx: StepCtx, sc: ActiveScenario, atSim: number): void {
  sc.kicked = true;
  const first = atSim + SCENARIO_PACE.firstCallMs;
  if (sc.name === 'app-outage' && sc.appId !== null) {
    // The gateway logs the failing requests at once, before the app goes quiet.
    const app = ctx.s.config.apps.find((a) => a.id === sc.appId);
    const perMin = app === undefined ? 0 : app.perDay.session / 1440;
    schedule(ctx, first, { type: 'app.activity', source: APP_GATEWAY_SOURCE, appId: sc.appId, kind: 'error', count: Math.max(OUTAGE_FIRST_ERRORS, Math.round(perMin)) });
    return;
  }
  if (sc.kecamatan === null || (sc.name !== 'flood' && sc.name !== 'large-fire')) return;
  const kecamatan = sc.kecamatan;
  // The first call is planned first: agents are handed calls in ringing order.
  if (sc.name === 'flood') openFloodFromFirstCall(ctx, kecamatan, atSim, first);
  else openFireFromFirstCall(ctx, sc, kecamatan, atSim, first);
  planWave(ctx, sc.name, kecamatan, first);
}

function planWave(ctx: StepCtx, name: 'flood' | 'large-fire', kecamatan: KecamatanCode, first: number): void {
  const n = SCENARIO_PACE.wave[name];
  // The wave after the first call: neighbours and passers-by calling at once.
  const mix = name === 'flood' ? FLOOD_MIX : FIRE_MIX;
  const categories = name === 'flood' ? FLOOD_CATEGORIES : ([['fire', 1]] as const);
  for (let i = 1; i < n; i++) {
    const disposition = weightedPick(ctx.rng, mix);
    planCall(ctx, {
      line: '112', at: first + Math.round((i * SCENARIO_PACE.waveMs) / (n - 1)), kecamatan, disposition,
      category: disposition === 'emergency' ? weightedPick(ctx.rng, categories) : null,
      ...(name === 'large-fire' ? { onEmergency: (c: StepCtx, call: PlannedCall) => fireEchoCall(c, name, call) } : {}),
    });
  }
}

/**
 * The scenario's first incident is on the map by `fireOpenByMs`: opened from the first call
 * shortly after it is answered, or, when the queue kept that caller waiting, by the field report
 * of the agency on the spot (BPBD, the fire station's lookout) without a call.
 */
function openFromFirstCall(ctx: StepCtx, kecamatan: KecamatanCode, atSim: number, first: number, category: Category, open: (reportAt: number, callId: string | null) => void): void {
  const openBy = atSim + SCENARIO_PACE.firstIncidentByMs;
  const call = planCall(ctx, {
    line: '112', at: first, kecamatan, disposition: 'emergency', category,
    // The first caller is kept on the line only long enough to place it.
    onEmergency: (_ctx, c) => (c.answeredAt + 20_000 <= openBy ? open(c.answeredAt + 20_000, c.callId) : open(openBy, null)),
  });
  if (call === null) open(openBy, null);
}

function openFloodFromFirstCall(ctx: StepCtx, kecamatan: KecamatanCode, atSim: number, first: number): void {
  openFromFirstCall(ctx, kecamatan, atSim, first, 'flood', (reportAt, callId) => {
    planIncident(ctx, { line: '112', callId, category: 'flood', kecamatan, reportAt });
  });
}

function openFireFromFirstCall(ctx: StepCtx, sc: ActiveScenario, kecamatan: KecamatanCode, atSim: number, first: number): void {
  const openFire = (reportAt: number, callId: string | null): void => {
    const fireUnits = int(ctx.rng, 4, 6);
    sc.incidentId = planIncident(ctx, {
      line: '112', callId, category: 'fire', kecamatan, point: sc.point, reportAt, priority: 1,
      units: [...Array.from({ length: fireUnits }, () => 'fire' as const), 'ambulance', 'police', 'ambulance'],
      handling: { median: 100, sigma: 0.3 }, outcome: 'resolved',
    });
  };
  openFromFirstCall(ctx, kecamatan, atSim, first, 'fire', openFire);
}

/** Combined effect of the running scenarios on one app's minute. */
export function scenarioAppEffect(s: SimState): AppEffectFn {
  const running = s.scenarios;
  return (appId, kind, minute, sessionsPerMin) => {
    const out: AppEffect = { factor: 1, extraPerMin: 0, kecamatan: null };
    for (const sc of running) {
      const t = appMinutesIn(sc, minute);
      if (t === null) continue;
      const e = effectOf(sc, s.config.complaintAppId, appId, kind, t, sessionsPerMin);
      if (e === null) continue;
      out.factor *= e.factor;
      // Extras are events per minute of the scenario's clock: a wall minute of a time-lapsed
      // scenario spans `simMinutes` of them (a flood's complaints come as fast as its calls).
      out.extraPerMin += e.extraPerMin * (sc.endWall === null ? minute.simMinutes : 1);
      out.kecamatan ??= e.kecamatan;
    }
    return out;
  };
}

function effectOf(
  sc: ActiveScenario, complaintAppId: string | null, appId: string, kind: AppKind, t: number, sessionsPerMin: number,
): AppEffect | null {
  if (sc.name === 'flood') {
    // Residents report the flood through the complaint channel, from the flooded kecamatan.
    if (appId !== complaintAppId || kind !== 'complaint') return null;
    return { factor: 1, extraPerMin: 1.5 * floodLevel(t), kecamatan: sc.kecamatan };
  }
  if (sc.name !== 'app-outage') return null;
  if (appId === sc.appId) {
    // Act 1: silent (the gateway gets nothing). Act 2: it limps back, throwing errors.
    // Act 3: users complain while errors fade.
    if (t < 12) return { factor: 0, extraPerMin: 0, kecamatan: null };
    if (t < 20) {
      if (kind === 'error') return { factor: 1, extraPerMin: Math.max(3, 0.5 * sessionsPerMin), kecamatan: null };
      return { factor: kind === 'complaint' ? 1 : 0.35, extraPerMin: 0, kecamatan: null };
    }
    const r = Math.min(1, (t - 20) / 20);
    if (kind === 'error') return { factor: 1, extraPerMin: Math.max(1, 0.3 * sessionsPerMin) * (1 - r), kecamatan: null };
    if (kind === 'complaint') return { factor: 1, extraPerMin: 1.2 * (1 - r / 2), kecamatan: null };
    return { factor: 0.6 + 0.4 * r, extraPerMin: 0, kecamatan: null };
  }
  if (appId === complaintAppId && kind === 'complaint' && t >= 20) {
    return { factor: 1, extraPerMin: 0.8 * (1 - Math.min(1, (t - 20) / 20) / 2), kecamatan: null };
  }
  return null;
}
