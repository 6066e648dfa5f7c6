// One space's live feed in this process: composes its parts and runs the batching window.
// The process's stream tail (store/stream-tail.ts) hands it what the stream gains; the feed
// applies it to its view once per window and sends one delta. Every process runs its own feed
// from the shared stream, so any process can serve any client and positions mean the same
// everywhere (that is the cross-process fan-out). Parts: LiveView (entities), ResumeRing
// (recent changes for clients that resume), Summaries (KPIs and apps, re-read only because
// events arrived), SnapshotCache (the snapshot body and its JSON per role).
import type { AppsSummary, Change, Delta, Role, Snapshot, Space } from '../../shared/contract/views.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { Line } from '../../shared/contract/events.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import { RECENT_ALERTS_MS } from '../../shared/live/live-data.ts';
import type { LiveQueue } from '../domain/call-kpis.ts';
import type { IncidentRecord } from '../domain/incident-record.ts';
import { cityDayKey, toIsoWithOffset } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { RawChange, StreamEntry } from '../store/entries.ts';
import type { SpaceStore } from '../store/live-store.ts';
import { isReset, type StreamItem } from '../store/read-entries.ts';
import type { TailSink } from '../store/stream-tail.ts';
import { LiveView } from './live-view.ts';
import { ResumeRing } from './resume-ring.ts';
import { SnapshotCache, type SnapshotBody } from './snapshot-cache.ts';
import { Summaries } from './summaries.ts';

/** A resume answered from memory (SpaceFeed.catchUpFromMemory). */
export type MemoryResume = { kind: 'delta'; delta: Delta } | { kind: 'far' } | { kind: 'older'; missing: number } | { kind: 'ahead' };

export interface FeedDeps {
  store: SpaceStore;
  space: Space;
  city: { id: string; name: string; timezone: string };
  clock: () => number;
  batchMs: number;
  log: Logger;
  metrics: Metrics;
  /** Today's KPIs; `incidents` are today's incident records, which the feed keeps in memory. */
  readKpis: (nowMs: number, live: Record<Line | 'all', LiveQueue>, incidents: readonly IncidentRecord[]) => Promise<KpisAnswer>;
  readApps: (nowMs: number) => Promise<AppsSummary>;
  /** The space was reloaded (wiped, or Redis lost data), before listeners hear of it. */
  onReload?: () => void;
  /** Every stream entry's changes as they are applied (they keep the KPI day cache current). */
  onEntryChanges?: (changes: readonly RawChange[]) => void;
  /** Summaries (KPIs, apps) are re-read at most this often while events flow. */
  summaryEveryMs?: number;
  /** Recent entries kept in memory for clients that resume. */
  ringSize?: number;
}

/** Entries read per round when the feed catches up by itself (an HTTP snapshot, a resume). */
const PAGE = 5_000;
/** A window that failed (Redis away) is retried this much later. */
const RETRY_MS = 1_000;
/** Cleared alerts stay in the view this long after they were raised (history is in the API). */

/** Who sends what the feed produces (the socket fan-out); set once, after the feed is built. */
export interface FeedListener {
  /** A delta for every room of this space (the listener redacts it per role). */
  delta(delta: Delta): void;
  /** The space was reloaded: every client needs this fresh snapshot. */
  reset(snapshot: Snapshot): void;
}

export class SpaceFeed {
  private listener: FeedListener | undefined;
  private readonly view: LiveView;
  private readonly ring: ResumeRing;
  private readonly summaries: Summaries;
  private readonly cache = new SnapshotCache();
  private today = '';
  /** Stream items received and not yet applied: the window applies them together. */
  private inbox: StreamItem[] = [];
  /** Why the next window must reload first (a wipe, lost data, or a reload that failed), or null. */
  private mustReload: string | null = null;
  /** Flushes run one at a time, in order. */
  private flushing: Promise<void> = Promise.resolve();
  private windowTimer: NodeJS.Timeout | undefined;
  private windowDueAt = 0;
  private dayTimer: NodeJS.Timeout | undefined;
  private lastWindowMs = -Infinity;
  private stopped = false;

  constructor(private readonly deps: FeedDeps) {
    this.view = new LiveView(deps.city.timezone);
    this.ring = new ResumeRing(deps.ringSize ?? 20_000);
    this.summaries = new Summaries({
      timezone: deps.city.timezone,
      everyMs: deps.summaryEveryMs ?? 1_000,
      readKpis: deps.readKpis,
      readApps: deps.readApps,
      readIncidentRecords: (fromMs, toMs) => deps.store.readIncidentRecords(fromMs, toMs),
      onReady: () => this.scheduleWindow(),
      onFailed: (err) => this.failed('summary refresh failed', err),
    });
  }

  get currentPosition(): string {
    return this.view.position;
  }

