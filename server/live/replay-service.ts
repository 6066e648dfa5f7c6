// The snapshot as the wall showed it at a past moment (GET /api/v1/snapshot?at=). The state
// comes from a scratch space folded up to the moment with the one projection (store/replay-store.ts),
// and the snapshot is made from it by a SpaceFeed whose clock stands at the moment: the same
// readers, the same today's KPIs and apps summary, the same role redaction and JSON as the live
// snapshot, because it is the same code. Read-only: it writes only its scratch spaces.
//
// A wall replaying at 60× asks for a moment a few seconds of stream after the last one: a scratch
// space left at the last moment is folded forward rather than opened again (the pool), which is
// what makes stepping `snapshot?at` cheap enough to play a past day forward.
import type { Role, Space } from '../../shared/contract/views.ts';
import { comparePositions } from '../../shared/contract/position.ts';
import { checkpointFor, checkReplayAt, REPLAY_SCRATCH_TTL_S } from '../domain/replay-window.ts';
import { toIsoWithOffset } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { ReplayScratch, ReplayStore } from '../store/replay-store.ts';
import { SpaceFeed } from './space-feed.ts';

/** Idle scratch spaces kept per space for the next step of a replay, and for how long. */
const POOL_SIZE = 4;
const POOL_IDLE_MS = 60_000;
/** A space is reused only well within the TTL of the keys it was opened with (they expire as a whole). */
const POOL_MAX_AGE_MS = (REPLAY_SCRATCH_TTL_S * 1_000) / 2;

export interface ReplayServiceDeps {
  stores: Record<Space, ReplayStore>;
  city: { id: string; name: string; timezone: string };
  clock: () => number;
  log: Logger;
  metrics: Metrics;
}

/** Where a moment's state was folded from: a checkpoint (its boundary), the stream's start, or a space left at an earlier moment. */
export type ReplayFrom = { kind: 'checkpoint'; boundaryMs: number } | { kind: 'stream-start' } | { kind: 'earlier-moment'; position: string };

export interface PastSnapshot {
  position: string;
  from: ReplayFrom;
  json(role: Role): string;
  gzip(role: Role): Buffer;
}

export type PastAnswer = { ok: true; snapshot: PastSnapshot } | { ok: false; message: string };

/** Times on the process's monotonic clock (performance.now), not the injected one: they guard Redis TTLs. */
interface Pooled { scratch: ReplayScratch; bornAt: number; idleSince: number }

export class ReplayService {
  private readonly pools = new Map<Space, Pooled[]>();

  constructor(private readonly deps: ReplayServiceDeps) {}

  /** The snapshot at `at` (checked: ISO-8601, not future, within the history), or why not. */
  async snapshotAt(space: Space, at: unknown, opts: { reuse?: boolean } = {}): Promise<PastAnswer> {
    const store = this.deps.stores[space];
    const now = this.deps.clock();
    const iso = (ms: number): string => toIsoWithOffset(ms, this.deps.city.timezone);
    let historyFrom = await store.historyFromMs();
    if (historyFrom === null) {
      // A stream that lost its start (retention, a demo reset) and has no checkpoint yet: the
      // first one is the live state as it is now (the job would make it within the hour).
      await store.advanceCheckpoints(now);
      historyFrom = await store.historyFromMs();
    }
    const check = checkReplayAt(at, now, historyFrom, iso);
    if (!check.ok) return check;
    const atMs = check.atMs;
    const position = await store.positionAt(atMs);
    const checkpoint = checkpointFor(await usableCheckpoints(store, historyFrom), atMs);
    const floor = checkpoint?.position ?? '0-0';
    let from: ReplayFrom = checkpoint ? { kind: 'checkpoint', boundaryMs: checkpoint.boundaryMs } : { kind: 'stream-start' };
    const reused = opts.reuse === false ? null : this.take(space, floor, position);
    if (reused) from = { kind: 'earlier-moment', position: reused.scratch.position };
    const bornAt = reused?.bornAt ?? performance.now();
    const scratch = reused?.scratch ?? (await store.open(checkpoint));
    let keep = false;
    try {
      await store.foldTo(scratch, position);
      const readers = store.readers(scratch);
      const feed = new SpaceFeed({
        store: {
          readState: readers.readState,
          readIncidentRecords: readers.readIncidentRecords,
          // A past moment is read once, never tailed or resumed.
          readItemsAfter: () => Promise.resolve([]),
          isResumable: () => Promise.resolve(false),
          alertExists: () => Promise.resolve(false),
        },
        space,
        city: this.deps.city,
        clock: () => atMs,
        batchMs: 1_000,
        log: this.deps.log,
        metrics: this.deps.metrics,
        readKpis: readers.readKpis,
        readApps: readers.readApps,
      });
      await feed.start();
      feed.stop();
      keep = opts.reuse !== false;
      return { ok: true, snapshot: { position, from, json: (role) => feed.snapshotJson(role), gzip: (role) => feed.snapshotGzip(role) } };
    } finally {
      if (keep) this.give(space, scratch, bornAt);
      else await store.drop(scratch);
    }
  }

  /** Drops every pooled scratch space (at shutdown; they would expire anyway). */
  async close(): Promise<void> {
    for (const [space, pool] of this.pools) {
      for (const p of pool.splice(0)) await this.deps.stores[space].drop(p.scratch);
    }
  }

  /** A pooled space between the checkpoint's position and the moment's: folding it forward is less work than opening. */
  private take(space: Space, floor: string, position: string): Pooled | null {
    const pool = this.pools.get(space) ?? [];
    const now = performance.now();
    let best = -1;
    pool.forEach((p, i) => {
      const s = p.scratch.position;
      if (now - p.bornAt < POOL_MAX_AGE_MS && comparePositions(s, floor) >= 0 && comparePositions(s, position) <= 0 && (best < 0 || comparePositions(s, pool[best]?.scratch.position ?? '0-0') > 0)) best = i;
    });
    if (best < 0) return null;
    const [hit] = pool.splice(best, 1);
    return hit ?? null;
  }

  private give(space: Space, scratch: ReplayScratch, bornAt: number): void {
    const now = performance.now();
    const pool = this.pools.get(space) ?? [];
    pool.push({ scratch, bornAt, idleSince: now });
    const stale = pool.filter((p, i) => now - p.idleSince > POOL_IDLE_MS || now - p.bornAt >= POOL_MAX_AGE_MS || i < pool.length - POOL_SIZE);
    this.pools.set(space, pool.filter((p) => !stale.includes(p)));
    for (const p of stale) {
      this.deps.stores[space].drop(p.scratch).catch((err: unknown) => this.deps.log.warn({ mod: 'replay', err: String(err) }, 'scratch drop failed'));
    }
  }
}

/** The checkpoints a fold may start from: those at or after the oldest answerable moment. */
async function usableCheckpoints(store: ReplayStore, historyFromMs: number | null): Promise<{ boundaryMs: number; position: string }[]> {
  const all = await store.checkpoints();
  return historyFromMs === null ? [] : all.filter((c) => c.boundaryMs >= historyFromMs);
}
