// The changes of the most recent stream entries, so that a client that reconnects with its
// last position is brought up to date from memory instead of from Redis.
import type { Change } from '../../shared/contract/views.ts';
import { comparePositions } from '../../shared/contract/position.ts';

interface RingEntry { position: string; changes: readonly Change[] }

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

  /** The changes after `from` up to `current`, or null when memory does not reach back to `from`. */
  since(from: string, current: string): Change[] | null {
    if (comparePositions(from, current) > 0 || comparePositions(from, this.base) < 0) return null;
    const out: Change[] = [];
    for (const e of this.entries) if (comparePositions(e.position, from) > 0) out.push(...e.changes);
    return out;
  }
}
