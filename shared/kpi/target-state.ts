// How a figure stands against its target: good, warning or bad. One rule for the wall, the
// operator desk, the executive view (and the daily report), so "11,3 % abandoned against a 5 %
// target" reads bad everywhere, never amber on one screen and red on another. Arrows are not
// part of it: an arrow on a figure says which way it moved since the period before, nothing else.
export type TargetState = 'good' | 'warning' | 'bad';
export type Better = 'higher' | 'lower';

/**
 * How far past its target a figure may be and still read "warning", relative to the target.
 * A service level a few points under target (92 % against 95 %) is a warning, twenty points under
 * is bad; a wait or a rate may be a quarter over (ASA 12 s against 10 s) before it is bad.
 */
export const WARNING_BAND: Readonly<Record<Better, number>> = { higher: 0.05, lower: 0.25 };

/** null when there is no figure or no target to judge it by. */
export function targetState(value: number | null | undefined, target: number | null | undefined, better: Better = 'higher'): TargetState | null {
  if (value === null || value === undefined || target === null || target === undefined) return null;
  if (!Number.isFinite(value) || !Number.isFinite(target)) return null;
  if (better === 'higher') {
    if (value >= target) return 'good';
    return value >= target * (1 - WARNING_BAND.higher) ? 'warning' : 'bad';
  }
  if (value <= target) return 'good';
  return value <= target * (1 + WARNING_BAND.lower) ? 'warning' : 'bad';
}
