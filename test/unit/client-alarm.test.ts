// Which alerts ring and how the desk's mute is kept: pure rules shared by the desk and the wall.
import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/contract/views.ts';
import { MUTE_MS, readMutedUntil, ringingAlerts, writeMutedUntil } from '../../client/views/common/alarm.ts';

function alert(o: Partial<AlertView> & { alertId: string }): AlertView {
  return { kind: 'queue', subject: '112', severity: 'critical', raisedAt: '2026-12-05T10:00:00+07:00', clearedAt: null, ackedAt: null, ackedBy: null, detail: {}, ...o };
}

describe('ringingAlerts', () => {
  it('rings for critical alerts that are neither acknowledged nor cleared, newest first', () => {
    const alerts = [
      alert({ alertId: 'a' }),
      alert({ alertId: 'b', raisedAt: '2026-12-05T10:01:00+07:00' }),
      alert({ alertId: 'warn', severity: 'warning' }),
      alert({ alertId: 'acked', ackedAt: '2026-12-05T10:02:00+07:00', ackedBy: 'operator' }),
      alert({ alertId: 'over', clearedAt: '2026-12-05T10:02:00+07:00' }),
    ];
    expect(ringingAlerts(alerts).map((a) => a.alertId)).toEqual(['b', 'a']);
    expect(ringingAlerts([])).toEqual([]);
  });
});

describe('the desk mute', () => {
  it('keeps "muted until" across a reload and forgets it once it has passed', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const now = 1_800_000_000_000;
    expect(readMutedUntil(storage, now)).toBeNull();
    writeMutedUntil(storage, now + MUTE_MS);
    expect(readMutedUntil(storage, now + 1)).toBe(now + MUTE_MS);
    expect(readMutedUntil(storage, now + MUTE_MS)).toBeNull();
    writeMutedUntil(storage, null);
    expect(readMutedUntil(storage, now)).toBeNull();
    expect(readMutedUntil(null, now)).toBeNull();
  });
});
