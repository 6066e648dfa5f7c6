// One shared one-second clock for every timer on a page. A wall shows dozens of ticking waits:
// one interval and one store update per second, instead of one interval per timer, keeps them
// in step (they all turn over together) and keeps the main thread quiet.
import { useSyncExternalStore } from 'react';

let nowMs = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

function tick(): void {
  nowMs = Date.now();
  for (const l of listeners) l();
  // Aligned to the start of each second so clocks and timers turn over when the second does.
  timer = setTimeout(tick, 1000 - (nowMs % 1000) + 5);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    nowMs = Date.now();
    timer = setTimeout(tick, 1000 - (nowMs % 1000) + 5);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  };
}

const read = (): number => nowMs;

/** Milliseconds since the epoch, updated once a second for every subscriber at once. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, read, read);
}
