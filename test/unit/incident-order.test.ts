// The desk's incident order: priority first, then the longest since the last step.
import { describe, expect, it } from 'vitest';
import type { IncidentView } from '../../shared/contract/views.ts';
import { deskIncidentOrder, lastStepMs } from '../../client/views/operator/incident-order.ts';

function inc(incidentId: string, o: Partial<IncidentView>): IncidentView {
  return {
    incidentId, line: '112', category: 'fire', priority: 3, status: 'reported', location: null, kecamatan: null, kelurahan: null, outside: false,
    callId: null, reportedAt: null, dispatchedAt: null, onSceneAt: null, closedAt: null, agencies: [], outcome: null, summary: null, ...o,
  };
}

describe('deskIncidentOrder', () => {
  it('puts a P1 reported after a P3 above it, and within a priority the longest since its last step first', () => {
    const p3 = inc('flood', { priority: 3, reportedAt: '2026-12-05T10:00:00+07:00' });
    const p1 = inc('fire', { priority: 1, reportedAt: '2026-12-05T10:05:00+07:00' });
    const p1moved = inc('fire-2', { priority: 1, reportedAt: '2026-12-05T09:00:00+07:00', dispatchedAt: '2026-12-05T10:06:00+07:00' });
    const none = inc('unknown', { priority: null, reportedAt: '2026-12-05T08:00:00+07:00' });
    expect(deskIncidentOrder([none, p3, p1moved, p1]).map((i) => i.incidentId)).toEqual(['fire', 'fire-2', 'flood', 'unknown']);
    expect(lastStepMs(p1moved)).toBe(Date.parse('2026-12-05T10:06:00+07:00'));
  });

  it('is the same whatever order the incidents come in', () => {
    const all = Array.from({ length: 12 }, (_, k) => inc(`i${k}`, { priority: (k % 4) + 1, reportedAt: `2026-12-05T10:${String(k % 3).padStart(2, '0')}:00+07:00` }));
    const once = deskIncidentOrder(all).map((i) => i.incidentId);
    expect(deskIncidentOrder([...all].reverse()).map((i) => i.incidentId)).toEqual(once);
  });
});
