// One space's live view in this process: the state at a stream position, kept up to date by
// polling the stream every batch window, and the deltas that carry each window's changes.
// Every process runs its own feed from the shared stream, so any process can serve any
// client, and positions (stream ids) mean the same everywhere.
import type { Redis } from '../store/connect.ts';
import type { AppsSummary, Change, Delta, Role, Snapshot, Space, WaitingCall } from '../../shared/contract/views.ts';
import { redactSnapshot } from '../domain/redact.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { parseAgentRecord, toAgentView } from '../domain/agent-record.ts';
import { toAlertView } from '../domain/alert-record.ts';
import { parseCallRecord, toCallView } from '../domain/call-record.ts';
import { liveQueueFigures, type LiveQueue } from '../domain/call-kpis.ts';
import { parseIncidentRecord, toIncidentView, type IncidentRecord } from '../domain/incident-record.ts';
import { EMPTY_LIVE, type LiveData } from '../../shared/live/live-data.ts';
import { applyChange, inPlaceDraft, type Mutable } from '../../shared/live/apply-change.ts';
import { cityDayKey, parseIsoMs, todayWindow, toIsoWithOffset } from '../domain/time.ts';
import type { Line } from '../../shared/contract/events.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { RawChange, StreamEntry } from '../store/entries.ts';
import type { SpaceKeys } from '../store/keys.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import { lastPosition, readEntriesAfter, readEpoch } from '../store/read-entries.ts';
import { readState } from '../store/read-state.ts';
import { readIncidentRecords } from '../store/read-incidents.ts';

export interface FeedDeps {
  redis: Redis;
  keys: SpaceKeys;
  space: Space;
  city: { id: string; name: string; timezone: string };
  clock: () => number;
  batchMs: number;
  log: Logger;
  metrics: Metrics;
  /** Today's KPIs; `incidents` are today's incident records, which the feed keeps in memory. */
  readKpis: (nowMs: number, live: Record<Line | 'all', LiveQueue>, incidents: readonly IncidentRecord[]) => Promise<KpisAnswer>;
  readApps: (nowMs: number) => Promise<AppsSummary>;
  /** A delta for every room of this space (the socket layer redacts it per role). */
  onDelta: (delta: Delta) => void;
  /** The stream was reset (demo reset): every client needs a fresh snapshot. */
  onReset: () => void;
  /** Every stream entry's changes as they are applied (they keep the KPI day cache current). */
  onEntryChanges?: (changes: readonly RawChange[]) => void;
  /** Summaries (KPIs, apps) are re-read at most this often while events flow. */
  summaryEveryMs?: number;
  /** Recent entries kept in memory for clients that resume. */
  ringSize?: number;
}

interface RingEntry { position: string; changes: Change[] }

/** A snapshot without its send time. */
type SnapshotBody = Omit<Snapshot, 'at'>;

const PAGE = 5_000;
/** Cleared alerts stay in the view this long after they were raised (history is in the API). */
const CLEARED_ALERTS_MS = 86_400_000;

export class SpaceFeed {
  private position = '0-0';
  /** The space's epoch when the state was loaded; a different one means it was wiped since. */
  private epoch = '0';
  /** The entities a snapshot lists, moved by the same applyChange as every browser's view. */
  private view: Mutable<LiveData> = { ...EMPTY_LIVE };
  /** Incidents reported today (city day), kept from the stream for today's incident KPIs. */
  private readonly todayIncidents = new Map<string, IncidentRecord>();
  private todayWindow = { fromMs: 0, toMs: 0 };
  private kpis: KpisAnswer | null = null;
  private apps: AppsSummary | null = null;
  private eventsToday = 0;
  private today = '';
  private ring: RingEntry[] = [];
  /** The position the ring starts after: a client at ringBase or later can resume from memory. */
  private ringBase = '0-0';
  private timer: NodeJS.Timeout | undefined;
  private pulling: Promise<void> | undefined;
  private lastSummaryMs = 0;
  private summaryDue = false;
  /** The snapshot minus its `at`, which is stamped per send (a cached one would age). */
  private snapshotCache: { key: string; body: SnapshotBody } | undefined;
  /** Per body and role, the JSON of the redacted body without `at`, so a send only splices it in. */
  private jsonCache: { body: SnapshotBody; byRole: Map<Role, string> } | undefined;
  private stopped = false;
  private freshRequested = false;
  /** A summary read running behind the windows, and whether its result is still to be sent. */
  private refreshing: Promise<void> | undefined;
  private summaryReady = false;
  /** When the current window's pull started (performance.now()), for fixed-rate windows. */
  private windowStartMs = 0;

