// One benchmark figure: printed as one JSON line the moment it is measured, and collected for
// bench/results.json. A figure carries its conditions, and its raw baseline measured in the
// same run when it has one, so a number is never read without what it was measured against.
export type Conditions = Record<string, string | number | boolean>;

export interface Target {
  /** What the target is about: the figure's value or its ratio to the baseline. */
  of: 'value' | 'ratio';
  op: '<=' | '>=' | '<';
  limit: number;
  met: boolean;
}

export interface Figure {
  name: string;
  value: number | null;
  unit: string;
  conditions: Conditions;
  baseline?: { name: string; value: number; unit: string };
  /** value ÷ baseline.value. */
  ratio?: number;
  target?: Target;
  /** Other numbers measured alongside (p50 next to p99, bytes, counts). */
  extra?: Record<string, number | string>;
  skipped?: string;
  note?: string;
}

export type Report = (figure: Figure) => void;

export function round(n: number, digits = 3): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** A figure against a raw baseline: the ratio is value ÷ baseline. */
export function withBaseline(f: Omit<Figure, 'ratio' | 'baseline'>, baseline: { name: string; value: number; unit: string }): Figure {
  const ratio = f.value !== null && baseline.value > 0 ? round(f.value / baseline.value, 4) : undefined;
  return { ...f, baseline: { ...baseline, value: round(baseline.value) }, ...(ratio === undefined ? {} : { ratio }) };
}

export function target(of: Target['of'], op: Target['op'], limit: number, actual: number | null | undefined): Target {
  const met = actual !== null && actual !== undefined && (op === '<=' ? actual <= limit : op === '<' ? actual < limit : actual >= limit);
  return { of, op, limit, met };
}

export function skipped(name: string, reason: string, conditions: Conditions = {}): Figure {
  return { name, value: null, unit: '', conditions, skipped: reason };
}
