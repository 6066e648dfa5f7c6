// The live view's data: what the last snapshot said, moved forward by every delta since. The
// browser holds one per screen and the server one per space (server/live/live-view.ts); both
// move it with the one applyChange (apply-change.ts). Collections are keyed by id so that a
// change (an absolute state) is an O(1) upsert.
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type {
  AgentView,
  AlertView,
  AppsSummary,
  CallbackEntry,
  IncidentView,
  Snapshot,
  Space,
  StreamPosition,
  WaitingCall,
} from '../../shared/contract/views.ts';

export interface LiveData {
  /** The stream position the data is consistent with; null before the first snapshot. */
  position: StreamPosition | null;
  space: Space | null;
  city: Snapshot['city'] | null;
  waiting: Readonly<Record<string, WaitingCall>>;
  agents: Readonly<Record<string, AgentView>>;
  incidents: Readonly<Record<string, IncidentView>>;
  kpis: KpisAnswer | null;
  apps: AppsSummary | null;
  alerts: Readonly<Record<string, AlertView>>;
  /** The callback list by entry callId (issue 16). */
  callbacks: Readonly<Record<string, CallbackEntry>>;
  eventsToday: number;
}

export const EMPTY_LIVE: LiveData = {
  position: null,
  space: null,
  city: null,
  waiting: {},
  agents: {},
  incidents: {},
  kpis: null,
  apps: null,
  alerts: {},
  callbacks: {},
  eventsToday: 0,
};

function byKey<T>(items: readonly T[], key: (item: T) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[key(item)] = item;
  return out;
}

/** A snapshot replaces everything: nothing of the previous state survives it. */
export function fromSnapshot(s: Snapshot): LiveData {
  return {
    position: s.position,
    space: s.space,
    city: s.city,
    waiting: byKey(s.calls.waiting, (c) => c.callId),
    agents: byKey(s.calls.agents, (a) => a.agentId),
    // The server lists open incidents only: the snapshot's list is the set, never filtered again.
    incidents: byKey(s.incidents.open, (i) => i.incidentId),
    kpis: s.kpis,
    apps: s.apps,
    alerts: byKey(s.alerts, (a) => a.alertId),
    callbacks: byKey(s.calls.callbacks ?? [], (e) => e.callId),
    eventsToday: s.eventsToday,
  };
}

/**
 * How long a cleared alert stays in a view as history: views hold the active alerts and those
 * raised within this span (a fresh snapshot reads the same span from the store).
 */
export const RECENT_ALERTS_MS = 86_400_000;

/** Whether an alert belongs in a view at `atMs`: one rule for the snapshot, the server's view and every browser. */
export function alertInView(active: boolean, raisedAt: string, atMs: number): boolean {
  if (active) return true;
  // Never raised (its clear or ack came first): in no view.
  if (raisedAt === '') return false;
  return Date.parse(raisedAt) >= atMs - RECENT_ALERTS_MS;
}

/** The arrival time of a stream position `<ms>-<seq>`: when a delta applies. */
export function positionMs(position: string): number {
  return Number(position.slice(0, position.indexOf('-')));
}
