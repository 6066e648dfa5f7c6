// The demo simulator's Redis side (store/demo-sim-store.ts), as two server processes see it on
// one real Redis: one lease holder at a time, a hand-over when it lets go, the holder's
// status readable by the other, and a command published by either reaching the subscribers.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { connectRedis, type RedisHandle } from '../../server/store/connect.ts';
import { createDemoSimStore, type DemoSimStore } from '../../server/store/demo-sim-store.ts';
import { spaceKeys } from '../../server/store/keys.ts';
import { waitFor } from '../support/wait.ts';

const handles: RedisHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

/** One "process": its own connections, the same keys as the others of its prefix. */
async function processStore(prefix: string): Promise<DemoSimStore> {
  const handle = await connectRedis(inject('redisUrl'), createLogger('silent'));
  handles.push(handle);
  return createDemoSimStore(handle.redis, handle.duplicate(), spaceKeys(prefix, 'kota-tangerang', 'demo'));
}

describe('demo simulator store', () => {
  it('lets one process hold the lease, hands it over when released, and shares the status', async () => {
    const prefix = `t-${randomUUID()}`;
    const [a, b] = await Promise.all([processStore(prefix), processStore(prefix)]);

    expect(await a.holdSimLease('a', 10_000)).toBe(true);
    expect(await b.holdSimLease('b', 10_000)).toBe(false);
    expect(await a.holdSimLease('a', 10_000)).toBe(true); // renewal by the holder
    // Only the holder can release: b's release leaves a's lease in place.
    await b.releaseSimLease('b');
    expect(await b.holdSimLease('b', 10_000)).toBe(false);
    await a.releaseSimLease('a');
    expect(await b.holdSimLease('b', 10_000)).toBe(true);
    expect(await a.holdSimLease('a', 10_000)).toBe(false);

    expect(await a.readSimStatus()).toBeNull();
    await b.writeSimStatus('{"speed":10}', 10_000);
    expect(await a.readSimStatus()).toBe('{"speed":10}');
  });

  it('carries a command from any process to every subscriber, and only its own space', async () => {
    const prefix = `t-${randomUUID()}`;
    const [holder, other, elsewhere] = await Promise.all([processStore(prefix), processStore(prefix), processStore(`t-${randomUUID()}`)]);
    const got: string[] = [];
    const strayed: string[] = [];
    await holder.subscribeSimCommands((c) => got.push(c));
    await elsewhere.subscribeSimCommands((c) => strayed.push(c));

    await other.publishSimCommand('{"kind":"reset"}');
    await holder.publishSimCommand('{"kind":"speed","speed":5}');
    await waitFor(() => got.length === 2, { what: 'both commands at the subscriber' });
    expect(got).toEqual(['{"kind":"reset"}', '{"kind":"speed","speed":5}']);

    await holder.unsubscribeSimCommands();
    await other.publishSimCommand('{"kind":"reset"}');
    // A marker through another subscriber of the same channel shows the publish was delivered.
    const marker: string[] = [];
    await other.subscribeSimCommands((c) => marker.push(c));
    await holder.publishSimCommand('after');
    await waitFor(() => marker.includes('after'), { what: 'the marker command' });
    expect(got).toHaveLength(2);
    expect(strayed).toEqual([]);
  });

  it('tells the time of the newest demo event (none while the space is empty)', async () => {
    const prefix = `t-${randomUUID()}`;
    const store = await processStore(prefix);
    expect(await store.newestEventMs()).toBeNull();
    const handle = handles[0];
    if (!handle) throw new Error('no connection');
    await handle.redis.xadd(spaceKeys(prefix, 'kota-tangerang', 'demo').stream, '1700000000000-0', 'e', '{}');
    expect(await store.newestEventMs()).toBe(1_700_000_000_000);
  });
});
