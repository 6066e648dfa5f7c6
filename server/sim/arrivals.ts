// Call arrivals: a non-homogeneous Poisson process per stream (the daily curve of each line,
// plus whatever the running scenarios add), sampled in short slices so the rate can change
// within one long step (a backfill minute, a 60× tick).
import { LINES, type Category, type Disposition, type Line } from '../../shared/contract/events.ts';
import {
  CALL_CURVE, CALL_MIX, DISPOSITIONS_ORDER, EMERGENCY_CATEGORIES_112, EMERGENCY_CATEGORIES_119,
  prankHourFactor, seasonalFactor,
} from './facts.ts';
import { planCall, type CallStream } from './calls.ts';
import { pickKecamatan } from './places.ts';
import { poisson, uniform, weightedPick } from './rng.ts';
import type { StepCtx } from './schedule.ts';
import { scenarioCallStreams } from './scenarios.ts';
import { DAY_MS, MINUTE_MS, curveAt, localCalendar, localHour, normaliseCurve } from './time.ts';

const CURVE = normaliseCurve(CALL_CURVE);
/** Longest slice over which a rate is taken as constant. */
const SLICE_MS = 5 * MINUTE_MS;

/** The ordinary streams of both lines at simAt. */
export function baseStreams(ctx: StepCtx, simAt: number): CallStream[] {
  const { offsetMinutes, callsPerDay } = ctx.s.config;
  const hour = localHour(simAt, offsetMinutes);
  const { month } = localCalendar(simAt, offsetMinutes);
  const shape = curveAt(CURVE, hour);
  const prank = prankHourFactor(Math.floor(hour));
  const mix = DISPOSITIONS_ORDER.map((d) => [d, CALL_MIX[d] * (d === 'prank' ? prank : 1)] as const);
  return LINES.map((line: Line) => ({
    line,
    perSimMs: (callsPerDay[line] * shape) / DAY_MS,
    kecamatan: null,
    mix,
    categories: (line === '112' ? EMERGENCY_CATEGORIES_112 : EMERGENCY_CATEGORIES_119)
      .map(([c, w]) => [c, w * seasonalFactor(c, month)] as const),
  }));
}

/** Plans every call that starts ringing in (fromSim, toSim]. */
export function planArrivals(ctx: StepCtx, fromSim: number, toSim: number): void {
  for (let a = fromSim; a < toSim; a += SLICE_MS) {
    const b = Math.min(toSim, a + SLICE_MS);
    const mid = (a + b) / 2;
    const streams = [...baseStreams(ctx, mid), ...ctx.s.scenarios.flatMap((sc) => scenarioCallStreams(sc, mid))];
    const arrivals: { at: number; stream: CallStream }[] = [];
    for (const stream of streams) {
      const n = poisson(ctx.rng, stream.perSimMs * (b - a));
      for (let i = 0; i < n; i++) arrivals.push({ at: Math.round(uniform(ctx.rng, a, b)), stream });
    }
    // Agents are handed calls in ringing order, which is what makes the queue FIFO.
    arrivals.sort((x, y) => x.at - y.at);
    for (const { at, stream } of arrivals) planOne(ctx, Math.max(at, a + 1), stream);
  }
}

function planOne(ctx: StepCtx, at: number, stream: CallStream): void {
  const disposition: Disposition = weightedPick(ctx.rng, stream.mix);
  const category: Category | null = disposition === 'emergency' ? weightedPick(ctx.rng, stream.categories) : null;
  const kecamatan = stream.kecamatan ?? pickKecamatan(ctx.rng, ctx.s.config.kecamatanWeights);
  planCall(ctx, {
    line: stream.line, at, kecamatan, disposition, category,
    ...(stream.onEmergency !== undefined ? { onEmergency: stream.onEmergency } : {}),
  });
}
