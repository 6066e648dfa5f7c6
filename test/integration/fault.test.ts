// Durability under faults (issue 9, point 1): a steady ingest load of ~1,000 events/s from a
// client that retries with the same ids, while the test SIGKILLs its own redis-server (AOF,
// appendfsync always) 20 times and the Pantau server process 5 times, restarting each. After:
// every acknowledged event is in the stream exactly once, retries were answered as
// duplicates, and the derived state equals a rebuild from the stream.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.ts';
import { connectRedis, type RedisHandle } from '../../server/store/connect.ts';
import { spaceKeys } from '../../server/store/keys.ts';
import { rebuildSpace } from '../../server/store/rebuild.ts';
import { createEventSource } from '../support/fault-events.ts';
import { startLoad, type Load } from '../support/fault-load.ts';
import { PantauUnderTest, RedisUnderTest } from '../support/fault-processes.ts';
import { derivedState, streamCensus } from '../support/fault-state.ts';
import { makeCallReceived } from '../support/factories.ts';
import { freePort } from '../support/redis-process.ts';
import { waitFor } from '../support/wait.ts';

const REDIS_KILLS = 20;
const SERVER_KILLS = 5;
const KEY = 'fault-ingest-key-0001';

let dir: string | undefined;
let redis: RedisUnderTest | undefined;
let server: PantauUnderTest | undefined;
let load: Load | undefined;
let handle: RedisHandle | undefined;

