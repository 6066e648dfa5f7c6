import { describe, expect, it } from 'vitest';
import Supercluster from 'supercluster';
import type { IncidentView } from '../../shared/contract/views.ts';
import {
  LOAD_BATCH, NEWS_WINDOW_MS, clusterMap, clusterReduce, keysChanged, newsSince, placeIncident, toClusterInput, trackFirstSeen,
  type ClusterAggregate, type IncidentPointProps,
} from '../../client/map/cluster-input.ts';
import type { LonLat } from '../../client/map/label-point.ts';

function incident(o: Partial<IncidentView> & { incidentId: string }): IncidentView {
  return {
    line: '112', category: 'fire', priority: 2, status: 'reported',
    location: { lat: -6.18, lon: 106.63 }, kecamatan: '36.71.01', kelurahan: null, outside: false,
    callId: null, reportedAt: '2026-11-23T14:00:00+07:00', dispatchedAt: null, onSceneAt: null, closedAt: null,
    agencies: [], outcome: null, summary: null,
    ...o,
  };
}

const labels = new Map<string, LonLat>([['36.71.07', [106.618, -6.181]]]);

describe('placeIncident', () => {
  it('uses coordinates when present', () => {
    expect(placeIncident(incident({ incidentId: 'a' }), labels)).toEqual({ lon: 106.63, lat: -6.18, approx: false });
  });

  it('falls back to the kecamatan label point, server kecamatan first, then the reported one', () => {
    expect(placeIncident(incident({ incidentId: 'b', location: { kecamatan: '36.71.07' }, kecamatan: null }), labels))
      .toEqual({ lon: 106.618, lat: -6.181, approx: true });
    expect(placeIncident(incident({ incidentId: 'c', location: null, kecamatan: '36.71.07' }), labels)?.approx).toBe(true);
  });

  it('gives up on an unknown kecamatan or no location at all', () => {
    expect(placeIncident(incident({ incidentId: 'd', location: { kecamatan: '99.99.99' }, kecamatan: null }), labels)).toBeNull();
    expect(placeIncident(incident({ incidentId: 'e', location: null, kecamatan: null }), labels)).toBeNull();
  });
});

describe('toClusterInput', () => {
  it('converts the incidents it is given (the open set) to GeoJSON points [lon, lat] and lists the unplaced', () => {
    const input = toClusterInput([
      incident({ incidentId: 'a', priority: 1 }),
      incident({ incidentId: 'b', location: null, kecamatan: '36.71.07', priority: null, category: null }),
      incident({ incidentId: 'd', location: null, kecamatan: null }),
      incident({ incidentId: 'a', priority: 4 }),
    ], labels, (i) => (i.incidentId === 'b' ? 1234 : 0));
    expect(input.points.map((p) => p.geometry.coordinates)).toEqual([[106.63, -6.18], [106.618, -6.181]]);
    expect(input.points.map((p) => p.properties)).toEqual([
      { incidentId: 'a', rank: 1, category: 'fire', approx: false, bornMs: 0 },
      { incidentId: 'b', rank: 5, category: null, approx: true, bornMs: 1234 },
    ]);
    expect(input.unplaced).toEqual(['d']);
  });
});

describe('keysChanged', () => {
  const base = [incident({ incidentId: 'a' }), incident({ incidentId: 'b', priority: 3 })];
  const keysOf = (list: IncidentView[]) => toClusterInput(list, labels).keys;

  it('ignores status and timeline changes (no index rebuild)', () => {
    const next = [incident({ incidentId: 'a', status: 'dispatched', dispatchedAt: '2026-11-23T14:02:00+07:00' }), base[1] as IncidentView];
    expect(keysChanged(keysOf(base), keysOf(next))).toBe(false);
  });

  it('sees a new incident, a removed one, a moved one and a new priority', () => {
    expect(keysChanged(keysOf(base), keysOf([...base, incident({ incidentId: 'c' })]))).toBe(true);
    expect(keysChanged(keysOf(base), keysOf(base.slice(1)))).toBe(true);
    expect(keysChanged(keysOf(base), keysOf([incident({ incidentId: 'a', location: { lat: -6.2, lon: 106.63 } }), base[1] as IncidentView]))).toBe(true);
    expect(keysChanged(keysOf(base), keysOf([incident({ incidentId: 'a', priority: 1 }), base[1] as IncidentView]))).toBe(true);
  });
});

describe('trackFirstSeen', () => {
  it('marks the initial load as old (0), new ids with now, and forgets ids that left', () => {
    const first = trackFirstSeen(null, ['a', 'b'], 1000);
    expect([...first]).toEqual([['a', 0], ['b', 0]]);
    const second = trackFirstSeen(first, ['b', 'c'], 2000);
    expect([...second].sort()).toEqual([['b', 0], ['c', 2000]]);
  });

  it('treats a big batch of new ids as a load, not news (snapshot after an empty start)', () => {
    const empty = trackFirstSeen(null, [], 1000);
    const ids = Array.from({ length: LOAD_BATCH + 1 }, (_, i) => `x${i}`);
    expect(new Set(trackFirstSeen(empty, ids, 2000).values())).toEqual(new Set([0]));
    expect([...trackFirstSeen(empty, ['a'], 2000)]).toEqual([['a', 2000]]);
  });
});

describe('newsSince', () => {
  const now = Date.parse('2026-11-23T14:10:00+07:00');
  it('is news when first seen after the initial load and recently reported', () => {
    expect(newsSince(now, '2026-11-23T14:09:30+07:00', now)).toBe(now);
    expect(newsSince(now, null, now)).toBe(now);
  });

  it('is not news on the initial load or for an old report arriving late (reconnect)', () => {
    expect(newsSince(0, '2026-11-23T14:09:30+07:00', now)).toBe(0);
    expect(newsSince(undefined, '2026-11-23T14:09:30+07:00', now)).toBe(0);
    expect(newsSince(now, new Date(now - NEWS_WINDOW_MS - 1).toISOString(), now)).toBe(0);
  });
});

describe('cluster aggregate', () => {
  it('gives a cluster the most urgent priority and the newest arrival inside', () => {
    const input = toClusterInput([
      incident({ incidentId: 'a', priority: 3, location: { lat: -6.18, lon: 106.63 } }),
      incident({ incidentId: 'b', priority: 1, location: { lat: -6.1801, lon: 106.6301 } }),
      incident({ incidentId: 'c', priority: 4, location: { lat: -6.1802, lon: 106.6302 } }),
    ], labels, (i) => (i.incidentId === 'c' ? 99 : 0));
    const index = new Supercluster<IncidentPointProps, ClusterAggregate>({ radius: 60, maxZoom: 18, map: clusterMap, reduce: clusterReduce }).load(input.points);
    const clusters = index.getClusters([106, -7, 107, -6], 12);
    expect(clusters).toHaveLength(1);
    const props = clusters[0]?.properties;
    expect(props && 'cluster' in props ? [props.point_count, props.rank, props.bornMs] : null).toEqual([3, 1, 99]);
  });
});
