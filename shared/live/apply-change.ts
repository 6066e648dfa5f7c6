// The one rule of how a change moves a live view, used by the server's view of each space and
// by every browser. Membership is the projection's decision, carried on the change (`waiting`,
// `open`, `active`): nothing here reads a status to decide whether an entity is in a set, so a
// view fed by deltas holds exactly what a fresh snapshot would, whatever order events came in.
import type { Change } from '../contract/views.ts';
import { alertInView, type LiveData } from './live-data.ts';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type LiveCollection = 'waiting' | 'agents' | 'incidents' | 'alerts' | 'callbacks';

/** Where a change is written: the browser copies a collection on its first write in a batch, the server writes in place. */
export interface LiveDraft {
  /** The state being written; scalars (kpis, apps, eventsToday) are assigned on it. */
  readonly next: Mutable<LiveData>;
  /** When the change applies: its delta's arrival time (positionMs), for time-bound membership. */
  readonly atMs: number;
  /** A collection of `next` that may be written. */
  own<K extends LiveCollection>(key: K): Mutable<LiveData[K]>;
}

/** A draft that writes into `state` itself (the server's view, which nobody renders from). */
export function inPlaceDraft(state: Mutable<LiveData>, atMs: number): LiveDraft {
  return { next: state, atMs, own: (key) => state[key] as Mutable<LiveData[typeof key]> };
}

export function applyChange(draft: LiveDraft, change: Change): void {
  switch (change.t) {
    case 'call': {
      const { call } = change;
      const waiting = draft.own('waiting');
      // A call the projection calls waiting has been received, so it has a line and a time;
      // the check only narrows the type for the queue's WaitingCall.
      if (change.waiting && call.line !== null && call.receivedAt !== null) {
        waiting[call.callId] = { ...call, line: call.line, receivedAt: call.receivedAt };
      } else {
        delete waiting[call.callId];
      }
      return;
    }
    case 'incident': {
      const incidents = draft.own('incidents');
      if (change.open) incidents[change.incident.incidentId] = change.incident;
      else delete incidents[change.incident.incidentId];
      return;
    }
    case 'agent':
      draft.own('agents')[change.agent.agentId] = change.agent;
      return;
    case 'alert': {
      const alerts = draft.own('alerts');
      // Views list active alerts and, as history, those raised in the last day (alertInView),
      // as a fresh snapshot does: a late clear of an alert raised months ago adds nothing.
      if (alertInView(change.active, change.alert.raisedAt, draft.atMs)) alerts[change.alert.alertId] = change.alert;
      else delete alerts[change.alert.alertId];
      return;
    }
    case 'callback': {
      // The projection says it: an entry, or null when the number leaves the list.
      const callbacks = draft.own('callbacks');
      if (change.entry !== null) callbacks[change.callId] = change.entry;
      else delete callbacks[change.callId];
      return;
    }
    case 'kpis':
      draft.next.kpis = change.kpis;
      return;
    case 'apps':
      draft.next.apps = change.apps;
      return;
    case 'counter':
      draft.next.eventsToday = change.eventsToday;
      return;
  }
}
