// Which state change of an alert is worth telling the outside world, decided once for CAP and
// webhooks. An alert's record is in one of three states: raised with a severity, or cleared.
// Pantau notes each state the first time any process sees it (store/alert-notices.ts); the
// notes give the change: the first raise is `raised`, a later raise with another severity is
// `updated`, the clear is `cleared`. Acknowledgements and repeats change no state, so a
// flapping detector sends one message per state, never one per evaluation.
import type { AlertView } from '../../shared/contract/views.ts';
import type { AlertChange } from './webhooks/webhook-payload.ts';

export const CLEARED = 'cleared';
const RAISED = 'raised:';

/** The state of an alert record; null for one never raised (an ack or clear that came first). */
export function stateOf(alert: Pick<AlertView, 'raisedAt' | 'clearedAt' | 'severity'>): string | null {
  if (alert.raisedAt === '') return null;
  if (alert.clearedAt !== null) return CLEARED;
  return RAISED + alert.severity;
}

/** The change a newly noted state means, given every state noted before it. */
export function changeOf(state: string, before: readonly string[]): AlertChange | null {
  if (state === CLEARED) return 'cleared';
  // A raise noted after the clear (a record seen late, out of order) tells nothing new.
  if (before.includes(CLEARED)) return null;
  return before.some((s) => s.startsWith(RAISED)) ? 'updated' : 'raised';
}

export interface AlertTimeline {
  raisedMs: number;
  /** When another severity was first noted, if ever. */
  updatedMs: number | null;
  clearedMs: number | null;
}

/** Raise, update and clear times from the alert's notes (state -> epoch ms). */
export function timelineOf(raisedMs: number, clearedMs: number | null, notes: Readonly<Record<string, number>>): AlertTimeline {
  const raises = Object.entries(notes).filter(([s]) => s.startsWith(RAISED)).map(([, ms]) => ms).sort((a, b) => a - b);
  return { raisedMs, updatedMs: raises.length > 1 ? (raises[1] ?? null) : null, clearedMs };
}
