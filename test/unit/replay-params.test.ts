import { describe, expect, it } from 'vitest';
import { parseReplayParams, replayHref, replayMomentMs } from '../../client/live/replay-params.ts';
import { cityLocalToMs, msToCityLocal } from '../../client/views/replay/replay-form.ts';
import { checkpointFor, checkReplayAt, nextBoundary, REPLAY_CHECKPOINT_EVERY_MS } from '../../server/domain/replay-window.ts';
import { createRng } from '../support/fuzz-rng.ts';

const T = Date.parse('2026-12-05T21:30:00+07:00');

describe('a replay from a wall URL', () => {
  it('reads the moment and clamps the speed to 1–60', () => {
    expect(parseReplayParams('?replay=2026-12-05T21:30:00%2B07:00&speed=10')).toEqual({ fromMs: T, speed: 10 });
    // A '+' typed into the address bar arrives as a space.
    expect(parseReplayParams('?replay=2026-12-05T21:30:00+07:00')).toEqual({ fromMs: T, speed: 1 });
    expect(parseReplayParams('?replay=2026-12-05T14:30:00Z&speed=500')?.speed).toBe(60);
    expect(parseReplayParams('?replay=2026-12-05T14:30:00Z&speed=0')?.speed).toBe(1);
    expect(parseReplayParams('?replay=2026-12-05T14:30:00Z&speed=fast')?.speed).toBe(1);
    expect(parseReplayParams('?replay=yesterday')).toBeNull();
    expect(parseReplayParams('?page=map')).toBeNull();
  });

  it('moves at its speed and never passes the present', () => {
    const p = { fromMs: T, speed: 60 };
    expect(replayMomentMs(p, 1_000, T + 3_600_000)).toBe(T + 60_000);
    expect(replayMomentMs(p, 3_600_000, T + 3_600_000)).toBe(T + 3_600_000);
    expect(replayMomentMs(p, -5, T + 1)).toBe(T);
  });

  it('keeps the playlist parameters and drops a token', () => {
    expect(replayHref({ fromMs: T, speed: 5 }, '2026-12-05T21:30:00+07:00', 'page=map&token=x')).toBe('/wall?page=map&replay=2026-12-05T21%3A30%3A00%2B07%3A00&speed=5');
  });
});

describe('the replay form reads the city clock', () => {
  it('round-trips a city time in WIB, WITA and WIT', () => {
    for (const [tz, iso] of [['Asia/Jakarta', '2026-12-05T21:30:00+07:00'], ['Asia/Makassar', '2026-12-05T21:30:00+08:00'], ['Asia/Jayapura', '2026-12-05T21:30:00+09:00']] as const) {
      expect(cityLocalToMs('2026-12-05T21:30', tz)).toBe(Date.parse(iso));
      expect(msToCityLocal(Date.parse(iso), tz)).toBe('2026-12-05T21:30');
    }
    expect(cityLocalToMs('2026-02-30T10:00', 'Asia/Jakarta')).toBeNull();
    expect(cityLocalToMs('', 'Asia/Jakarta')).toBeNull();
  });
});

describe('which checkpoint a moment opens from', () => {
  it('is the latest at or before it, whatever order they are listed in', () => {
    const seed = 1_805;
    const rng = createRng(seed);
    for (let run = 0; run < 100; run++) {
      const list = Array.from({ length: rng.int(0, 8) }, (_, i) => ({ boundaryMs: (i + 1) * REPLAY_CHECKPOINT_EVERY_MS, position: `${i}-0` }));
      const shuffled = [...list].sort(() => rng.next() - 0.5);
      const at = rng.int(0, 10) * REPLAY_CHECKPOINT_EVERY_MS + rng.int(-1, 1);
      const want = list.filter((c) => c.boundaryMs <= at).at(-1) ?? null;
      expect(checkpointFor(shuffled, at), `seed ${seed} run ${run}`).toEqual(want);
    }
  });

  it('boundaries fall every 6 hours of stream, strictly after', () => {
    expect(nextBoundary(0)).toBe(REPLAY_CHECKPOINT_EVERY_MS);
    expect(nextBoundary(REPLAY_CHECKPOINT_EVERY_MS)).toBe(2 * REPLAY_CHECKPOINT_EVERY_MS);
    expect(nextBoundary(REPLAY_CHECKPOINT_EVERY_MS - 1)).toBe(REPLAY_CHECKPOINT_EVERY_MS);
  });

  it('refuses a moment that is not a time, in the future or before the history, naming `at`', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(checkReplayAt('2026-12-05T21:30:00+07:00', T + 1, T - 1, iso)).toEqual({ ok: true, atMs: T });
    for (const [at, history] of [['2026-12-05 21:30', T - 1], [42, T - 1], ['2026-12-05T21:31:00+07:00', T - 1], ['2026-12-05T21:30:00+07:00', T + 5], ['2026-12-05T21:30:00+07:00', null]] as const) {
      const r = checkReplayAt(at, T + 1, history, iso);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/`at`/);
    }
  });
});
