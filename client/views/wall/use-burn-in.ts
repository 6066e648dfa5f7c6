// Static elements on a 24/7 panel burn in. Every few minutes the whole layout moves a few
// pixels along a small loop; it jumps, never glides, so it is not motion to the eye.
import { useEffect, useState } from 'react';

const SHIFT_EVERY_MS = 3 * 60_000;
/** Offsets in rem: ~3 px at 1080p, ~6 px at 4K, the same fraction of the screen. */
const OFFSETS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0.2, 0.1],
  [0.1, -0.2],
  [-0.2, -0.1],
  [-0.1, 0.2],
];

export function burnInOffset(nowMs: number): readonly [number, number] {
  return OFFSETS[Math.floor(nowMs / SHIFT_EVERY_MS) % OFFSETS.length] ?? [0, 0];
}

export function useBurnInShift(): string {
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNowMs(Date.now()), SHIFT_EVERY_MS);
    return () => clearInterval(id);
  }, []);
  const [x, y] = burnInOffset(nowMs);
  return `translate(${x}rem, ${y}rem)`;
}
