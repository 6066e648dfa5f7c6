// Past moments (GET /api/v1/snapshot?at=): which checkpoint a moment opens from, which moments
// can be answered at all, and the numbers the replay store shares with its scripts. Pure.
import { DAY_MS, HOUR_MS } from './projection-constants.ts';

/**
 * A checkpoint every 6 hours of stream (arrival time, UTC-aligned): a moment is at most 6 hours
 * of entries from its checkpoint. bench/replay.ts measures what a fold of that much costs.
 */
export const REPLAY_CHECKPOINT_EVERY_MS = 6 * HOUR_MS;

/**
 * What a checkpoint carries besides the live sets, agents and alerts: the records of entities
 * received, reported or touched by an arriving entry in the last 2 days, and the buckets and
 * counters from then on. A snapshot at a moment reads only its own city day, which starts at
 * most 24 hours before the moment's checkpoint; the rest of the 2 days is for late events. Everything older stays out, so 140 checkpoints (35 days of stream) cost
 * about 140 × two days of records, not 140 × the whole keyspace.
 */
export const REPLAY_HORIZON_MS = 2 * DAY_MS;

/** Buckets up to a day past a boundary are carried too: an event's `at` may run a little ahead of its arrival. */
export const REPLAY_BUCKET_LEAD_MS = DAY_MS;

/**
 * A scratch space expires by itself this long after it was last written (seconds): a process
 * that dies mid-replay leaves nothing behind for long. Each use drops its space sooner.
 */
export const REPLAY_SCRATCH_TTL_S = 600;

/** A boundary is built once every entry up to it has arrived: arrival ids come from Redis's clock, so a little slack. */
export const REPLAY_BOUNDARY_SETTLE_MS = 10_000;

/** The first checkpoint boundary strictly after `ms`. */
export function nextBoundary(ms: number): number {
  return (Math.floor(ms / REPLAY_CHECKPOINT_EVERY_MS) + 1) * REPLAY_CHECKPOINT_EVERY_MS;
}

export interface Checkpoint {
  /** The moment the state is at (epoch ms): every entry that arrived before it is in. */
  boundaryMs: number;
  /** The stream id of the last entry in it ('0-0' for the empty state before the stream). */
  position: string;
}

/** The latest checkpoint at or before `atMs`, or null. */
export function checkpointFor(checkpoints: readonly Checkpoint[], atMs: number): Checkpoint | null {
  let best: Checkpoint | null = null;
  for (const c of checkpoints) if (c.boundaryMs <= atMs && (best === null || c.boundaryMs > best.boundaryMs)) best = c;
  return best;
}

export type AtCheck = { ok: true; atMs: number } | { ok: false; message: string };

/**
 * Whether a moment can be answered: an ISO-8601 time with an offset, not in the future, and not
 * before the history the stream and the checkpoints still hold (`historyFromMs`, null: none).
 */
export function checkReplayAt(at: unknown, nowMs: number, historyFromMs: number | null, iso: (ms: number) => string): AtCheck {
  if (typeof at !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(at)) {
    return { ok: false, message: '`at` must be an ISO-8601 time with an offset, e.g. 2026-12-05T21:30:00+07:00' };
  }
  const atMs = Date.parse(at);
  if (!Number.isFinite(atMs)) return { ok: false, message: '`at` is not a valid time' };
  if (atMs > nowMs) return { ok: false, message: `\`at\` is in the future (now is ${iso(nowMs)})` };
  if (historyFromMs === null) return { ok: false, message: '`at`: this space has no history to replay yet' };
  if (atMs < historyFromMs) return { ok: false, message: `\`at\` is before the stream's retained history, which starts at ${iso(historyFromMs)}` };
  return { ok: true, atMs };
}