afterAll(async () => {
  await load?.stop().catch(() => undefined);
  await server?.stop();
  await handle?.close();
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function status(url: string, init?: RequestInit): Promise<{ status: number; retryAfter: string | null; body: string }> {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() };
}

describe('durability under Redis and server kills', () => {
  it('keeps every acknowledged event exactly once and the derived state equal to a rebuild', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pantau-fault-'));
    redis = new RedisUnderTest(await freePort(), dir, 'always');
    await redis.start();
    const prefix = `fault-${randomUUID().slice(0, 8)}`;
    server = new PantauUnderTest({
      REDIS_URL: redis.url,
      PORT: String(await freePort()),
      PANTAU_KEY_PREFIX: prefix,
      PANTAU_INGEST_KEYS: `fault:${KEY}`,
      // The load is 20 requests/s from one key: above the default budget, which is not under test here.
      PANTAU_INGEST_RATE_PER_MIN: '1000000',
      PANTAU_CITY: 'kota-tangerang',
    });
    await server.start();
    const url = server.url;
    const running = startLoad({ url, key: KEY, eventsPerSecond: 1_000, batchSize: 50, workers: 6, nextEvents: createEventSource(20_261_123, prefix) });
    const srv = server;
    load = running;
    const outage: { ingest: number; retryAfter: string | null; readyz: number }[] = [];
    const t0 = performance.now();
    // Progress or a reason: a crashed server or a stuck load fails here, naming what it saw.
    const progress = async (more: number): Promise<void> => {
      let timer: NodeJS.Timeout | undefined;
      const target = running.stats.acked.size + more;
      await Promise.race([
        running.ackedAtLeast(target),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(
            `no progress to ${target} acknowledged events in 90 s: ${JSON.stringify({ ...running.stats, acked: running.stats.acked.size })}; ` +
              `server exits ${JSON.stringify(srv.unexpectedExits)}; last output ${srv.output.slice(-5).join('\n')}`,
          )), 90_000);
        }),
      ]).finally(() => clearTimeout(timer));
    };

    for (let cycle = 0; redis.kills < REDIS_KILLS || server.kills < SERVER_KILLS; cycle++) {
      // Ingest must be flowing again before the next fault: a fault on a stalled system proves little.
      await progress(300);
      if (server.kills < SERVER_KILLS && (cycle % 5 === 4 || redis.kills >= REDIS_KILLS)) {
        await server.kill();
        await server.start();
        continue;
      }
      await redis.kill();
      const ready = await waitFor(async () => {
        const r = await status(`${url}/readyz`);
        return r.status === 503 ? r : null;
      }, { what: '/readyz to say not ready while Redis is down' });
      const probe = await status(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(makeCallReceived({ source: 'fault-probe' })),
      });
      outage.push({ ingest: probe.status, retryAfter: probe.retryAfter, readyz: ready.status });
      await redis.start();
      await waitFor(async () => (await status(`${url}/readyz`)).status === 200, { what: '/readyz after Redis restarted', timeoutMs: 30_000 });
    }
    await progress(300);
    await load.stop();
    const seconds = (performance.now() - t0) / 1000;
    await server.stop();

    const stats = load.stats;
    expect(server.unexpectedExits).toEqual([]);
    expect(stats.unexpected).toEqual([]);
    expect(stats.status503WithoutRetryAfter).toBe(0);
    expect(outage).toHaveLength(REDIS_KILLS);
    for (const o of outage) expect(o).toMatchObject({ ingest: 503, readyz: 503, retryAfter: expect.stringMatching(/^\d+$/) });

    handle = await connectRedis(redis.url, createLogger('silent'));
    const keys = spaceKeys(prefix, 'kota-tangerang', 'live');
    const census = await streamCensus(handle.redis, keys);
    const inStream = [...stats.acked].filter((id) => census.counts.get(`fault-load\u0000${id}`) === 1).length;
    expect(inStream).toBe(stats.acked.size);
    expect(census.duplicates).toBe(0);
    // Nothing but acknowledged events: the probes sent while Redis was down never landed.
    // Besides them only Pantau's own events (the app-alert job raises alerts through the stream).
    const others = [...census.bySource].filter(([k]) => !k.startsWith('fault-load '));
    expect(others.filter(([k]) => !k.startsWith('pantau-'))).toEqual([]);
    const own = others.reduce((n, [, c]) => n + c, 0);
    expect(census.entries).toBe(stats.acked.size + own);
    expect(stats.acked.size).toBe(stats.generated);

    // Never double counts: the per-day event counters and the app buckets add up to the stream.
    const dayCounters = await handle.redis.keys(`${keys.eventsPerDayPrefix}*`);
    const counted = (await Promise.all(dayCounters.map((k) => handle!.redis.get(k)))).reduce((s, v) => s + Number(v ?? 0), 0);
    expect(counted).toBe(census.entries);
    const dayBuckets = await handle.redis.keys(`${keys.appsPrefix}d:*`);
    let appCount = 0;
    for (const k of dayBuckets) for (const v of Object.values(await handle.redis.hgetall(k))) appCount += Number(v);
    expect(appCount).toBe(stats.ackedAppCount);

    const before = await derivedState(handle.redis, keys);
    const rebuilt = await rebuildSpace(handle.redis, keys);
    expect(rebuilt.entries).toBe(census.entries);
    const after = await derivedState(handle.redis, keys);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    // Named keys first: a diff of 16,000 keys says nothing.
    const differing = Object.keys(before).filter((k) => !isDeepStrictEqual(before[k], after[k]));
    expect(differing.slice(0, 5).map((k) => ({ key: k, before: before[k], after: after[k] }))).toEqual([]);
    expect(after).toEqual(before);

    console.log(
      `fault: acknowledged ${stats.acked.size}, in stream ${inStream}, duplicates ${census.duplicates}, state equals rebuild, ` +
        `redis kills ${redis.kills}, server kills ${server.kills} ` +
        `(${seconds.toFixed(0)} s, ${(stats.acked.size / seconds).toFixed(0)} events/s, ${stats.retries} retries answered ${stats.duplicates} duplicates ` +
        `(+${stats.firstTryDuplicates} on first tries resent by ioredis), ` +
        `${stats.status503} × 503, ${stats.networkErrors} network errors, ${own} events of Pantau's own, ${Object.keys(before).length} derived keys)`,
    );
  }, 300_000);
});
