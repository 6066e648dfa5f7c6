// Call totals over a window: whole 15-minute slots come from the KPI buckets, the partial
// slots at either edge from the call records themselves, summed inside Redis by the
// projection's own call_contribution (read-call-totals.lua), so any window is exact, 30 days
// cost ~3,000 bucket slots, not a replay of every call, and the rule exists once.
import type { RedisClient } from './redis-client.ts';
import type { Line } from '../../shared/contract/events.ts';
import { addTotals, emptyTotals, type CallTotals } from '../domain/call-record.ts';
import { DAY_MS, SLOT_MS } from '../domain/projection-constants.ts';
import type { SpaceKeys } from './keys.ts';
import type { KpiDayCache } from './kpi-day-cache.ts';

const SLOTS_PER_DAY = DAY_MS / SLOT_MS;
const METRICS = new Set(['offered', 'answered', 'abandoned', 'waitMs', 'ans15', 'ans20', 'abn15', 'abn20', 'cbDue', 'cbDone', 'cb2m']);

export type TotalsByLine = Record<Line | 'all', CallTotals>;

function addMetric(t: CallTotals, metric: string, v: number): void {
  if (metric.startsWith('d:')) {
    const d = metric.slice(2) as keyof CallTotals['byDisposition'];
    t.byDisposition[d] = (t.byDisposition[d] ?? 0) + v;
  } else if (METRICS.has(metric)) {
    (t as unknown as Record<string, number>)[metric] = ((t as unknown as Record<string, number>)[metric] ?? 0) + v;
  }
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

export async function readCallTotals(redis: RedisClient, keys: SpaceKeys, fromMs: number, toMs: number, cache?: KpiDayCache): Promise<TotalsByLine> {
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
    const edge = await readContributions(redis, keys, a, b, '');
    out['112'] = addTotals(out['112'], edge['112']);
    out['119'] = addTotals(out['119'], edge['119']);
  }
  out.all = addTotals(out['112'], out['119']);
  return out;
}

/**
 * The summed KPI contributions of the calls received in [fromMs, toMs), per line, optionally
 * of one kecamatan's calls only (the buckets have no kecamatan dimension).
 */
export async function readContributions(redis: RedisClient, keys: SpaceKeys, fromMs: number, toMs: number, kecamatan: string): Promise<Record<Line, CallTotals>> {
  const out = { '112': emptyTotals(), '119': emptyTotals() };
  if (toMs <= fromMs) return out;
  const flat = await redis.pantauReadCallTotals(keys.callsByReceived, keys.all, fromMs, toMs, kecamatan);
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [line, metric] = String(flat[i]).split('|');
    if ((line === '112' || line === '119') && metric) addMetric(out[line], metric, Number(flat[i + 1]));
  }
  return out;
}
