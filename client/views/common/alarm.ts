// Which alerts ring, and the desk's mute: pure rules, shared by the desk and the wall.
import type { AlertView } from '../../../shared/contract/views.ts';

/** A critical alert rings until it is acknowledged or cleared; newest first. */
export function ringingAlerts(alerts: readonly AlertView[]): AlertView[] {
  return alerts
    .filter((a) => a.severity === 'critical' && a.clearedAt === null && a.ackedAt === null)
    .sort((a, b) => Date.parse(b.raisedAt) - Date.parse(a.raisedAt) || a.alertId.localeCompare(b.alertId));
}

/** One press of "mute" silences the sound this long; the flashing goes on. */
export const MUTE_MS = 5 * 60_000;
const MUTE_KEY = 'pantau.alarm.mutedUntil';

/** The desk's mute survives a reload of the page (a supervisor's decision, not the tab's). */
export function readMutedUntil(storage: Pick<Storage, 'getItem'> | null, nowMs: number): number | null {
  const v = Number(storage?.getItem(MUTE_KEY) ?? NaN);
  return Number.isFinite(v) && v > nowMs ? v : null;
}

export function writeMutedUntil(storage: Pick<Storage, 'setItem' | 'removeItem'> | null, until: number | null): void {
  if (until === null) storage?.removeItem(MUTE_KEY);
  else storage?.setItem(MUTE_KEY, String(until));
}
