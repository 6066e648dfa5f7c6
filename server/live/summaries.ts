// A space's summary figures (today's KPIs, the apps summary) and today's incident records
// they are computed from. They are re-read from Redis only because events arrived: at most
// every `everyMs` while events flow, behind the windows (a month-long KPI read never holds back
// a delta), and once more when the last events' interval ends. Nothing re-reads them on a clock.
import type { AppsSummary, Change } from '../../shared/contract/views.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import type { Line } from '../../shared/contract/events.ts';
import { liveQueueFigures, type LiveQueue } from '../domain/call-kpis.ts';
import { parseIncidentRecord, type IncidentRecord } from '../domain/incident-record.ts';
import { todayWindow } from '../domain/time.ts';
import type { RawChange } from '../store/entries.ts';

export interface SummaryDeps {
  timezone: string;
  everyMs: number;
  /** Today's KPIs; `incidents` are today's incident records, kept here from the stream. */
  readKpis: (nowMs: number, live: Record<Line | 'all', LiveQueue>, incidents: readonly IncidentRecord[]) => Promise<KpisAnswer>;
  readApps: (nowMs: number) => Promise<AppsSummary>;
  readIncidentRecords: (fromMs: number, toMs: number) => Promise<IncidentRecord[]>;
  /** A refresh behind the windows finished: its figures wait for a delta to carry them. */
  onReady: () => void;
  onFailed: (err: unknown) => void;
}

type Queue = { receivedAtMs: number; line: Line }[];

export class Summaries {
  kpis: KpisAnswer | null = null;
  apps: AppsSummary | null = null;
  /** When the figures were last read (part of the snapshot cache's key). */
  lastMs = 0;
  private due = false;
  private ready = false;
  private refreshing: Promise<void> | undefined;
  private window = { fromMs: 0, toMs: 0 };
  /** Incidents reported today (city day), kept from the stream for today's incident KPIs. */
  private readonly todayIncidents = new Map<string, IncidentRecord>();

  constructor(private readonly deps: SummaryDeps) {}

  /** When today (city day) ends: the feed rolls over then. */
  get dayEndsMs(): number {
    return this.window.toMs;
  }

  /** Reads today's incident records (at a load and once per city day) and the figures. */
  async load(now: number, queue: Queue): Promise<void> {
    this.window = todayWindow(now, this.deps.timezone);
    this.todayIncidents.clear();
    for (const r of await this.deps.readIncidentRecords(this.window.fromMs, this.window.toMs)) this.todayIncidents.set(r.incidentId, r);
    await this.refresh(now, queue);
    // A new day's figures (or a reload's) go out with the next delta.
    this.ready = true;
  }

  /** Keeps today's incident records current and marks the figures due. */
  changed(raw: readonly RawChange[]): void {
    this.due = true;
    for (const c of raw) {
      if (c.t !== 'incident') continue;
      const r = parseIncidentRecord(c.id, c.h);
      const today = r.reportedAtMs !== null && r.reportedAtMs >= this.window.fromMs && r.reportedAtMs < this.window.toMs;
      if (today) this.todayIncidents.set(c.id, r);
      else this.todayIncidents.delete(c.id);
    }
  }

  /**
   * Refreshes what is due. `fresh` (an HTTP snapshot) waits for figures that include what it is
   * about to show. Returns in how many ms a refresh still due may run, or null.
   */
  async step(now: number, queue: () => Queue, fresh: boolean): Promise<number | null> {
    if (!this.due) return null;
    if (fresh) {
      await this.refreshing;
      await this.refresh(now, queue());
      this.ready = true;
      return null;
    }
    const waitMs = this.lastMs + this.deps.everyMs - now;
    if (waitMs > 0) return waitMs;
    this.refreshing ??= this.refresh(now, queue())
      .then(() => {
        this.ready = true;
        this.deps.onReady();
      })
      .catch((err: unknown) => {
        // Still due: the next window (the next event) tries again.
        this.due = true;
        this.deps.onFailed(err);
      })
      .finally(() => { this.refreshing = undefined; });
    return null;
  }

  /**
   * The KPIs with "waiting now" and "longest wait now" taken at `now` from the view's queue in
   * memory: the longest wait moves with the clock, and nothing re-reads Redis for that.
   */
  kpisAt(now: number, queue: Queue): KpisAnswer | null {
    if (!this.kpis) return null;
    const live = liveQueueFigures(queue, now);
    const calls = { ...this.kpis.calls };
    for (const line of ['112', '119', 'all'] as const) calls[line] = { ...calls[line], ...live[line] };
    return { ...this.kpis, calls };
  }

  /** The figures to send with this window's delta, once per refresh. */
  takeReady(eventsToday: number): Change[] {
    if (!this.ready) return [];
    this.ready = false;
    return this.current(eventsToday);
  }

  /** The figures as changes (a client catching up gets them whatever it missed). */
  current(eventsToday: number): Change[] {
    const out: Change[] = [];
    if (this.kpis) out.push({ t: 'kpis', kpis: this.kpis });
    if (this.apps) out.push({ t: 'apps', apps: this.apps });
    out.push({ t: 'counter', eventsToday });
    return out;
  }

  private async refresh(now: number, queue: Queue): Promise<void> {
    // Cleared before the reads: a change applied while they run makes the next refresh due.
    this.due = false;
    const [kpis, apps] = await Promise.all([
      this.deps.readKpis(now, liveQueueFigures(queue, now), [...this.todayIncidents.values()]),
      this.deps.readApps(now),
    ]);
    this.kpis = kpis;
    this.apps = apps;
    this.lastMs = now;
  }
}
