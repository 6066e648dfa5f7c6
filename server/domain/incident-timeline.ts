// One incident's timeline (issue #18): reported, each unit's dispatch, each arrival, closed,
// with the time since the report and since the step before, and each arrival against the
// on-scene target of its agency (city profile), judged by the one rule of shared/kpi.
import { responseTargetSeconds, type Targets } from '../../shared/contract/city.ts';
import type { IncidentTimelineAnswer, TimelineStep } from '../../shared/contract/drilldown.ts';
import { AGENCIES, type Agency } from '../../shared/contract/events.ts';
import { targetState } from '../../shared/kpi/target-state.ts';
import { isOneOf } from './call-record.ts';
import { toIncidentView, type IncidentRecord } from './incident-record.ts';
import { round1 } from './percentile.ts';
import { toIsoWithOffset } from './time.ts';

export interface UnitStep {
  kind: 'dispatched' | 'on_scene';
  atMs: number;
  agency: Agency | null;
  unitId: string | null;
}

/**
 * The projection's `~units` field (project.lua add_unit_step): one line per step,
 * `d <atMs> <agency> <unitId>` or `s <atMs> - <unitId>`. Lines that do not parse are skipped.
 */
export function parseUnitSteps(field: string | undefined): UnitStep[] {
  if (field === undefined || field === '') return [];
  const out: UnitStep[] = [];
  for (const line of field.split('\n')) {
    const m = /^([ds]) (-?\d+) (\S+) ?(.*)$/.exec(line);
    if (!m) continue;
    const [, kind, at, agency, unit] = m;
    const atMs = Number(at);
    if (!Number.isFinite(atMs)) continue;
    out.push({
      kind: kind === 'd' ? 'dispatched' : 'on_scene',
      atMs,
      agency: isOneOf(AGENCIES, agency) ? agency : null,
      unitId: unit === undefined || unit === '' ? null : unit,
    });
  }
  return out;
}

/** Records written before `~units` existed: the first dispatch and arrival the record keeps. */
function fallbackSteps(r: IncidentRecord): UnitStep[] {
  const only = r.agencies.length === 1 ? (r.agencies[0] ?? null) : null;
  const out: UnitStep[] = [];
  if (r.dispatchedAtMs !== null) out.push({ kind: 'dispatched', atMs: r.dispatchedAtMs, agency: only, unitId: null });
  if (r.onSceneAtMs !== null) out.push({ kind: 'on_scene', atMs: r.onSceneAtMs, agency: null, unitId: null });
  return out;
}

const seconds = (ms: number): number => round1(Math.max(0, ms) / 1000);

export function buildIncidentTimeline(
  r: IncidentRecord,
  unitSteps: readonly UnitStep[],
  targets: Pick<Targets, 'responseMinutes' | 'responseMinutesByAgency'>,
  timeZone: string,
): IncidentTimelineAnswer {
  const units = unitSteps.length > 0 ? unitSteps : fallbackSteps(r);
  // An arrival names its unit, not its agency: the agency that dispatched that unit, else the
  // incident's only agency.
  const unitAgency = new Map<string, Agency>();
  for (const u of units) if (u.kind === 'dispatched' && u.unitId !== null && u.agency !== null && !unitAgency.has(u.unitId)) unitAgency.set(u.unitId, u.agency);
  const only = r.agencies.length === 1 ? (r.agencies[0] ?? null) : null;
  const agencyOf = (u: UnitStep): Agency | null => u.agency ?? (u.unitId !== null ? unitAgency.get(u.unitId) : undefined) ?? only;

  const reported = r.reportedAtMs;
  const raw: { atMs: number; step: Omit<TimelineStep, 'at' | 'sinceReportedSeconds' | 'sincePreviousSeconds'> }[] = [];
  if (reported !== null) raw.push({ atMs: reported, step: { kind: 'reported' } });
  for (const u of units) {
    const agency = agencyOf(u);
    const step: (typeof raw)[number]['step'] = { kind: u.kind };
    if (agency !== null) step.agency = agency;
    if (u.unitId !== null) step.unitId = u.unitId;
    if (u.kind === 'on_scene' && reported !== null) {
      const target = agency !== null ? responseTargetSeconds(targets, agency) : targets.responseMinutes * 60;
      step.targetSeconds = target;
      const state = targetState(seconds(u.atMs - reported), target, 'lower');
      if (state !== null) step.state = state;
    }
    raw.push({ atMs: u.atMs, step });
  }
  if (r.closedAtMs !== null) raw.push({ atMs: r.closedAtMs, step: { kind: 'closed', ...(r.outcome !== null ? { outcome: r.outcome } : {}) } });
  // Stable: equal times keep the order above (reported, dispatches, arrivals, closed).
  raw.sort((a, b) => a.atMs - b.atMs);

  let prev: number | null = null;
  const steps: TimelineStep[] = raw.map(({ atMs, step }) => {
    const out: TimelineStep = {
      ...step,
      at: toIsoWithOffset(atMs, timeZone),
      sinceReportedSeconds: reported === null ? null : seconds(atMs - reported),
      sincePreviousSeconds: prev === null ? null : seconds(atMs - prev),
    };
    prev = atMs;
    return out;
  });

  const firstArrival = units.filter((u) => u.kind === 'on_scene').sort((a, b) => a.atMs - b.atMs)[0];
  const arrivalAgency = firstArrival ? agencyOf(firstArrival) : only;
  const responseSeconds = reported !== null && r.onSceneAtMs !== null ? seconds(r.onSceneAtMs - reported) : null;
  const targetSeconds = arrivalAgency !== null ? responseTargetSeconds(targets, arrivalAgency) : targets.responseMinutes * 60;
  return {
    timezone: timeZone,
    incident: toIncidentView(r, timeZone),
    steps,
    dispatchSeconds: reported !== null && r.dispatchedAtMs !== null ? seconds(r.dispatchedAtMs - reported) : null,
    responseSeconds,
    response: reported === null ? null : { targetSeconds, agency: arrivalAgency, state: targetState(responseSeconds, targetSeconds, 'lower') },
  };
}
