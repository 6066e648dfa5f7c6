import { describe, expect, it } from 'vitest';
import { incidentTimeline, minutesBetween } from '../../client/map/timeline.ts';

const none = { reportedAt: null, dispatchedAt: null, onSceneAt: null, closedAt: null };

describe('incidentTimeline', () => {
  it('gives the minutes between consecutive steps', () => {
    const steps = incidentTimeline({
      reportedAt: '2026-11-23T14:00:00+07:00',
      dispatchedAt: '2026-11-23T14:02:30+07:00', // +2.5
      onSceneAt: '2026-11-23T14:14:30+07:00', // +12
      closedAt: '2026-11-23T15:00:30+07:00', // +46
    });
    expect(steps.map((s) => s.step)).toEqual(['reported', 'dispatched', 'on_scene', 'closed']);
    expect(steps.map((s) => s.minutesSincePrevious)).toEqual([null, 2.5, 12, 46]);
  });

  it('counts from the last step that happened when one is missing', () => {
    const steps = incidentTimeline({ ...none, reportedAt: '2026-11-23T14:00:00+07:00', onSceneAt: '2026-11-23T14:09:00+07:00' });
    expect(steps.map((s) => s.minutesSincePrevious)).toEqual([null, null, 9, null]);
    expect(steps[1]?.at).toBeNull();
  });

  it('mixes offsets correctly (same instant in UTC and WIB)', () => {
    const steps = incidentTimeline({ ...none, reportedAt: '2026-11-23T07:00:00Z', dispatchedAt: '2026-11-23T14:01:00+07:00' });
    expect(steps[1]?.minutesSincePrevious).toBe(1);
  });

  it('treats an unparseable time as missing', () => {
    const steps = incidentTimeline({ ...none, reportedAt: 'not a date', dispatchedAt: '2026-11-23T14:01:00+07:00' });
    expect(steps[0]?.atMs).toBeNull();
    expect(steps[1]?.minutesSincePrevious).toBeNull();
  });
});

describe('minutesBetween', () => {
  it('is null when either side is missing', () => {
    expect(minutesBetween(null, '2026-11-23T14:00:00+07:00')).toBeNull();
    expect(minutesBetween('2026-11-23T14:00:00+07:00', '2026-11-23T14:30:00+07:00')).toBe(30);
  });
});
