import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_DEADBAND_MS, clockOffsetMs } from '../../client/live/clock-offset.ts';
import { connectionStatus, nextStatusChangeInMs } from '../../client/live/connection-status.ts';

describe('connectionStatus (ui.md: RECONNECTING after 3 s, STALE after 30 s)', () => {
  it.each([
    [null, 'live'],
    [0, 'live'],
    [2_999, 'live'],
    [3_000, 'reconnecting'],
    [29_999, 'reconnecting'],
    [30_000, 'stale'],
    [600_000, 'stale'],
  ] as const)('down for %s ms → %s', (down, want) => {
    const now = 1_000_000;
    expect(connectionStatus(down === null ? null : now - down, now)).toBe(want);
  });

  it('is stale at once, connected or not, while the server says its source is away (issue #20 finding 3)', () => {
    expect(connectionStatus(null, 1_000_000, true)).toBe('stale');
    expect(connectionStatus(999_000, 1_000_000, true)).toBe('stale');
    expect(connectionStatus(null, 1_000_000, false)).toBe('live');
  });

  it('says when the status next changes', () => {
    expect(nextStatusChangeInMs(null, 5)).toBeNull();
    expect(nextStatusChangeInMs(1_000, 2_000)).toBe(2_000);
    expect(nextStatusChangeInMs(1_000, 5_000)).toBe(26_000);
    expect(nextStatusChangeInMs(1_000, 40_000)).toBeNull();
  });
});

describe('clockOffsetMs', () => {
  it('ignores the few seconds a cached snapshot lags, corrects a kiosk clock that is really off', () => {
    expect(clockOffsetMs(1_000_000 - 9_000, 1_000_000)).toBe(0);
    expect(clockOffsetMs(1_000_000 + 2_000, 1_000_000)).toBe(0);
    expect(clockOffsetMs(1_000_000 + 3_600_000, 1_000_000)).toBe(3_600_000);
    expect(clockOffsetMs(1_000_000 - CLOCK_SKEW_DEADBAND_MS, 1_000_000)).toBe(-CLOCK_SKEW_DEADBAND_MS);
    expect(clockOffsetMs(Number.NaN, 1_000_000)).toBe(0);
  });
});