  constructor(private readonly deps: FeedDeps) {}

  get currentPosition(): string {
    return this.position;
  }

  async start(): Promise<void> {
    await this.load();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /**
   * Applies everything in the stream now. HTTP snapshot reads pass fresh, so their KPIs are
   * re-read rather than up to one summary interval old.
   */
  async pullNow(opts: { fresh?: boolean } = {}): Promise<void> {
    if (opts.fresh) this.freshRequested = true;
    while (this.pulling) await this.pulling;
    this.pulling = this.pull().finally(() => {
      this.pulling = undefined;
    });
    return this.pulling;
  }

  /**
   * The state at the current position, unredacted (the socket layer redacts per role), with
   * `at` stamped now: the state is cached per position, but a snapshot sent after a quiet
   * period must still say when it was taken, or a client would think its data old.
   */
  snapshot(): Snapshot {
    return { ...this.snapshotBody(), at: this.stampNow() };
  }

  /**
   * The snapshot as JSON for one role. The body is serialised once per position and role (with
   * 10,000 open incidents it is megabytes, and every HTTP request at one position is the same);
   * each call only prepends the fresh `at`, which V8 does without copying the body.
   */
  snapshotJson(role: Role): string {
    const body = this.snapshotBody();
    if (this.jsonCache?.body !== body) this.jsonCache = { body, byRole: new Map() };
    let json = this.jsonCache.byRole.get(role);
    if (json === undefined) {
      // `at` is only there to satisfy redactSnapshot's type; it is dropped before serialising.
      const { at: _unused, ...redacted } = redactSnapshot({ ...body, at: '' }, role);
      json = JSON.stringify(redacted);
      this.jsonCache.byRole.set(role, json);
    }
    // The body is a non-empty object ("{\"position\":…"), so "{" + at + "," + the rest is valid JSON.
    return `{"at":${JSON.stringify(this.stampNow())},${json.slice(1)}`;
  }

  private stampNow(): string {
    return toIsoWithOffset(this.deps.clock(), this.deps.city.timezone);
  }

  private snapshotBody(): SnapshotBody {
    const key = `${this.position}|${this.lastSummaryMs}|${Object.keys(this.view.alerts).length}`;
    if (this.snapshotCache?.key === key) return this.snapshotCache.body;
    const tz = this.deps.city.timezone;
    const body: SnapshotBody = {
      position: this.position as Snapshot['position'],
      space: this.deps.space,
      city: this.deps.city,
      calls: {
        waiting: Object.values(this.view.waiting).sort((a, b) => parseIsoMs(a.receivedAt) - parseIsoMs(b.receivedAt)),
        agents: Object.values(this.view.agents),
      },
      incidents: { open: Object.values(this.view.incidents) },
      kpis: this.kpis ?? emptyKpis(tz),
      apps: this.apps ?? { from: '', to: '', top: [] },
      alerts: Object.values(this.view.alerts),
      eventsToday: this.eventsToday,
    };
    this.snapshotCache = { key, body };
    return body;
  }

  /**
   * The changes a client at `from` missed, as one delta ending at the current position, or
   * null when memory does not reach back that far (the caller then replays from Redis or
   * sends a fresh snapshot).
   */
  catchUpFromMemory(from: string): Delta | null {
    if (comparePositions(from, this.position) > 0) return null;
    if (comparePositions(from, this.ringBase) < 0) return null;
    const changes: Change[] = [];
    for (const e of this.ring) if (comparePositions(e.position, from) > 0) changes.push(...e.changes);
    changes.push(...this.summaryChanges());
    return { prev: from as Delta['prev'], position: this.position as Delta['position'], changes: compactChanges(changes) };
  }

  /** Turns stream entries read from Redis into changes, for replays older than memory. */
  changesOf(entries: readonly StreamEntry[]): Change[] {
    return entries.flatMap((e) => this.toChanges(e.changes));
  }

  private schedule(): void {
    if (this.stopped) return;
    // Fixed rate: the next window starts batchMs after this one started, not after it ended,
    // so the time a pull takes is not added to every event's wait for its delta.
    const delay = Math.max(0, this.deps.batchMs - (performance.now() - this.windowStartMs));
    this.timer = setTimeout(() => {
      this.windowStartMs = performance.now();
      this.pullNow()
        .catch((err: unknown) => {
          this.deps.metrics.redisErrors.inc({ op: 'feed' });
          this.deps.log.warn({ mod: 'live', space: this.deps.space, err: String(err) }, 'feed pull failed');
        })
        .finally(() => this.schedule());
    }, delay);
    this.timer.unref();
  }

  private async load(): Promise<void> {
    const tz = this.deps.city.timezone;
    const now = this.deps.clock();
    this.today = cityDayKey(now, tz);
    // Before the state: a wipe after this read moves the epoch again, and the next pull reloads.
    this.epoch = await readEpoch(this.deps.redis, this.deps.keys);
    const raw = await readState(this.deps.redis, this.deps.keys, this.today, now - CLEARED_ALERTS_MS);
    // Each entity read is a member of its set (read-state reads the projection's sets).
    const waiting: Record<string, WaitingCall> = {};
    for (const [id, h] of raw.waiting) {
      const call = toCallView(parseCallRecord(id, h), tz, 'operator');
      if (call.line !== null && call.receivedAt !== null) waiting[id] = { ...call, line: call.line, receivedAt: call.receivedAt };
    }
    this.view = {
      ...EMPTY_LIVE,
      waiting,
      incidents: Object.fromEntries([...raw.incidents].map(([id, h]) => [id, toIncidentView(parseIncidentRecord(id, h), tz)])),
      agents: Object.fromEntries([...raw.agents].map(([id, h]) => [id, toAgentView(parseAgentRecord(id, h), tz)])),
      alerts: Object.fromEntries([...raw.alerts].map(([id, h]) => [id, toAlertView(id, h, tz)])),
    };
    this.eventsToday = raw.eventsToday;
    this.position = raw.position;
    this.ring = [];
    this.ringBase = raw.position;
    await this.loadTodayIncidents(now);
    await this.refreshSummaries(now);
  }

  /** Today's incident records, read once per day (and at a reload); the stream keeps them current. */
  private async loadTodayIncidents(now: number): Promise<void> {
    this.todayWindow = todayWindow(now, this.deps.city.timezone);
    this.todayIncidents.clear();
    for (const r of await readIncidentRecords(this.deps.redis, this.deps.keys, this.todayWindow.fromMs, this.todayWindow.toMs)) {
      this.todayIncidents.set(r.incidentId, r);
    }
  }

  private async pull(): Promise<void> {
    if ((await readEpoch(this.deps.redis, this.deps.keys)) !== this.epoch) {
      await this.reload();
      return;
    }
    const prev = this.position;
    const changes: Change[] = [];
    for (;;) {
      const entries = await readEntriesAfter(this.deps.redis, this.deps.keys, this.position, PAGE);
      for (const entry of entries) {
        const c = this.applyEntry(entry);
        changes.push(...c);
      }
      if (entries.length < PAGE) break;
    }
    const now = this.deps.clock();
    // A stream shorter than what was applied: Redis lost data (no AOF) or was emptied by hand.
    if (changes.length === 0 && (await this.wasReset())) {
      await this.reload();
      return;
    }
    const dayChanged = cityDayKey(now, this.deps.city.timezone) !== this.today;
    if (dayChanged) {
      this.today = cityDayKey(now, this.deps.city.timezone);
      this.eventsToday = 0;
      this.summaryDue = true;
      await this.loadTodayIncidents(now);
    }
    if (changes.length > 0) this.summaryDue = true;
    const summaryEvery = this.deps.summaryEveryMs ?? 1_000;
    // Heartbeat: figures like "longest wait now" move with the clock even without events.
    const heartbeat = now - this.lastSummaryMs >= 10_000;
    const withSummary = (this.summaryDue && (this.freshRequested || now - this.lastSummaryMs >= summaryEvery)) || heartbeat;
    const fresh = this.freshRequested;
    this.freshRequested = false;
    if (withSummary && fresh) {
      // An HTTP snapshot waits for figures that include what it is about to show.
      await this.refreshing;
      await this.refreshSummaries(now);
      this.summaryReady = true;
    } else if (withSummary && !this.refreshing) {
      // Otherwise KPIs and apps are read behind the windows and ride on the next delta, so a
      // month-long KPI read never holds back the changes of this one.
      this.refreshing = this.refreshSummaries(now)
        .then(() => { this.summaryReady = true; })
        .catch((err: unknown) => {
          if (this.stopped) return;
          this.deps.metrics.redisErrors.inc({ op: 'feed' });
          this.deps.log.warn({ mod: 'live', space: this.deps.space, err: String(err) }, 'summary refresh failed');
        })
        .finally(() => { this.refreshing = undefined; });
    }
    if (this.summaryReady) {
      this.summaryReady = false;
      changes.push(...this.summaryChanges());
    }
    if (changes.length === 0) return;
    this.trimRing();
    this.deps.metrics.deltas.inc({ space: this.deps.space });
    this.deps.onDelta({ prev: prev as Delta['prev'], position: this.position as Delta['position'], changes: compactChanges(changes) });
  }

  private applyEntry(entry: StreamEntry): Change[] {
    this.deps.onEntryChanges?.(entry.changes);
    const changes = this.toChanges(entry.changes);
    for (const raw of entry.changes) {
      if (raw.t === 'incident') {
        const r = parseIncidentRecord(raw.id, raw.h);
        const today = r.reportedAtMs !== null && r.reportedAtMs >= this.todayWindow.fromMs && r.reportedAtMs < this.todayWindow.toMs;
        if (today) this.todayIncidents.set(raw.id, r);
        else this.todayIncidents.delete(raw.id);
      } else if (raw.t === 'counter' && raw.id === this.today) {
        this.eventsToday = raw.n;
      }
    }
    const draft = inPlaceDraft(this.view);
    for (const c of changes) applyChange(draft, c);
    this.position = entry.position;
    this.ring.push({ position: entry.position, changes });
    this.deps.metrics.feedLagMs.set({ space: this.deps.space }, Math.max(0, this.deps.clock() - Number(entry.position.split('-')[0])));
    return changes;
  }

  private toChanges(raw: readonly RawChange[]): Change[] {
    const tz = this.deps.city.timezone;
    const out: Change[] = [];
    for (const c of raw) {
      // Membership is the projection's `member`, carried as is (see Change in views.ts).
      if (c.t === 'call') out.push({ t: 'call', call: toCallView(parseCallRecord(c.id, c.h), tz, 'operator'), waiting: c.member });
      else if (c.t === 'incident') out.push({ t: 'incident', incident: toIncidentView(parseIncidentRecord(c.id, c.h), tz), open: c.member });
      else if (c.t === 'agent') out.push({ t: 'agent', agent: toAgentView(parseAgentRecord(c.id, c.h), tz) });
      else if (c.t === 'alert') out.push({ t: 'alert', alert: toAlertView(c.id, c.h, tz), active: c.member });
      else if (c.t === 'counter' && c.id === this.today) out.push({ t: 'counter', eventsToday: c.n });
    }
    return out;
  }

  private summaryChanges(): Change[] {
    const out: Change[] = [];
    if (this.kpis) out.push({ t: 'kpis', kpis: this.kpis });
    if (this.apps) out.push({ t: 'apps', apps: this.apps });
    out.push({ t: 'counter', eventsToday: this.eventsToday });
    return out;
  }

  private async refreshSummaries(now: number): Promise<void> {
    // Cleared before the reads: a change applied while they run makes the next refresh due.
    this.summaryDue = false;
    const waiting: { receivedAtMs: number; line: Line }[] = [];
    for (const c of Object.values(this.view.waiting)) waiting.push({ receivedAtMs: parseIsoMs(c.receivedAt), line: c.line });
    const [kpis, apps] = await Promise.all([
      this.deps.readKpis(now, liveQueueFigures(waiting, now), [...this.todayIncidents.values()]),
      this.deps.readApps(now),
    ]);
    this.kpis = kpis;
    this.apps = apps;
    this.lastSummaryMs = now;
    this.dropOldClearedAlerts(now);
  }

  /**
   * The view holds what a fresh load would (open alerts and those raised in the last day), so a
   * feed that runs for weeks does not send every alert since it started in each snapshot.
   */
  private dropOldClearedAlerts(now: number): void {
    const alerts = inPlaceDraft(this.view).own('alerts');
    for (const [id, a] of Object.entries(alerts)) {
      if (a.clearedAt !== null && a.raisedAt !== '' && parseIsoMs(a.raisedAt) < now - CLEARED_ALERTS_MS) delete alerts[id];
    }
  }

  private async reload(): Promise<void> {
    this.deps.log.info({ mod: 'live', space: this.deps.space }, 'stream reset: reloading');
    await this.load();
    this.deps.onReset();
  }

  /** The stream now ends before our position: it was wiped (demo reset) or replaced. */
  private async wasReset(): Promise<boolean> {
    if (this.position === '0-0') return false;
    const last = await lastPosition(this.deps.redis, this.deps.keys);
    return comparePositions(last, this.position) < 0;
  }

  private trimRing(): void {
    const max = this.deps.ringSize ?? 20_000;
    if (this.ring.length <= max) return;
    const drop = this.ring.length - max;
    this.ringBase = this.ring[drop - 1]?.position ?? this.ringBase;
    this.ring = this.ring.slice(drop);
  }
}

const changeKey = (c: Change): string =>
  c.t === 'call' ? `c:${c.call.callId}`
    : c.t === 'incident' ? `i:${c.incident.incidentId}`
      : c.t === 'agent' ? `a:${c.agent.agentId}`
        : c.t === 'alert' ? `l:${c.alert.alertId}`
          : c.t;

/**
 * Changes are absolute states, so within one delta only the last of each entity (and the last
 * counter and summaries) matters: a busy window sends each call once, not once per event.
 */
export function compactChanges(changes: Change[]): Change[] {
  if (changes.length < 2) return changes;
  const last = new Map<string, number>();
  changes.forEach((c, i) => last.set(changeKey(c), i));
  return last.size === changes.length ? changes : changes.filter((c, i) => last.get(changeKey(c)) === i);
}

function emptyKpis(timezone: string): KpisAnswer {
  const calls = { offered: 0, answered: 0, abandoned: 0, asa: null, sl15: null, sl20: null, abandonmentRate: null, byDisposition: {}, prankShare: null };
  return {
    from: '', to: '', timezone,
    calls: { '112': calls, '119': calls, all: calls },
    incidents: { count: 0, byCategory: {}, byPriority: {}, byKecamatan: {}, byAgency: {}, dispatch: { mean: null, p90: null, n: 0 }, response: { mean: null, p90: null, n: 0 }, prankRate: null },
  };
}
