// The webhook outbox in Redis: notices are fanned out to per-target queues, each queue is sent
// in order by whichever process holds its lease, and a delivery leaves its queue only when it
// was answered 2xx or given up on (then it goes to the dead-letter list). Every step that moves
// a delivery is one script that first checks the item is still at the head, so two processes
// never both move it and a crash between steps loses nothing (it is sent again: receivers drop
// repeats by X-Pantau-Delivery).
import type { RedisClient } from './redis-client.ts';
import { integrationKeys, type IntegrationKeys } from './integration-keys.ts';
import type { SpaceKeys } from './keys.ts';

/** Dead letters kept (newest first). */
const DEAD_MAX = 1_000;

const FAN_OUT = `
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[1] then return 0 end
redis.call('LPOP', KEYS[1])
for i = 2, #KEYS do redis.call('RPUSH', KEYS[i], ARGV[i]) end
return 1
`;

const SETTLE = `
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[1] then return 0 end
redis.call('LPOP', KEYS[1])
redis.call('HDEL', KEYS[2], ARGV[2])
if ARGV[3] ~= '' then
  redis.call('LPUSH', KEYS[3], ARGV[3])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[4]) - 1)
end
return 1
`;

const HOLD = `
local cur = redis.call('GET', KEYS[1])
if cur == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
if cur == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export interface Tries { attempts: number; nextAtMs: number; lastError: string }

export interface WebhookOutbox {
  /** Moves the notice at the head (compared by its raw text) to the targets' queues; false if another process did. */
  fanOut(noticeRaw: string, items: readonly { target: string; item: string }[]): Promise<boolean>;
  /** Appends a delivery to a target's queue (a report: it comes from no notice). */
  enqueue(target: string, item: string): Promise<void>;
  head(target: string): Promise<string | null>;
  tries(target: string, deliveryId: string): Promise<Tries | null>;
  setTries(target: string, deliveryId: string, t: Tries): Promise<void>;
  /** Removes the head delivery (answered, or given up on with its dead letter); false if it was not the head. */
  settle(target: string, itemRaw: string, deliveryId: string, deadLetter: string | null): Promise<boolean>;
  /** Takes or extends the target's send lease for `token`; false while another holds it. */
  hold(target: string, token: string, ms: number): Promise<boolean>;
  release(target: string, token: string): Promise<void>;
  deadLetters(limit: number): Promise<{ total: number; items: string[] }>;
  depth(target: string): Promise<number>;
}

export function createWebhookOutbox(redis: RedisClient, keys: SpaceKeys): WebhookOutbox {
  const k: IntegrationKeys = integrationKeys(keys);
  return {
    async fanOut(noticeRaw, items) {
      const r = await redis.eval(FAN_OUT, 1 + items.length, k.notices, ...items.map((i) => k.queue(i.target)), noticeRaw, ...items.map((i) => i.item));
      return r === 1;
    },
    async enqueue(target, item) {
      await redis.rpush(k.queue(target), item);
    },
    head: (target) => redis.lindex(k.queue(target), 0),
    async tries(target, deliveryId) {
      const raw = await redis.hget(k.tries(target), deliveryId);
      return raw === null ? null : (JSON.parse(raw) as Tries);
    },
    async setTries(target, deliveryId, t) {
      await redis.hset(k.tries(target), deliveryId, JSON.stringify(t));
    },
    async settle(target, itemRaw, deliveryId, deadLetter) {
      const r = await redis.eval(SETTLE, 3, k.queue(target), k.tries(target), k.dead, itemRaw, deliveryId, deadLetter ?? '', String(DEAD_MAX));
      return r === 1;
    },
    async hold(target, token, ms) {
      return (await redis.eval(HOLD, 1, k.lease(target), token, String(ms))) === 1;
    },
    async release(target, token) {
      await redis.eval(RELEASE, 1, k.lease(target), token);
    },
    async deadLetters(limit) {
      const [total, items] = await Promise.all([redis.llen(k.dead), redis.lrange(k.dead, 0, limit - 1)]);
      return { total, items };
    },
    depth: (target) => redis.llen(k.queue(target)),
  };
}
