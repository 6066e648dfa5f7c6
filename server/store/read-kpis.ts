// The KPI answer over a window (GET /api/v1/kpis and the snapshot's today figures).
import type { RedisClient } from './redis-client.ts';
import type { Line } from '../../shared/contract/events.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';
import { responseTargetSeconds, type Targets } from '../../shared/contract/city.ts';
import { addTotals, emptyTotals } from '../domain/call-record.ts';
import { computeCallKpis, type LiveQueue } from '../domain/call-kpis.ts';
import { computeIncidentKpis } from '../domain/incident-kpis.ts';
import { toIsoWithOffset } from '../domain/time.ts';
import type { SpaceKeys } from './keys.ts';
import { readCallTotals, readContributions, type TotalsByLine } from './read-calls.ts';
import { readIncidentRecords } from './read-incidents.ts';
import type { IncidentRecord } from '../domain/incident-record.ts';
import type { KpiDayCache } from './kpi-day-cache.ts';

export interface KpiQuery {
  fromMs: number;
  toMs: number;
  timeZone: string;
  targets: Targets;
  line?: Line;
  kecamatan?: string;
  /** Live queue figures (today only). */
  live?: Record<Line | 'all', LiveQueue>;
  /**
   * The incidents reported in the window, when the caller already holds them (the live feed
   * keeps today's in memory): reading thousands of records from Redis every second is what a
   * busy day must not cost.
   */
  incidentRecords?: readonly IncidentRecord[];
  /** Per-day pieces of past days, kept current by the live feed (kpi-day-cache.ts). */
  cache?: KpiDayCache;
}

async function totalsForKecamatan(redis: RedisClient, keys: SpaceKeys, q: KpiQuery): Promise<TotalsByLine> {
  // Buckets have no kecamatan dimension: a filtered query sums the call records themselves.
  const byLine = await readContributions(redis, keys, q.fromMs, q.toMs, q.kecamatan ?? '');
  return { ...byLine, all: addTotals(byLine['112'], byLine['119']) };
}

export async function readKpis(redis: RedisClient, keys: SpaceKeys, q: KpiQuery): Promise<KpisAnswer> {
  const [totals, incidentRecords] = await Promise.all([
    q.kecamatan ? totalsForKecamatan(redis, keys, q) : readCallTotals(redis, keys, q.fromMs, q.toMs, q.cache),
    q.incidentRecords ?? readIncidentRecords(redis, keys, q.fromMs, q.toMs, q.cache),
  ]);
  if (q.line) {
    // A line filter narrows "all" to that line; the other line reads as empty.
    const other: Line = q.line === '112' ? '119' : '112';
    totals[other] = emptyTotals();
    totals.all = totals[q.line];
  }
  const incidents = incidentRecords.filter(
    (r) => (!q.line || r.line === q.line) && (!q.kecamatan || r.kecamatan === q.kecamatan),
  );
  return {
    from: toIsoWithOffset(q.fromMs, q.timeZone),
    to: toIsoWithOffset(q.toMs, q.timeZone),
    timezone: q.timeZone,
    calls: {
      '112': computeCallKpis(totals['112'], q.live?.['112']),
      '119': computeCallKpis(totals['119'], q.live?.['119']),
      all: computeCallKpis(totals.all, q.live?.all),
    },
    incidents: computeIncidentKpis(incidents, (agency) => responseTargetSeconds(q.targets, agency)),
    targets: { sl15: q.targets.sl15, sl20: q.targets.sl20, asaSeconds: q.targets.asaSeconds, callbackWithin2m: q.targets.callbackWithin2m },
  };
}
