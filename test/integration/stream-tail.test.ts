// One blocked reader for many streams (a province runs many cities): every entry reaches its
// own stream's sink, in order, once; a wipe reaches it as a reset marker; close ends the read.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { spaceKeys, type SpaceKeys } from '../../server/store/keys.ts';
import { isReset, type StreamItem } from '../../server/store/read-entries.ts';
import { startStreamTail } from '../../server/store/stream-tail.ts';
import { wipeSpace } from '../../server/store/wipe-space.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';

let redis: Redis;
beforeAll(async () => {
  redis = new Redis(inject('redisUrl'), { lazyConnect: true });
  await redis.connect();
});
afterAll(() => redis.disconnect());

it('follows 20 streams on one connection, each in order, and hands over a wipe as a reset marker', async () => {
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  const streams: SpaceKeys[] = Array.from({ length: 20 }, (_, i) => spaceKeys(prefix, `city-${i}`, 'live'));
  const got = new Map<string, StreamItem[]>(streams.map((k) => [k.stream, []]));
  const tail = startStreamTail(redis, streams.map((keys) => ({ keys, from: '0-0', sink: { onItems: (items) => got.get(keys.stream)?.push(...items), onLost: () => undefined } })));
  try {
    const seed = Date.now() % 100_000;
    const rand = mulberry32(seed);
    const sent = new Map<string, string[]>(streams.map((k) => [k.stream, []]));
    for (let n = 0; n < 400; n++) {
      const k = streams[Math.floor(rand() * streams.length)] as SpaceKeys;
      const id = await redis.xadd(k.stream, '*', 'e', JSON.stringify({ id: `e${n}` }), 'x', '{}', 'k', 'test', 'c', '[]');
      sent.get(k.stream)?.push(id as string);
    }
    const wiped = streams[0] as SpaceKeys;
    await wipeSpace(redis, wiped);
    await expect.poll(() => got.get(wiped.stream)?.some(isReset)).toBe(true);
    const positions = (k: SpaceKeys): string[] => (got.get(k.stream) ?? []).filter((i) => !isReset(i)).map((i) => i.position);
    const total = [...sent.values()].reduce((n, ids) => n + ids.length, 0);
    await expect.poll(() => streams.reduce((n, k) => n + positions(k).length, 0)).toBeGreaterThanOrEqual(total);
    for (const k of streams) expect(positions(k), `seed ${seed}, ${k.stream}`).toEqual(sent.get(k.stream));
    expect(got.get(wiped.stream)?.at(-1)).toMatchObject({ reset: true });
  } finally {
    await tail.close();
  }
});
