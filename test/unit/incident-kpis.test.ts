import { describe, expect, it } from 'vitest';
import { IncidentKpis } from '../../shared/contract/kpis.ts';
import { IncidentView } from '../../shared/contract/views.ts';
import { computeIncidentKpis } from '../../server/domain/incident-kpis.ts';
import { parseIncidentRecord, toIncidentView, type IncidentRecord } from '../../server/domain/incident-record.ts';

const TZ = 'Asia/Jakarta';
const T0 = Date.parse('2026-11-23T10:00:00+07:00');
const MIN = 60_000;

let n = 0;
function incident(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return {
    ...parseIncidentRecord(`I${++n}`, {}),
    line: '112', category: 'fire', priority: 2, reportedAtMs: T0, kecamatan: '36.71.01', ...over,
  };
}

describe('parseIncidentRecord and views', () => {
  const hash = {
    line: '112', category: 'flood', priority: '1', reportedAt: String(T0), lat: '-6.178', lon: '106.63',
    locKecamatan: '36.71.07', kecamatan: '36.71.01', kelurahan: '36.71.01.1001', callId: 'C1',
    dispatchedAt: String(T0 + 2 * MIN), onSceneAt: String(T0 + 11 * MIN), agencies: 'fire,disaster,fire,bogus',
    summary: 'Banjir 60 cm di Jl. Imam Bonjol', status: 'on_scene', '~rep': '1795402800000 4 testr1',
  };

  it('reads every field, agencies as a sorted set of known ones', () => {
    const r = parseIncidentRecord('I1', hash);
    expect(r).toEqual({
      incidentId: 'I1', line: '112', category: 'flood', priority: 1, reportedAtMs: T0, lat: -6.178, lon: 106.63,
      locKecamatan: '36.71.07', kecamatan: '36.71.01', kelurahan: '36.71.01.1001', outside: false, callId: 'C1',
      dispatchedAtMs: T0 + 2 * MIN, onSceneAtMs: T0 + 11 * MIN, closedAtMs: null, outcome: null,
      agencies: ['fire', 'disaster'], summary: 'Banjir 60 cm di Jl. Imam Bonjol', status: 'on_scene',
    });
  });

  it('turns junk into null', () => {
    const r = parseIncidentRecord('I2', { priority: '7', lat: '-6.1', lon: 'east', category: 'ufo', outcome: 'maybe', outside: 'yes', reportedAt: 'now' });
    expect(r).toMatchObject({ priority: null, lat: null, lon: null, category: null, outcome: null, outside: false, reportedAtMs: null, agencies: [] });
  });

  it('view with the location as sent and the contract shape', () => {
    const v = toIncidentView(parseIncidentRecord('I1', hash), TZ);
    expect(v).toMatchObject({
      status: 'on_scene', location: { lat: -6.178, lon: 106.63, kecamatan: '36.71.07' }, kecamatan: '36.71.01',
      reportedAt: '2026-11-23T10:00:00.000+07:00', onSceneAt: '2026-11-23T10:11:00.000+07:00', closedAt: null,
    });
    expect(IncidentView.safeParse(v).success).toBe(true);
    expect(toIncidentView(parseIncidentRecord('I3', {}), TZ).location).toBeNull();
    expect(toIncidentView(parseIncidentRecord('I4', { locKecamatan: '36.71.02' }), TZ).location).toEqual({ kecamatan: '36.71.02' });
  });
});

describe('computeIncidentKpis', () => {
  it('counts, times and rates (arithmetic in the comments)', () => {
    const records = [
      // dispatch 2 min, on scene 10 min, police + ambulance, closed resolved
      incident({ category: 'traffic-accident', priority: 1, dispatchedAtMs: T0 + 2 * MIN, onSceneAtMs: T0 + 10 * MIN, agencies: ['police', 'ambulance'], closedAtMs: T0 + 60 * MIN, outcome: 'resolved' }),
      // dispatch 4 min, on scene 20 min, fire
      incident({ category: 'fire', priority: 1, dispatchedAtMs: T0 + 4 * MIN, onSceneAtMs: T0 + 20 * MIN, agencies: ['fire'], kecamatan: '36.71.02' }),
      // dispatch 6 min, never arrived, closed as prank
      incident({ category: 'fire', priority: 3, dispatchedAtMs: T0 + 6 * MIN, agencies: ['fire'], closedAtMs: T0 + 30 * MIN, outcome: 'prank' }),
      // not dispatched, outside the city
      incident({ category: 'flood', priority: 4, outside: true, kecamatan: null }),
      // unknown kecamatan: counted, not in byKecamatan
      incident({ category: 'other', priority: 2, kecamatan: null }),
      // never reported (no reportedAt): skipped entirely
      incident({ reportedAtMs: null, category: 'crime', dispatchedAtMs: T0 }),
    ];
    const k = computeIncidentKpis(records);
    expect(k.count).toBe(5);
    expect(k.byCategory).toMatchObject({ 'traffic-accident': 1, fire: 2, flood: 1, other: 1, crime: 0, medical: 0 });
    expect(k.byPriority).toEqual({ '1': 2, '2': 1, '3': 1, '4': 1 });
    expect(k.byKecamatan).toEqual({ '36.71.01': 2, '36.71.02': 1, outside: 1 });
    expect(k.byAgency).toEqual({ police: 1, ambulance: 1, fire: 2, disaster: 0, 'satpol-pp': 0, transport: 0, other: 0 });
    // dispatch: 120, 240, 360 s → mean 240, p90 = rank ⌈2.7⌉ = 3 → 360
    expect(k.dispatch).toEqual({ mean: 240, p90: 360, n: 3 });
    // response: 600, 1200 s → mean 900, p90 = rank ⌈1.8⌉ = 2 → 1200
    expect(k.response).toEqual({ mean: 900, p90: 1200, n: 2 });
    // 1 prank ÷ 2 closed
    expect(k.prankRate).toBe(0.5);
    expect(k.outside).toBe(1);
    // fire: dispatch 240 and 360 → mean 300, p90 360; response only 1200
    expect(k.byAgencyTimes?.['fire']).toEqual({ dispatch: { mean: 300, p90: 360, n: 2 }, response: { mean: 1200, p90: 1200, n: 1 } });
    expect(k.byAgencyTimes?.['police']).toEqual({ dispatch: { mean: 120, p90: 120, n: 1 }, response: { mean: 600, p90: 600, n: 1 } });
    expect(k.byAgencyTimes?.['disaster']).toBeUndefined();
    expect(IncidentKpis.safeParse(k).success).toBe(true);
  });

  it('nothing reported: zeros and nulls', () => {
    const k = computeIncidentKpis([]);
    expect(k).toMatchObject({
      count: 0, byKecamatan: {}, dispatch: { mean: null, p90: null, n: 0 }, response: { mean: null, p90: null, n: 0 }, prankRate: null, outside: 0,
    });
    expect(k.byPriority).toEqual({ '1': 0, '2': 0, '3': 0, '4': 0 });
  });

  it('seconds with one decimal; dispatch before report (clock skew) is 0', () => {
    // 1.25 s, 0 s (skew), 2 s → mean 3.25 / 3 = 1.0833 → 1.1; p90 = rank ⌈2.7⌉ = 3 → 2
    const k = computeIncidentKpis([
      incident({ dispatchedAtMs: T0 + 1250 }), incident({ dispatchedAtMs: T0 - 5000 }), incident({ dispatchedAtMs: T0 + 2000 }),
    ]);
    expect(k.dispatch).toEqual({ mean: 1.1, p90: 2, n: 3 });
  });
});
