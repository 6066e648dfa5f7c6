// Real-Redis helpers for projection tests: a fresh city-space per call, events applied through
// the real write path (applyEvents, the pipelined Lua), and a dump of every derived key.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { Disposition, Line, PantauEvent } from '../../shared/contract/events.ts';
import { addTotals, parseCallRecord, type CallRecord, type CallTotals } from '../../server/domain/call-record.ts';
import { readContributions } from '../../server/store/read-calls.ts';
import { enrichEvent } from '../../server/domain/enrich.ts';
import { applyEvents } from '../../server/store/apply-events.ts';
import { derivedKeyPatterns, globLiteral, spaceKeys, type SpaceKeys } from '../../server/store/keys.ts';
import { defineScripts } from '../../server/store/scripts.ts';
import { scanKeys, type RedisClient } from '../../server/store/redis-client.ts';

export const TZ = 'Asia/Jakarta';

export function connectTestRedis(): Redis {
  return defineScripts(new Redis(inject('redisUrl'), { lazyConnect: false }));
}

export function freshKeys(city = 'kota-test'): SpaceKeys {
  return spaceKeys(`p-${randomUUID().slice(0, 8)}`, city, 'live');
}

/** Applies events in the given order, `split` events per pipelined batch. */
export async function applyInOrder(redis: Redis, keys: SpaceKeys, events: readonly PantauEvent[], batches: readonly number[] = [events.length]): Promise<void> {
  let i = 0;
  for (const n of batches) {
    const batch = events.slice(i, i + n).map((event) => ({ event, enrichment: enrichEvent(event, TZ, () => null) }));
    i += n;
    if (batch.length > 0) await applyEvents(redis, keys, batch, { principal: 'test' });
  }
  if (i < events.length) throw new Error('batches do not cover the events');
}

/**
 * Every derived key of the space (keys.ts derivedKeyPatterns), with its content (hashes,
 * zsets with scores, sets sorted, strings), under names relative to the space.
 */
export async function dumpDerived(redis: RedisClient, keys: SpaceKeys): Promise<Record<string, unknown>> {
  // The derived keys as the store defines them (what a rebuild clears): not the stream, the
  // dedupe, or bookkeeping of when something was noticed (the integrations' notes).
  const names: string[] = [];
  for (const pattern of derivedKeyPatterns(keys)) {
    if (!pattern.endsWith('*')) {
      if ((await redis.exists(pattern)) === 1) names.push(pattern);
      continue;
    }
    for await (const found of scanKeys(redis, `${globLiteral(pattern.slice(0, -1))}*`)) names.push(...found);
  }
  const out: Record<string, unknown> = {};
  for (const k of [...new Set(names)].sort()) {
    const type = await redis.type(k);
    const name = k.slice(keys.all.length);
    if (type === 'hash') out[name] = Object.fromEntries(Object.entries(await redis.hgetall(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    else if (type === 'zset') out[name] = await redis.zrange(k, 0, -1, 'WITHSCORES');
    else if (type === 'set') out[name] = (await redis.smembers(k)).sort();
    else if (type === 'string') out[name] = await redis.get(k);
    else out[name] = `<${type}>`;
  }
  return out;
}

/** A call described by its times, as tests of the KPI rules state it. */
export interface CallSpec {
  callId?: string;
  line?: Line;
  receivedAtMs?: number | null;
  answeredAtMs?: number | null;
  agentId?: string;
  abandonedAtMs?: number | null;
  endedAtMs?: number | null;
  expiredAtMs?: number | null;
  disposition?: Disposition;
}

let specSeq = 0;

/** The events that make a call of that description (a disposition rides on its end, or a late one). */
export function callSpecEvents(spec: CallSpec): PantauEvent[] {
  const callId = spec.callId ?? `spec-${specSeq++}`;
  const base = (kind: string, ms: number) => ({ id: `${callId}:${kind}`, at: new Date(ms).toISOString(), source: 'spec' });
  const out: PantauEvent[] = [];
  if (spec.receivedAtMs != null) out.push({ ...base('r', spec.receivedAtMs), type: 'call.received', callId, line: spec.line ?? '112' });
  if (spec.answeredAtMs != null) out.push({ ...base('a', spec.answeredAtMs), type: 'call.answered', callId, agentId: spec.agentId ?? 'A1' });
  if (spec.abandonedAtMs != null) out.push({ ...base('x', spec.abandonedAtMs), type: 'call.abandoned', callId });
  if (spec.expiredAtMs != null) out.push({ ...base('t', spec.expiredAtMs), type: 'call.expired', callId });
  const endMs = spec.endedAtMs ?? (spec.disposition !== undefined ? Math.max(spec.receivedAtMs ?? 0, spec.answeredAtMs ?? 0, spec.abandonedAtMs ?? 0) + 1 : null);
  if (endMs !== null) out.push({ ...base('e', endMs), type: 'call.ended', callId, ...(spec.disposition ? { disposition: spec.disposition } : {}) });
  return out;
}

/** The calls' summed KPI contributions (both lines), as the projection and read-call-totals.lua count them. */
export async function totalsOfCalls(redis: Redis, specs: readonly CallSpec[], window?: { fromMs: number; toMs: number }): Promise<CallTotals> {
  const keys = freshKeys();
  await applyInOrder(redis, keys, specs.flatMap(callSpecEvents));
  const byLine = await readContributions(redis, keys, window?.fromMs ?? 0, window?.toMs ?? 8.64e15, '');
  return addTotals(byLine['112'], byLine['119']);
}

/** The call record the projection stores for these events. */
export async function projectedCall(redis: Redis, callId: string, events: readonly PantauEvent[]): Promise<CallRecord> {
  const keys = freshKeys();
  await applyInOrder(redis, keys, events);
  return parseCallRecord(callId, await redis.hgetall(`${keys.callPrefix}${callId}`));
}
