// Incident lifecycles: reported by the call-taker during the call, units dispatched, on scene,
// closed. Everything is planned at once in simulated time; the queue releases it when due.
import type { Agency, Category, KecamatanCode, Line, Outcome } from '../../shared/contract/events.ts';
import {
  AGENCIES, DISPATCH_MINUTES, EXTRA_DISPATCH_MINUTES, FALSE_ALARM_MINUTES, HANDLING_MINUTES,
  OUTCOMES, PRIORITY, SUMMARIES, TRAVEL_MINUTES, UNITS, type Spread,
} from './facts.ts';
import { locationIn } from './places.ts';
import { int, lognormalMedian, pick, uniform, weightedPick } from './rng.ts';
import { newIncidentId, schedule, type StepCtx } from './schedule.ts';
import { MINUTE_MS } from './time.ts';

const SOURCE = 'sim-cad';

export interface IncidentSpec {
  line: Line;
  callId: string | null;
  category: Category;
  kecamatan: KecamatanCode;
  reportAt: number;
  priority?: number;
  /** A fixed point (a scenario's fire); drawn inside the kecamatan when absent. */
  point?: { lat: number; lon: number } | null;
  /** Units to send, in order; the category's usual agencies when absent. */
  units?: readonly Agency[];
  handling?: Spread;
  outcome?: Outcome;
  /** A second report of something already open: closed as duplicate without dispatch. */
  duplicate?: boolean;
}

export function planIncident(ctx: StepCtx, spec: IncidentSpec): string {
  const { rng } = ctx;
  const incidentId = newIncidentId(ctx);
  const cat = spec.category;
  const point = spec.point !== undefined ? spec.point : locationIn(ctx.s.city, rng, spec.kecamatan);
  const kecamatan = spec.kecamatan;
  schedule(ctx, spec.reportAt, {
    type: 'incident.reported',
    source: SOURCE,
    incidentId,
    ...(spec.callId !== null ? { callId: spec.callId } : {}),
    line: spec.line,
    category: cat,
    priority: spec.priority ?? weightedPick(rng, PRIORITY[cat]),
    location: point !== null ? { lat: point.lat, lon: point.lon, kecamatan } : { kecamatan },
    summary: pick(rng, SUMMARIES[cat]),
  });

  if (spec.duplicate === true) {
    schedule(ctx, spec.reportAt + uniform(rng, 2, 6) * MINUTE_MS, { type: 'incident.closed', source: SOURCE, incidentId, outcome: 'duplicate' });
    return incidentId;
  }

  const outcome = spec.outcome ?? weightedPick(rng, OUTCOMES);
  const units = spec.units ?? AGENCIES[cat];
  const used = new Set<string>();
  let dispatchAt = spec.reportAt + lognormalMedian(rng, DISPATCH_MINUTES.median, DISPATCH_MINUTES.sigma) * MINUTE_MS;
  let firstOnScene = Infinity;
  let lastOnScene = -Infinity;
  units.forEach((agency, i) => {
    if (i > 0) dispatchAt += uniform(rng, EXTRA_DISPATCH_MINUTES.min, EXTRA_DISPATCH_MINUTES.max) * MINUTE_MS;
    const unitId = unitFor(agency, used, () => int(rng, 1, UNITS[agency].count));
    const travel = TRAVEL_MINUTES[cat];
    const onSceneAt = dispatchAt + lognormalMedian(rng, travel.median, travel.sigma) * MINUTE_MS;
    firstOnScene = Math.min(firstOnScene, onSceneAt);
    lastOnScene = Math.max(lastOnScene, onSceneAt);
    schedule(ctx, dispatchAt, { type: 'incident.dispatched', source: SOURCE, incidentId, agency, unitId });
    schedule(ctx, onSceneAt, { type: 'incident.on_scene', source: SOURCE, incidentId, unitId });
  });

  const handling = outcome === 'prank' ? FALSE_ALARM_MINUTES : (spec.handling ?? HANDLING_MINUTES[cat]);
  // A false alarm is seen through by the first unit; otherwise work ends after the last arrives.
  const closeAt = (outcome === 'prank' ? firstOnScene : lastOnScene) + lognormalMedian(rng, handling.median, handling.sigma) * MINUTE_MS;
  schedule(ctx, Number.isFinite(closeAt) ? closeAt : spec.reportAt + 10 * MINUTE_MS, { type: 'incident.closed', source: SOURCE, incidentId, outcome });
  return incidentId;
}

/** A call-sign such as DAMKAR-07, distinct within one incident (pool permitting). */
function unitFor(agency: Agency, used: Set<string>, draw: () => number): string {
  const { prefix, count } = UNITS[agency];
  let n = draw();
  for (let tries = 0; used.has(`${prefix}-${n}`) && tries < count; tries++) n = (n % count) + 1;
  const id = `${prefix}-${String(n).padStart(2, '0')}`;
  used.add(`${prefix}-${n}`);
  return id;
}
