// The figures an executive reads against a target, each with how it is judged and how its
// change against the period before is expressed. Pure, so the arithmetic is unit-tested.
import type { Targets } from '../../../shared/contract/city.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';

export type LineKey = keyof KpisAnswer['calls'];
export type MetricFormat = 'count' | 'percent' | 'seconds' | 'minutes';
/** Rates change in percentage points (92 % → 95 % is +3 points); counts and times relatively. */
export type ChangeKind = 'relative' | 'points';

export const METRIC_IDS = [
  'offered',
  'sl15',
  'sl20',
  'asa',
  'abandonmentRate',
  'prankShare',
  'callbackWithin2m',
  'incidents',
  'dispatchMean',
  'responseMean',
  'responseP90',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricDef {
  id: MetricId;
  format: MetricFormat;
  change: ChangeKind;
  /** Incidents are counted over both lines whatever line is chosen. */
  perLine: boolean;
  value: (k: KpisAnswer, line: LineKey) => number | null;
  target?: (t: Partial<Targets>) => number | undefined;
  better?: 'higher' | 'lower';
}

export const METRICS: readonly MetricDef[] = [
  { id: 'offered', format: 'count', change: 'relative', perLine: true, value: (k, l) => k.calls[l].offered },
  { id: 'sl15', format: 'percent', change: 'points', perLine: true, value: (k, l) => k.calls[l].sl15, target: (t) => t.sl15, better: 'higher' },
  { id: 'sl20', format: 'percent', change: 'points', perLine: true, value: (k, l) => k.calls[l].sl20, target: (t) => t.sl20, better: 'higher' },
  { id: 'asa', format: 'seconds', change: 'relative', perLine: true, value: (k, l) => k.calls[l].asa, target: (t) => t.asaSeconds, better: 'lower' },
  {
    id: 'abandonmentRate',
    format: 'percent',
    change: 'points',
    perLine: true,
    value: (k, l) => k.calls[l].abandonmentRate,
    target: (t) => t.abandonmentRate,
    better: 'lower',
  },
  { id: 'prankShare', format: 'percent', change: 'points', perLine: true, value: (k, l) => k.calls[l].prankShare },
  // Issue 16: abandoned calls with a number called back within 2 minutes.
  { id: 'callbackWithin2m', format: 'percent', change: 'points', perLine: true, value: (k, l) => k.calls[l].callbacks?.within2mRate ?? null, target: (t) => t.callbackWithin2m, better: 'higher' },
  { id: 'incidents', format: 'count', change: 'relative', perLine: false, value: (k) => k.incidents.count },
  { id: 'dispatchMean', format: 'minutes', change: 'relative', perLine: false, value: (k) => k.incidents.dispatch.mean },
  {
    id: 'responseMean',
    format: 'minutes',
    change: 'relative',
    perLine: false,
    value: (k) => k.incidents.response.mean,
    target: (t) => (t.responseMinutes === undefined ? undefined : t.responseMinutes * 60),
    better: 'lower',
  },
  { id: 'responseP90', format: 'minutes', change: 'relative', perLine: false, value: (k) => k.incidents.response.p90 },
];

/**
 * The change from `previous` to `current`: a fraction for `relative` (0.12 = +12 %), a difference
 * of fractions for `points`. Null when either is missing, or when a relative change would divide
 * by zero (from nothing to something is not "+∞ %").
 */
export function metricChange(current: number | null | undefined, previous: number | null | undefined, kind: ChangeKind): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  if (!Number.isFinite(current) || !Number.isFinite(previous)) return null;
  if (kind === 'points') return current - previous;
  return previous === 0 ? null : (current - previous) / previous;
}
