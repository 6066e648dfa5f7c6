// An incident's timeline from its record and its units' steps (server/domain/incident-timeline.ts),
// and each agency's arrivals within its on-scene target (incident-kpis.ts).
import { describe, expect, it } from 'vitest';
import { IncidentTimelineAnswer } from '../../shared/contract/drilldown.ts';
import { computeIncidentKpis } from '../../server/domain/incident-kpis.ts';
import { parseIncidentRecord, type IncidentRecord } from '../../server/domain/incident-record.ts';
import { buildIncidentTimeline, parseUnitSteps } from '../../server/domain/incident-timeline.ts';

const TZ = 'Asia/Jakarta';
const T0 = Date.parse('2026-11-23T10:00:00+07:00');
const MIN = 60_000;
const TARGETS = { responseMinutes: 20, responseMinutesByAgency: { fire: 15 } };

function record(over: Partial<IncidentRecord> = {}): IncidentRecord {
  return { ...parseIncidentRecord('I1', {}), line: '112', category: 'fire', priority: 1, reportedAtMs: T0, kecamatan: '36.71.01', status: 'closed', ...over };
}

describe('parseUnitSteps', () => {
  it('reads dispatches and arrivals, skipping lines that do not parse', () => {
    expect(parseUnitSteps(`d ${T0 + MIN} fire DMK-01\ns ${T0 + 9 * MIN} - DMK-01\nd ${T0} army X\ngarbage\nd ${T0 + 2 * MIN} police `)).toEqual([
      { kind: 'dispatched', atMs: T0 + MIN, agency: 'fire', unitId: 'DMK-01' },
      { kind: 'on_scene', atMs: T0 + 9 * MIN, agency: null, unitId: 'DMK-01' },
      { kind: 'dispatched', atMs: T0, agency: null, unitId: 'X' },
      { kind: 'dispatched', atMs: T0 + 2 * MIN, agency: 'police', unitId: null },
    ]);
    expect(parseUnitSteps(undefined)).toEqual([]);
  });
});

describe('buildIncidentTimeline', () => {
  it('orders every step, names each arrival\'s agency by its unit, and judges it by that agency\'s target', () => {
    const r = record({ agencies: ['ambulance', 'fire'], dispatchedAtMs: T0 + MIN, onSceneAtMs: T0 + 12 * MIN, closedAtMs: T0 + 60 * MIN, outcome: 'resolved' });
    const units = parseUnitSteps([`d ${T0 + MIN} fire DMK-01`, `d ${T0 + 2 * MIN} ambulance AMB-1`, `s ${T0 + 12 * MIN} - DMK-01`, `s ${T0 + 22 * MIN} - AMB-1`].join('\n'));
    const t = buildIncidentTimeline(r, units, TARGETS, TZ);
    expect(IncidentTimelineAnswer.safeParse(t).success).toBe(true);
    // fire: 12 min against 15 → good; ambulance (general 20 min): 22 min → warning (within a quarter over).
    expect(t.steps.map((s) => [s.kind, s.agency ?? null, s.sinceReportedSeconds, s.sincePreviousSeconds, s.targetSeconds ?? null, s.state ?? null])).toEqual([
      ['reported', null, 0, null, null, null],
      ['dispatched', 'fire', 60, 60, null, null],
      ['dispatched', 'ambulance', 120, 60, null, null],
      ['on_scene', 'fire', 720, 600, 900, 'good'],
      ['on_scene', 'ambulance', 1320, 600, 1200, 'warning'],
      ['closed', null, 3600, 2280, null, null],
    ]);
    expect(t.steps.at(-1)?.outcome).toBe('resolved');
    expect(t).toMatchObject({ dispatchSeconds: 60, responseSeconds: 720, response: { agency: 'fire', targetSeconds: 900, state: 'good' } });
  });

  it('falls back to the first dispatch and arrival the record keeps (records from before ~units)', () => {
    const r = record({ agencies: ['fire'], dispatchedAtMs: T0 + 3 * MIN, onSceneAtMs: T0 + 30 * MIN });
    const t = buildIncidentTimeline(r, [], TARGETS, TZ);
    expect(t.steps.map((s) => [s.kind, s.agency ?? null, s.state ?? null])).toEqual([
      ['reported', null, null],
      ['dispatched', 'fire', null],
      ['on_scene', 'fire', 'bad'],
    ]);
    expect(t.response).toEqual({ targetSeconds: 900, agency: 'fire', state: 'bad' });
  });

  it('has no response verdict without a report', () => {
    expect(buildIncidentTimeline(record({ reportedAtMs: null }), [], TARGETS, TZ).response).toBeNull();
  });
});

describe('computeIncidentKpis: arrivals within target per agency', () => {
  it('counts arrivals at or under the agency\'s target, of the arrivals only', () => {
    const at = (minutes: number | null, agency: 'fire' | 'police'): IncidentRecord =>
      record({ agencies: [agency], dispatchedAtMs: T0 + MIN, onSceneAtMs: minutes === null ? null : T0 + minutes * MIN });
    // fire (15 min): 10 and 15 within, 16 not, one without arrival left out → 2 of 3.
    // police (general 20 min): 19 within, 25 not → 1 of 2.
    const k = computeIncidentKpis([at(10, 'fire'), at(15, 'fire'), at(16, 'fire'), at(null, 'fire'), at(19, 'police'), at(25, 'police')], (a) => (a === 'fire' ? 900 : 1200));
    expect(k.byAgencyTimes?.fire?.responseTarget).toEqual({ seconds: 900, within: 2, n: 3, rate: 0.6667 });
    expect(k.byAgencyTimes?.police?.responseTarget).toEqual({ seconds: 1200, within: 1, n: 2, rate: 0.5 });
    expect(computeIncidentKpis([at(10, 'fire')]).byAgencyTimes?.fire?.responseTarget).toBeUndefined();
  });
});
