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

export const SLOT_MS = 900_000;
const DAY_MS = 86_400_000;
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
export async function readCallRecords(redis: Redis, keys: SpaceKeys, fromMs: number, toMs: number): Promise<CallRecord[]> {
  if (toMs <= fromMs) return [];
  const ids = await redis.zrangebyscore(keys.callsByReceived, fromMs, `(${toMs}`);
  if (ids.length === 0) return [];
  const p = redis.pipeline();
  for (const id of ids) p.hgetall(`${keys.callPrefix}${id}`);
  const rows = (await p.exec()) ?? [];
  return ids.map((id, i) => parseCallRecord(id, (rows[i]?.[1] ?? {}) as Record<string, string>));
}

export async function readCallTotals(redis: Redis, keys: SpaceKeys, fromMs: number, toMs: number): Promise<TotalsByLine> {
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
    const p = redis.pipeline();
    for (let d = firstDay; d <= lastDay; d++) p.hgetall(`${keys.callKpiPrefix}${d}`);
    for (const [, hash] of (await p.exec()) ?? []) {
      for (const [field, value] of Object.entries((hash ?? {}) as Record<string, string>)) {
        const [slotText, line, metric] = field.split('|');
        const slot = Number(slotText);
        if (slot < firstSlot || slot >= endSlot || (line !== '112' && line !== '119') || !metric) continue;
        const v = Number(value);
        if (v === 0) continue;
        addMetric(out[line], metric, v);
      }
    }
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
