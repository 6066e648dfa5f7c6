// Call totals over a window: whole 15-minute slots come from the KPI buckets, the partial
// slots at either edge from the call records themselves, so any window is exact and 30 days
// cost ~3,000 bucket slots, not a replay of every call.
import type { Redis } from 'ioredis';
import type { Line } from '../../shared/contract/events.ts';
import {
  addTotals, callContribution, emptyTotals, parseCallRecord,
  type CallRecord, type CallTotals,
} from '../domain/call-record.ts';
import type { SpaceKeys } from './keys.ts';
import { readIndexedRecords } from './read-indexed-records.ts';
import type { KpiDayCache } from './kpi-day-cache.ts';

export const SLOT_MS = 900_000;
const DAY_MS = 86_400_000;
const SLOTS_PER_DAY = DAY_MS / SLOT_MS;
const METRICS = new Set(['offered', 'answered', 'abandoned', 'waitMs', 'ans15', 'ans20', 'abn15', 'abn20']);

export type TotalsByLine = Record<Line | 'all', CallTotals>;

function addMetric(t: CallTotals, metric: string, v: number): void {
  if (metric.startsWith('d:')) {
    const d = metric.slice(2) as keyof CallTotals['byDisposition'];
    t.byDisposition[d] = (t.byDisposition[d] ?? 0) + v;
  } else if (METRICS.has(metric)) {
    (t as unknown as Record<string, number>)[metric] = ((t as unknown as Record<string, number>)[metric] ?? 0) + v;
  }
}

/** Call records whose receivedAt lies in [fromMs, toMs). */
export function readCallRecords(redis: Redis, keys: SpaceKeys, fromMs: number, toMs: number): Promise<CallRecord[]> {
  return readIndexedRecords(redis, keys.callsByReceived, keys.callPrefix, fromMs, toMs, parseCallRecord);
}

/** Adds a day bucket's fields for slots in [firstSlot, endSlot) into per-line totals. */
function foldBucket(hash: Record<string, string>, into: Record<Line, CallTotals>, firstSlot: number, endSlot: number): void {
  for (const [field, value] of Object.entries(hash)) {
    const [slotText, line, metric] = field.split('|');
    const slot = Number(slotText);
    if (slot < firstSlot || slot >= endSlot || (line !== '112' && line !== '119') || !metric) continue;
    const v = Number(value);
    if (v === 0) continue;
    addMetric(into[line], metric, v);
  }
}

export async function readCallTotals(redis: Redis, keys: SpaceKeys, fromMs: number, toMs: number, cache?: KpiDayCache): Promise<TotalsByLine> {
  const out: TotalsByLine = { '112': emptyTotals(), '119': emptyTotals(), all: emptyTotals() };
  const firstSlot = Math.ceil(fromMs / SLOT_MS);
  const endSlot = Math.floor(toMs / SLOT_MS);
  const edges: [number, number][] = [];
  if (firstSlot >= endSlot) {
    edges.push([fromMs, toMs]);
  } else {
    edges.push([fromMs, firstSlot * SLOT_MS], [endSlot * SLOT_MS, toMs]);
    const firstDay = Math.floor((firstSlot * SLOT_MS) / DAY_MS);
    const lastDay = Math.floor((endSlot * SLOT_MS - 1) / DAY_MS);
    // Days wholly inside the window and over come from the cache (or are read whole and
    // cached); the others are read and cut to the window's slots.
    const whole = (d: number): boolean => cache !== undefined && d * SLOTS_PER_DAY >= firstSlot && (d + 1) * SLOTS_PER_DAY <= endSlot && cache.isOver(d);
    const reads: { day: number; cut: boolean }[] = [];
    for (let d = firstDay; d <= lastDay; d++) {
      const cached = whole(d) ? cache?.callTotals(d) : undefined;
      if (cached) {
        out['112'] = addTotals(out['112'], cached['112']);
        out['119'] = addTotals(out['119'], cached['119']);
      } else {
        reads.push({ day: d, cut: !whole(d) });
      }
    }
    const begun = cache?.begin() ?? 0;
    const p = redis.pipeline();
    for (const { day } of reads) p.hgetall(`${keys.callKpiPrefix}${day}`);
    const rows = (await p.exec()) ?? [];
    reads.forEach(({ day, cut }, i) => {
      const hash = (rows[i]?.[1] ?? {}) as Record<string, string>;
      if (cut) {
        foldBucket(hash, out, firstSlot, endSlot);
        return;
      }
      const totals = { '112': emptyTotals(), '119': emptyTotals() };
      foldBucket(hash, totals, -Infinity, Infinity);
      cache?.setCallTotals(day, totals, begun);
      out['112'] = addTotals(out['112'], totals['112']);
      out['119'] = addTotals(out['119'], totals['119']);
    });
  }
  for (const [a, b] of edges) {
    for (const r of await readCallRecords(redis, keys, a, b)) {
      if (r.line === null) continue;
      out[r.line] = addTotals(out[r.line], callContribution(r));
    }
  }
  out.all = addTotals(out['112'], out['119']);
  return out;
}
