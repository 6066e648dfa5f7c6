import { describe, expect, it } from 'vitest';
import { liveQueueFigures } from '../../server/domain/call-kpis.ts';

const T0 = Date.parse('2026-11-23T10:00:00+07:00');

describe('liveQueueFigures', () => {
  it('per line and together, seconds with one decimal', () => {
    const now = T0 + 100_000;
    const figures = liveQueueFigures(
      [
        { line: '112', receivedAtMs: T0 + 40_000 }, // 60 s
        { line: '112', receivedAtMs: T0 + 1_550 }, // 98.45 s → 98.5
        { line: '119', receivedAtMs: T0 + 90_000 }, // 10 s
      ],
      now,
    );
    expect(figures).toEqual({
      '112': { waitingNow: 2, longestWaitNow: 98.5 },
      '119': { waitingNow: 1, longestWaitNow: 10 },
      all: { waitingNow: 3, longestWaitNow: 98.5 },
    });
  });

  it('null longest wait when nobody waits; a receivedAt in the future waits 0', () => {
    expect(liveQueueFigures([], T0).all).toEqual({ waitingNow: 0, longestWaitNow: null });
    expect(liveQueueFigures([{ line: '119', receivedAtMs: T0 + 5000 }], T0)['119']).toEqual({ waitingNow: 1, longestWaitNow: 0 });
  });
});
