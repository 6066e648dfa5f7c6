// Value axes with whole, distinct ticks (issue #18): counts and seconds step by 1, 2 or 5 × 10^k
// from zero to a round top that holds every point and the target, so an axis never reads
// "0, 1, 1, 2, 2" (fractional ticks rounded by the formatter) nor "78 %, 93 %".

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/** The smallest of 1, 2, 5, 10, 20, 50… that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * magnitude >= raw - 1e-9) return m * magnitude;
  return 10 * magnitude;
}

/** At most `maxTicks` + 1 whole ticks from 0 to a multiple of the step at or above every value. */
export function wholeAxis(values: Iterable<number | null | undefined>, extra?: number, maxTicks = 5): Axis {
  let max = extra ?? 0;
  for (const v of values) if (v !== null && v !== undefined && Number.isFinite(v) && v > max) max = v;
  const step = niceStep(Math.max(1, max) / maxTicks);
  const top = Math.max(step, Math.ceil(max / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  return { domain: [0, top], ticks };
}
