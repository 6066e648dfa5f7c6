// Notes every alert state change the live feed applies (alert-state.ts says which count), so
// CAP can tell an Update from an Alert and the webhook outbox gets one notice per change.
// Every process's feed calls it; the store keeps the first note of each state only.
import type { Space } from '../../shared/contract/views.ts';
import { toAlertView } from '../domain/alert-record.ts';
import type { Logger } from '../log.ts';
import type { AlertNoticeStore } from '../store/alert-notices.ts';
import type { RawChange } from '../store/entries.ts';
import { stateOf } from './alert-state.ts';

export interface AlertNotes {
  /** Feed hook: the changes of one applied stream entry. Returns at once; the notes are written in order. */
  changed(space: Space, changes: readonly RawChange[]): void;
  /** Resolves when every note asked for so far is written (tests, shutdown). */
  settled(): Promise<void>;
}

export function createAlertNotes(deps: { store: (space: Space) => AlertNoticeStore; clock: () => number; timeZone: string; log: Logger; queued: (space: Space) => boolean; onNoted?: (space: Space) => void }): AlertNotes {
  let last: Promise<void> = Promise.resolve();
  return {
    changed(space, changes) {
      for (const c of changes) {
        if (c.t !== 'alert') continue;
        const state = stateOf(toAlertView(c.id, c.h, deps.timeZone));
        if (state === null) continue;
        const at = deps.clock();
        // One chain keeps the notes in stream order.
        last = last.then(async () => {
          try {
            if (await deps.store(space).note(c.id, state, at, c.h, deps.queued(space))) deps.onNoted?.(space);
          } catch (err: unknown) {
            deps.log.warn({ mod: 'integrations', space, alertId: c.id, err: String(err) }, 'alert state not noted');
          }
        });
      }
    },
    settled: () => last,
  };
}
