// The live reducer: pure (state, delta) => state, each change applied by the shared
// applyChange (shared/live/apply-change.ts). Changes are absolute states, so applying a
// change twice is harmless; what must hold is the order, and `prev` proves it: a delta whose
// prev is not our position means we missed one, and the caller reconnects with our position.
import type { Change, Delta, StreamPosition } from '../../shared/contract/views.ts';
import { positionMs, type LiveData } from '../../shared/live/live-data.ts';
import { applyChange, type LiveCollection, type LiveDraft, type Mutable } from '../../shared/live/apply-change.ts';
import { comparePositions } from '../../shared/contract/position.ts';

export type DeltaFit = 'next' | 'old' | 'gap';

/**
 * `next` follows our position; `old` is one we already hold (a replay overlapping what we
 * applied: skipping it keeps the position from going back); `gap` means one was missed.
 */
export function deltaFit(position: StreamPosition | null, delta: Delta): DeltaFit {
  if (position === null) return 'gap';
  if (delta.prev === position) return 'next';
  return comparePositions(delta.position, position) <= 0 ? 'old' : 'gap';
}

/**
 * Cleared alerts kept between snapshots. The server sends open alerts and those of the last day;
 * a wall that runs for days on deltas alone would otherwise keep every alert it ever saw.
 */
export const MAX_CLEARED_ALERTS = 200;

function pruneCleared(alerts: Mutable<LiveData['alerts']>): void {
  const cleared = Object.values(alerts).filter((a) => a.clearedAt !== null);
  if (cleared.length <= MAX_CLEARED_ALERTS) return;
  // ISO times with the same offset sort as strings; the oldest raised go first.
  cleared.sort((a, b) => (a.raisedAt < b.raisedAt ? -1 : a.raisedAt > b.raisedAt ? 1 : 0));
  for (const a of cleared.slice(0, cleared.length - MAX_CLEARED_ALERTS)) delete alerts[a.alertId];
}

/**
 * Copies a collection the first time a batch writes to it, so a batch costs one copy per
 * collection and React sees new objects exactly where something changed.
 */
class Draft implements LiveDraft {
  readonly next: Mutable<LiveData>;
  /** The arrival time of the delta being applied (alertInView reads it). */
  atMs = 0;
  private readonly copied = new Set<LiveCollection>();

  constructor(base: LiveData) {
    this.next = { ...base };
  }

  own<K extends LiveCollection>(key: K): Mutable<LiveData[K]> {
    if (!this.copied.has(key)) {
      this.next[key] = { ...this.next[key] };
      this.copied.add(key);
    }
    return this.next[key];
  }

  apply(change: Change): void {
    applyChange(this, change);
    if (change.t === 'alert' && change.alert.clearedAt !== null) pruneCleared(this.own('alerts'));
  }
}

export interface BatchResult {
  state: LiveData;
  /** Index of the first delta that did not follow, or null when the whole batch applied. */
  gapAt: number | null;
}

/** Applies deltas in order and stops at the first gap: nothing after a gap can be trusted. */
export function applyDeltas(state: LiveData, deltas: readonly Delta[]): BatchResult {
  let draft: Draft | null = null;
  let position = state.position;
  for (const [i, delta] of deltas.entries()) {
    const fit = deltaFit(position, delta);
    if (fit === 'old') continue;
    if (fit === 'gap') return { state: draft ? draft.next : state, gapAt: i };
    draft ??= new Draft(state);
    draft.atMs = positionMs(delta.position);
    for (const change of delta.changes) draft.apply(change);
    draft.next.position = delta.position;
    position = delta.position;
  }
  return { state: draft ? draft.next : state, gapAt: null };
}

/** One delta: the next one is applied; an old one or one after a gap leaves the state as it was. */
export function applyDelta(state: LiveData, delta: Delta): LiveData {
  return applyDeltas(state, [delta]).state;
}