  /** What the stream tail hands this feed. */
  readonly sink: TailSink = {
    onItems: (items) => {
      this.inbox.push(...items);
      this.scheduleWindow();
    },
    onLost: () => {
      this.mustReload = 'the stream no longer holds our position (Redis lost data)';
      this.scheduleWindow();
    },
  };

  /** Where deltas and resets go; until then there are no clients to send them to. */
  listen(listener: FeedListener): void {
    this.listener = listener;
  }

  /** Loads the state; the caller then starts the tail from `currentPosition`. */
  async start(): Promise<void> {
    await this.load();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.windowTimer);
    clearTimeout(this.dayTimer);
  }

  /**
   * Applies everything in the stream now and sends it as a delta. HTTP snapshot reads pass
   * fresh, so their KPIs are re-read rather than up to one summary interval old.
   */
  async pullNow(opts: { fresh?: boolean } = {}): Promise<void> {
    return this.flush({ read: true, fresh: opts.fresh === true });
  }

  /**
   * The state at the current position, unredacted (the socket layer redacts per role), with
   * `at` stamped now: a snapshot sent after a quiet period must still say when it was taken.
   */
  snapshot(): Snapshot {
    return { ...this.snapshotBody(), at: this.stampNow() };
  }

  /** The snapshot as JSON for one role (serialised once per state and role). */
  snapshotJson(role: Role): string {
    return this.cache.jsonFor(this.snapshotBody(), role, this.stampNow());
  }

  /** That JSON gzipped (compressed once per state and role, `at` spliced in). */
  snapshotGzip(role: Role): Buffer {
    return this.cache.gzipFor(this.snapshotBody(), role, this.stampNow());
  }

  /** The compact socket frame for one role (shared/contract/wire.ts), with the `at` to send beside it. */
  snapshotFrame(role: Role): { at: string; frame: string } {
    return { at: this.stampNow(), frame: this.cache.compactFor(this.snapshotBody(), role) };
  }

  /**
   * What a client at `from` missed, from memory: one delta ending at the current position when
   * it is at most `maxEntries` entries behind; else whether it is far behind (a snapshot is
   * the answer), older than memory (the stream may bridge at most `missing` entries), or ahead.
   */
  catchUpFromMemory(from: string, maxEntries: number): MemoryResume {
    const answer = this.ring.since(from, this.view.position, maxEntries);
    if (answer === null) return { kind: 'ahead' };
    if (answer.kind !== 'changes') return answer;
    const changes = answer.changes;
    changes.push(...this.summaries.current(this.view.eventsToday));
    return { kind: 'delta', delta: { prev: from as Delta['prev'], position: this.view.position as Delta['position'], changes: compactChanges(changes) } };
  }

  /** Turns stream entries read from Redis into changes, for replays older than memory. */
  changesOf(entries: readonly StreamEntry[]): Change[] {
    return entries.flatMap((e) => this.view.changesOf(e.changes, this.today));
  }

  private stampNow(): string {
    return toIsoWithOffset(this.deps.clock(), this.deps.city.timezone);
  }

  private snapshotBody(): SnapshotBody {
    const now = this.deps.clock();
    const queue = this.view.waitingQueue();
    // While calls wait, the longest wait moves: the body is rebuilt at most once a second then.
    const key = `${this.view.position}|${this.summaries.lastMs}|${this.view.alertCount}|${queue.length > 0 ? Math.floor(now / 1000) : ''}`;
    return this.cache.body(key, () => ({
      position: this.view.position as Snapshot['position'],
      space: this.deps.space,
      city: this.deps.city,
      ...this.view.lists(),
      kpis: this.summaries.kpisAt(now, queue) ?? emptyKpis(this.deps.city.timezone),
      apps: this.summaries.apps ?? { from: '', to: '', top: [] },
    }));
  }

  /**
   * Runs a window batchMs after the previous one started (fixed rate), or after `delayMs` (a
   * summary refresh still due), whichever comes first: a pending later window is brought forward.
   */
  private scheduleWindow(delayMs?: number): void {
    if (this.stopped) return;
    const delay = delayMs ?? Math.max(0, this.deps.batchMs - (performance.now() - this.lastWindowMs));
    const dueAt = performance.now() + delay;
    if (this.windowTimer) {
      if (this.windowDueAt <= dueAt) return;
      clearTimeout(this.windowTimer);
    }
    this.windowDueAt = dueAt;
    this.windowTimer = setTimeout(() => {
      this.windowTimer = undefined;
      this.flush({ read: false, fresh: false }).catch(() => undefined);
    }, delay);
    this.windowTimer.unref();
  }

  private flush(opts: { read: boolean; fresh: boolean }): Promise<void> {
    const run = this.flushing.then(() => this.window(opts));
    // The chain survives a failed window; the caller of this one still sees its failure. What
    // it left (items, a reload) is retried: a timer that runs only while Redis is failing.
    this.flushing = run.catch((err: unknown) => {
      this.failed('feed window failed', err);
      if (this.inbox.length > 0 || this.mustReload !== null) this.scheduleWindow(RETRY_MS);
    });
    return run;
  }

  private async window(opts: { read: boolean; fresh: boolean }): Promise<void> {
    if (this.stopped) return;
    this.lastWindowMs = performance.now();
    if (this.mustReload !== null) await this.reload(this.mustReload);
    if (opts.read) {
      for (;;) {
        const items = await this.deps.store.readItemsAfter(this.view.position, PAGE);
        this.inbox.push(...items);
        if (items.length < PAGE || items.some(isReset)) break;
      }
    }
    const now = this.deps.clock();
    if (cityDayKey(now, this.deps.city.timezone) !== this.today) await this.newDay(now);
    let prev = this.view.position;
    let changes: Change[] = [];
    const items = this.inbox;
    this.inbox = [];
    for (const [i, item] of items.entries()) {
      // The tail and a catch-up read may bring the same items: what the view holds is skipped.
      if (comparePositions(item.position, this.view.position) <= 0) continue;
      if (isReset(item)) {
        this.mustReload = 'the space was wiped';
        try {
          await this.reload(this.mustReload);
        } catch (err) {
          // Kept for the retry; the changes before the wipe are moot (its snapshot replaces them).
          this.inbox = [...items.slice(i + 1), ...this.inbox];
          throw err;
        }
        // The reload sent every client a snapshot at the new position: the delta starts there.
        prev = this.view.position;
        changes = [];
        continue;
      }
      changes.push(...this.applyEntry(item));
    }
    this.view.dropStaleAlerts(now);
    const trailingMs = await this.summaries.step(now, () => this.view.waitingQueue(), opts.fresh);
    if (trailingMs !== null) this.scheduleWindow(trailingMs);
    changes.push(...this.summaries.takeReady(this.view.eventsToday));
    if (changes.length === 0) return;
    this.ring.trim();
    this.deps.metrics.deltas.inc({ space: this.deps.space });
    this.listener?.delta({ prev: prev as Delta['prev'], position: this.view.position as Delta['position'], changes: compactChanges(changes) });
  }

  private applyEntry(entry: StreamEntry): Change[] {
    this.deps.onEntryChanges?.(entry.changes);
    this.summaries.changed(entry.changes);
    const changes = this.view.changesOf(entry.changes, this.today);
    this.view.apply(entry.position, changes);
    this.ring.push(entry.position, changes);
    this.deps.metrics.feedLagMs.set({ space: this.deps.space }, Math.max(0, this.deps.clock() - Number(entry.position.split('-')[0])));
    return changes;
  }

  private async load(): Promise<void> {
    const now = this.deps.clock();
    this.today = cityDayKey(now, this.deps.city.timezone);
    this.view.load(await this.deps.store.readState(this.today, now - RECENT_ALERTS_MS));
    this.ring.reset(this.view.position);
    await this.summaries.load(now, this.view.waitingQueue());
    this.scheduleDayEnd();
  }

  private async reload(why: string): Promise<void> {
    this.deps.log.info({ mod: 'live', space: this.deps.space, why }, 'reloading the space');
    await this.load();
    this.mustReload = null;
    this.deps.onReload?.();
    this.listener?.reset(this.snapshot());
  }

  /** A new city day: its counter restarts and today's incidents are read once (figures ride on the next delta). */
  private async newDay(now: number): Promise<void> {
    await this.summaries.load(now, this.view.waitingQueue());
    this.today = cityDayKey(now, this.deps.city.timezone);
    this.view.newDay();
    this.scheduleDayEnd();
  }

  /** The one timer that may read without an event: once, at the city's midnight. */
  private scheduleDayEnd(): void {
    clearTimeout(this.dayTimer);
    if (this.stopped) return;
    // Capped: setTimeout takes at most 2^31-1 ms, and a test clock may sit far from the day's end.
    const delay = Math.min(2_147_483_647, Math.max(1_000, this.summaries.dayEndsMs - this.deps.clock() + 1_000));
    this.dayTimer = setTimeout(() => {
      this.flush({ read: false, fresh: true }).catch(() => undefined);
    }, delay);
    this.dayTimer.unref();
  }

  private failed(what: string, err: unknown): void {
    if (this.stopped) return;
    this.deps.metrics.redisErrors.inc({ op: 'feed' });
    this.deps.log.warn({ mod: 'live', space: this.deps.space, err: String(err) }, what);
  }
}

const changeKey = (c: Change): string =>
  c.t === 'call' ? `c:${c.call.callId}`
    : c.t === 'incident' ? `i:${c.incident.incidentId}`
      : c.t === 'agent' ? `a:${c.agent.agentId}`
        : c.t === 'alert' ? `l:${c.alert.alertId}`
          : c.t === 'callback' ? `b:${c.callId}`
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
