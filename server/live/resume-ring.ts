// The changes of the most recent stream entries, so that a client that reconnects with its
// last position is brought up to date from memory instead of from Redis.
import type { Change } from '../../shared/contract/views.ts';
import { comparePositions } from '../../shared/contract/position.ts';

interface RingEntry { position: string; changes: readonly Change[] }

/** How a position relates to memory (see `since`). */
export type RingAnswer =
  | { kind: 'changes'; changes: Change[] }
  /** More than `maxEntries` behind: memory alone tells, no Redis read needed. */
  | { kind: 'far' }
  /** Older than memory, which holds fewer than `maxEntries`: `missing` entries at most may bridge it. */
  | { kind: 'older'; missing: number };

export class ResumeRing {
  private entries: RingEntry[] = [];
  /** The position the ring starts after: a client at base or later can resume from memory. */
  private base = '0-0';

  constructor(private readonly max: number) {}

  /** Forgets everything: memory now starts at `base` (a load). */
  reset(base: string): void {
    this.entries = [];
    this.base = base;
  }

  push(position: string, changes: readonly Change[]): void {
    this.entries.push({ position, changes });
  }

  /** Keeps the newest `max` entries (called once per window, not per entry). */
  trim(): void {
    if (this.entries.length <= this.max) return;
    const drop = this.entries.length - this.max;
    this.base = this.entries[drop - 1]?.position ?? this.base;
    this.entries = this.entries.slice(drop);
  }

  /**
   * The changes after `from` up to `current` when `from` is at most `maxEntries` entries behind,
   * else whether it is far or merely older than memory. Finds `from` by bisection, so a far
   * position costs no walk over the ring.
   */
  since(from: string, current: string, maxEntries: number): RingAnswer | null {
    if (comparePositions(from, current) > 0) return null;
    if (comparePositions(from, this.base) < 0) {
      return this.entries.length >= maxEntries ? { kind: 'far' } : { kind: 'older', missing: maxEntries - this.entries.length };
    }
    const first = this.firstAfter(from);
    if (this.entries.length - first > maxEntries) return { kind: 'far' };
    const out: Change[] = [];
    for (let i = first; i < this.entries.length; i++) out.push(...(this.entries[i]?.changes ?? []));
    return { kind: 'changes', changes: out };
  }

  /** The index of the first entry after `from` (entries are in stream order). */
  private firstAfter(from: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (comparePositions(this.entries[mid]?.position ?? '0-0', from) > 0) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
