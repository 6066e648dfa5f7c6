// Per-day pieces of KPI answers for UTC days that are over: a day's call totals (all its
// 15-minute slots summed) and its incident records. A 30-day KPI query then reads Redis only
// for the days at its edges and today, instead of ~80,000 bucket fields and every incident
// record of the month.
//
// Correctness rests on invalidation: every process runs a live feed over the shared stream,
// and the feed hands each entry's changes to `changed`, which drops the days they touch. An
// incident is dropped by id from whichever day holds it; a call by the day of its receivedAt.
// A call whose receivedAt moved to another day (a second `call.received` with an earlier time)
// would leave its old day stale, so entries also expire after `maxAgeMs` (5 minutes).
import type { Line } from '../../shared/contract/events.ts';
import type { CallTotals } from '../domain/call-record.ts';
import type { IncidentRecord } from '../domain/incident-record.ts';
import type { RawChange } from './entries.ts';

export const DAY_MS = 86_400_000;

type DayTotals = Record<Line, CallTotals>;

interface Entry<T> { value: T; atMs: number }

export interface KpiDayCacheOptions {
  clock: () => number;
  maxAgeMs?: number;
  /**
   * Days kept per kind; the oldest inserted go first. The default holds a 90-day range and the
   * 90 days before it (the executive view's comparison) with room to spare, so the two reads of
   * one page do not evict each other.
   */
  maxDays?: number;
}

export class KpiDayCache {
  private readonly calls = new Map<number, Entry<DayTotals>>();
  private readonly incidents = new Map<number, Entry<IncidentRecord[]>>();
  /** incidentId → the cached day holding it. */
  private readonly incidentDay = new Map<string, number>();
  private readonly maxAgeMs: number;
  private readonly maxDays: number;
  /**
   * Counts changes; `touched` holds the count at a day's last change. A read that started
   * before a change to its day (`begin()` is older) is not cached: it may predate the change.
   */
  private tick = 0;
  private readonly touched = new Map<number, number>();
  private clearedAt = 0;

  constructor(private readonly options: KpiDayCacheOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 300_000;
    this.maxDays = options.maxDays ?? 220;
  }

  /** Whether UTC day `day` (days since the epoch) is over, so its data can be cached. */
  isOver(day: number): boolean {
    return (day + 1) * DAY_MS <= this.options.clock();
  }

  /** Call before reading a day from Redis; pass the result to the setter. */
  begin(): number {
    return this.tick;
  }

  callTotals(day: number): DayTotals | undefined {
    return this.fresh(this.calls, day);
  }

  setCallTotals(day: number, totals: DayTotals, begun: number): void {
    if (this.cacheable(day, begun)) this.put(this.calls, day, totals);
  }

  incidentRecords(day: number): IncidentRecord[] | undefined {
    const records = this.fresh(this.incidents, day);
    if (records === undefined) this.dropIncidentDay(day);
    return records;
  }

  setIncidentRecords(day: number, records: IncidentRecord[], begun: number): void {
    if (!this.cacheable(day, begun)) return;
    this.put(this.incidents, day, records);
    for (const r of records) this.incidentDay.set(r.incidentId, day);
  }

  /** A stream entry's changes: drop every cached day they may have changed. */
  changed(changes: readonly RawChange[]): void {
    for (const c of changes) {
      if (c.t === 'call') {
        const at = Number(c.h.receivedAt);
        if (Number.isFinite(at)) this.touch(Math.floor(at / DAY_MS), () => this.calls.delete(Math.floor(at / DAY_MS)));
      } else if (c.t === 'incident') {
        const held = this.incidentDay.get(c.id);
        if (held !== undefined) this.touch(held, () => this.dropIncidentDay(held));
        const at = Number(c.h.reportedAt);
        if (Number.isFinite(at)) this.touch(Math.floor(at / DAY_MS), () => this.dropIncidentDay(Math.floor(at / DAY_MS)));
      }
    }
  }

  /** Everything (the stream was reset or replaced). */
  clear(): void {
    this.clearedAt = ++this.tick;
    this.calls.clear();
    this.incidents.clear();
    this.incidentDay.clear();
  }

  private cacheable(day: number, begun: number): boolean {
    return this.isOver(day) && begun >= this.clearedAt && (this.touched.get(day) ?? -1) <= begun;
  }

  private touch(day: number, drop: () => void): void {
    // Only days that are over are cached; today changes all the time and is never looked up here.
    if (!this.isOver(day)) return;
    this.tick++;
    this.touched.set(day, this.tick);
    drop();
  }

  private dropIncidentDay(day: number): void {
    const entry = this.incidents.get(day);
    this.incidents.delete(day);
    if (entry) for (const r of entry.value) if (this.incidentDay.get(r.incidentId) === day) this.incidentDay.delete(r.incidentId);
  }

  private fresh<T>(map: Map<number, Entry<T>>, day: number): T | undefined {
    const e = map.get(day);
    if (e === undefined) return undefined;
    if (this.options.clock() - e.atMs > this.maxAgeMs) {
      map.delete(day);
      return undefined;
    }
    return e.value;
  }

  private put<T>(map: Map<number, Entry<T>>, day: number, value: T): void {
    map.delete(day);
    map.set(day, { value, atMs: this.options.clock() });
    while (map.size > this.maxDays) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) break;
      if (map === (this.incidents as Map<number, unknown>)) this.dropIncidentDay(oldest);
      else map.delete(oldest);
    }
  }
}
