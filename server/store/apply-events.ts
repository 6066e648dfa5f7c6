// Appends accepted events to a space: one EVALSHA per event, all of a request in one
// pipeline (one round trip per batch). Each event is atomic on its own, so a batch cut short
// by a Redis failure leaves whole events or none; the caller answers 503 and a retry turns
// the ones already written into duplicates.
import type { Redis } from 'ioredis';
import type { PantauEvent } from '../../shared/contract/events.ts';
import type { Enrichment } from '../domain/enrich.ts';
import { dedupeDay } from '../domain/enrich.ts';
import type { SpaceKeys } from './keys.ts';
import { RedisUnavailableError } from './errors.ts';
import { DEDUPE_TTL_SECONDS } from '../domain/projection-constants.ts';

export interface PreparedEvent {
  event: PantauEvent;
  enrichment: Enrichment;
}

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
  redis: Redis,
  keys: SpaceKeys,
  events: readonly PreparedEvent[],
  options: ApplyOptions,
): Promise<ApplyOutcome[]> {
  if (events.length === 0) return [];
  const minId = options.trimBeforeMs === undefined ? '' : `${Math.max(0, Math.floor(options.trimBeforeMs))}-0`;
  const pipeline = redis.pipeline();
  for (const { event, enrichment } of events) {
    pipeline.pantauApplyEvent(
      keys.stream,
      `${keys.dedupePrefix}${dedupeDay(enrichment.atMs)}`,
      keys.all,
      JSON.stringify(event),
      JSON.stringify(enrichment),
      options.principal,
      `${event.source}\u0000${event.id}`,
      DEDUPE_TTL_SECONDS,
      minId,
    );
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
  return replies.map(([err, reply]) => {
    if (err) throw new RedisUnavailableError(err);
    return reply === 0 ? { kind: 'duplicate' } : { kind: 'accepted', position: String(reply) };
  });
}
