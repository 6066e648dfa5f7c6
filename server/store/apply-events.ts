// Appends accepted events to a space: one EVALSHA per batch of up to APPLY_BATCH events
// (apply-batch.lua: dedupe, projection and stream append), all of a request in one pipeline
// (one round trip). Each script call is atomic, so a request cut short by a Redis failure
// leaves whole batches or none; the caller answers 503 and a retry turns the ones already
// written into duplicates.
import type { RedisClient } from './redis-client.ts';
import type { PantauEvent } from '../../shared/contract/events.ts';
import type { Enrichment } from '../domain/enrich.ts';
import type { SpaceKeys } from './keys.ts';
import { RedisUnavailableError } from './errors.ts';

export interface PreparedEvent {
  event: PantauEvent;
  enrichment: Enrichment;
}

/**
 * Events per script call: large enough that the per-call cost is spread thin (bench/ingest.ts),
 * small enough that one call holds Redis for a few tens of milliseconds at most and that its
 * arguments stay far below Lua's unpack limit.
 */
export const APPLY_BATCH = 1_000;

export type ApplyOutcome = { kind: 'accepted'; position: string } | { kind: 'duplicate' };

export interface ApplyOptions {
  principal: string;
  /** Stream entries older than this (epoch ms) may be trimmed; undefined keeps everything. */
  trimBeforeMs?: number;
  /** Replicas that must have the batch (WAIT) before it counts as written; 0 or undefined: the master alone. */
  minReplicas?: number;
  waitMs?: number;
}

export async function applyEvents(
  redis: RedisClient,
  keys: SpaceKeys,
  events: readonly PreparedEvent[],
  options: ApplyOptions,
): Promise<ApplyOutcome[]> {
  if (events.length === 0) return [];
  const minId = options.trimBeforeMs === undefined ? '' : `${Math.max(0, Math.floor(options.trimBeforeMs))}-0`;
  const pipeline = redis.pipeline();
  for (let i = 0; i < events.length; i += APPLY_BATCH) {
    const args: string[] = [];
    for (const { event, enrichment } of events.slice(i, i + APPLY_BATCH)) args.push(JSON.stringify(event), JSON.stringify(enrichment));
    pipeline.pantauApplyBatch(keys.stream, keys.all, options.principal, minId, ...args);
  }
  const minReplicas = options.minReplicas ?? 0;
  // Still one round trip: WAIT rides at the end of the same pipeline.
  if (minReplicas > 0) pipeline.wait(minReplicas, options.waitMs ?? 1_000);
  let replies: [Error | null, unknown][] | null;
  try {
    replies = await pipeline.exec();
  } catch (err) {
    throw new RedisUnavailableError(err);
  }
  if (!replies) throw new RedisUnavailableError(new Error('pipeline returned nothing'));
  if (minReplicas > 0) {
    // A batch only the master holds may vanish in a failover (the promoted replica never saw
    // it): answer 503 so the sender retries; whatever did survive comes back as duplicates.
    const [waitErr, replicated] = replies.pop() ?? [null, 0];
    if (waitErr) throw new RedisUnavailableError(waitErr);
    if (Number(replicated) < minReplicas) throw new RedisUnavailableError(new Error(`batch reached ${String(replicated)} of ${minReplicas} replicas`));
  }
  return replies.flatMap(([err, reply]) => {
    if (err) throw new RedisUnavailableError(err);
    return (reply as (string | number)[]).map((r): ApplyOutcome => (r === 0 ? { kind: 'duplicate' } : { kind: 'accepted', position: String(r) }));
  });
}
