// Point-in-polygon at ingest: the cost per event of enriching an event that carries a point
// (city.geo.locate against the kecamatan and kelurahan boundaries) against the same enrichment
// with a no-op locate. Pure CPU, in this process.
import type { PantauEvent } from '../shared/contract/events.ts';
import { enrichEvent, type Locate } from '../server/domain/enrich.ts';
import type { Benchmark, BenchContext } from './support/context.ts';
import { rng, wib } from './support/events.ts';
import { round, withBaseline } from './support/figure.ts';

function timePerEvent(events: readonly PantauEvent[], tz: string, locate: Locate, rounds: number): number {
  let best = Number.POSITIVE_INFINITY;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const e of events) sink += enrichEvent(e, tz, locate).atMs & 1;
    best = Math.min(best, (performance.now() - t0) / events.length);
  }
  // Keeps the loop from being optimised away.
  if (sink < 0) throw new Error('unreachable');
  return best * 1000;
}

async function run(ctx: BenchContext): Promise<void> {
  const n = ctx.quick ? 2_000 : 100_000;
  const rounds = ctx.quick ? 2 : 5;
  const r = rng(5);
  const now = Date.now();
  const events: PantauEvent[] = Array.from({ length: n }, (_, i) => ({
    id: `g${i}`, type: 'incident.reported', at: wib(now - i * 1000), source: 'bench', incidentId: `i${i}`,
    line: '112', category: 'fire', priority: 2, location: ctx.point(r),
  }));
  const tz = ctx.city.profile.timezone;
  const geo = ctx.city.geo;
  const found = { kecamatan: '36.71.01', kelurahan: null };
  const noop: Locate = () => found;
  // Warm both (JIT, the zone-offset cache) before timing.
  timePerEvent(events, tz, noop, 1);
  timePerEvent(events, tz, (lat, lon) => geo.locate(lat, lon), 1);
  const baseline = timePerEvent(events, tz, noop, rounds);
  const withPip = timePerEvent(events, tz, (lat, lon) => geo.locate(lat, lon), rounds);
  let outside = 0;
  for (const e of events) if (e.type === 'incident.reported' && e.location.lat !== undefined && e.location.lon !== undefined && geo.locate(e.location.lat, e.location.lon) === null) outside++;
  ctx.report(withBaseline(
    {
      name: 'ingest.pointInPolygon',
      value: round(withPip, 2),
      unit: 'µs per event (enrichment)',
      conditions: { events: n, rounds, city: ctx.city.profile.id, layers: ctx.city.kelurahanGeo ? 'kecamatan + kelurahan' : 'kecamatan', pointsOutside: outside },
      extra: { locateOnlyUs: round(withPip - baseline, 2) },
    },
    { name: 'same enrichment with a no-op locate', value: baseline, unit: 'µs per event' },
  ));
}

export const geoBenchmark: Benchmark = { name: 'geo', figures: ['ingest.pointInPolygon'], run };
