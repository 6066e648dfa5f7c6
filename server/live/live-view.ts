// One space's entities in this process (waiting calls, open incidents, agents, alerts, the
// day's event count) at a stream position, moved by the same applyChange as every browser.
// It turns the projection's raw changes into wire changes, carrying its membership decisions.
import type { CallbackEntry, Change, Snapshot, WaitingCall } from '../../shared/contract/views.ts';
import type { Line } from '../../shared/contract/events.ts';
import { alertInView, EMPTY_LIVE, positionMs, type LiveData } from '../../shared/live/live-data.ts';
import { applyChange, inPlaceDraft, type Mutable } from '../../shared/live/apply-change.ts';
import { parseAgentRecord, toAgentView } from '../domain/agent-record.ts';
import { toAlertView } from '../domain/alert-record.ts';
import { toCallbackEntry } from '../domain/callback-record.ts';
import { parseCallRecord, toCallView } from '../domain/call-record.ts';
import { parseIncidentRecord, toIncidentView } from '../domain/incident-record.ts';
import { parseIsoMs } from '../domain/time.ts';
import type { RawChange } from '../store/entries.ts';
import type { RawState } from '../store/read-state.ts';

export type ViewLists = Pick<Snapshot, 'calls' | 'incidents' | 'alerts' | 'eventsToday'>;

export class LiveView {
  private state: Mutable<LiveData> = { ...EMPTY_LIVE };
  private at = '0-0';

  constructor(private readonly timezone: string) {}

  get position(): string {
    return this.at;
  }

  get eventsToday(): number {
    return this.state.eventsToday;
  }

  get alertCount(): number {
    return Object.keys(this.state.alerts).length;
  }

  /** Replaces everything with a state read from Redis; each entity read is a member of its set. */
  load(raw: RawState): void {
    const tz = this.timezone;
    const waiting: Record<string, WaitingCall> = {};
    for (const [id, h] of raw.waiting) {
      const call = toCallView(parseCallRecord(id, h), tz, 'operator');
      if (call.line !== null && call.receivedAt !== null) waiting[id] = { ...call, line: call.line, receivedAt: call.receivedAt };
    }
    const callbacks: Record<string, CallbackEntry> = {};
    for (const [id, h] of raw.callbacks) {
      const entry = toCallbackEntry(id, h, tz, 'operator');
      if (entry !== null) callbacks[id] = entry;
    }
    this.state = {
      ...EMPTY_LIVE,
      waiting,
      incidents: Object.fromEntries([...raw.incidents].map(([id, h]) => [id, toIncidentView(parseIncidentRecord(id, h), tz)])),
      agents: Object.fromEntries([...raw.agents].map(([id, h]) => [id, toAgentView(parseAgentRecord(id, h), tz)])),
      alerts: Object.fromEntries([...raw.alerts].map(([id, h]) => [id, toAlertView(id, h, tz)])),
      callbacks,
      eventsToday: raw.eventsToday,
    };
    this.at = raw.position;
  }

  /** Wire changes of an entry's raw changes; the event counter only for `today` (a city day). */
  changesOf(raw: readonly RawChange[], today: string): Change[] {
    const tz = this.timezone;
    const out: Change[] = [];
    for (const c of raw) {
      // Membership is the projection's `member`, carried as is (see Change in views.ts).
      if (c.t === 'call') out.push({ t: 'call', call: toCallView(parseCallRecord(c.id, c.h), tz, 'operator'), waiting: c.member });
      else if (c.t === 'incident') out.push({ t: 'incident', incident: toIncidentView(parseIncidentRecord(c.id, c.h), tz), open: c.member });
      else if (c.t === 'agent') out.push({ t: 'agent', agent: toAgentView(parseAgentRecord(c.id, c.h), tz) });
      else if (c.t === 'alert') out.push({ t: 'alert', alert: toAlertView(c.id, c.h, tz), active: c.member });
      else if (c.t === 'callback') out.push({ t: 'callback', callId: c.id, entry: c.member ? toCallbackEntry(c.id, c.h, tz, 'operator') : null })
      else if (c.t === 'counter' && c.id === today) out.push({ t: 'counter', eventsToday: c.n });
    }
    return out;
  }

  apply(position: string, changes: readonly Change[]): void {
    const draft = inPlaceDraft(this.state, positionMs(position));
    for (const c of changes) applyChange(draft, c);
    this.at = position;
  }

  /** A new city day: its count starts at zero (the day's first event brings the real count). */
  newDay(): void {
    this.state.eventsToday = 0;
  }

  /** The waiting calls as the live queue figures want them. */
  waitingQueue(): { receivedAtMs: number; line: Line }[] {
    return Object.values(this.state.waiting).map((c) => ({ receivedAtMs: parseIsoMs(c.receivedAt), line: c.line }));
  }

  /**
   * Drops cleared alerts raised before `ms`, so the view holds what a fresh load would (open
   * alerts and those of the last day) and a feed that runs for weeks does not grow.
   */
  /** Time passing without events: alerts that alertInView no longer keeps at `nowMs` leave. */
  dropStaleAlerts(nowMs: number): void {
    const alerts = this.state.alerts as Mutable<LiveData['alerts']>;
    for (const [id, a] of Object.entries(alerts)) {
      if (!alertInView(a.clearedAt === null, a.raisedAt, nowMs)) delete alerts[id];
    }
  }

  /** What a snapshot lists, waiting calls longest first. */
  lists(): ViewLists {
    return {
      calls: {
        waiting: Object.values(this.state.waiting).sort((a, b) => parseIsoMs(a.receivedAt) - parseIsoMs(b.receivedAt)),
        agents: Object.values(this.state.agents),
        // Oldest abandonment first: the caller who has waited longest for a call back.
        callbacks: Object.values(this.state.callbacks).sort((a, b) => parseIsoMs(a.abandonedAt) - parseIsoMs(b.abandonedAt) || (a.callId < b.callId ? -1 : 1)),
      },
      incidents: { open: Object.values(this.state.incidents) },
      alerts: Object.values(this.state.alerts),
      eventsToday: this.state.eventsToday,
    };
  }
}
