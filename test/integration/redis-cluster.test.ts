// Pantau on a real Redis Cluster (REDIS_URL=redis-cluster://…): three masters with one replica
// each (test/support/redis-cluster.ts), the eight kab/kota of Banten each served by its own
// Pantau app, all under the production prefix `pantau`. Shows that every city-space lives on one
// master and the cities spread over all three, that no city sees another's events, that clients
// on two Pantau processes of a city both get every delta, and that a master killed with
// `kill -9` during ingest loses no acknowledged event (ingest waits for a replica, WAIT 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityProfile } from '../../server/city/city-profile.ts';
import { loadCityProfile } from '../../server/city/load-profile.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
import { streamCensus } from '../support/fault-state.ts';
import { startLiveClient, type LiveClient } from '../support/fault-live-client.ts';
import { startRedisCluster, type TestCluster } from '../support/redis-cluster.ts';
import { connectRedis } from '../../server/store/connect.ts';
import { applyEvents } from '../../server/store/apply-events.ts';
import { createDemoSimStore } from '../../server/store/demo-sim-store.ts';
import { spaceKeys } from '../../server/store/keys.ts';
import { rateLimitCommandSender } from '../../server/store/rate-limit-commands.ts';
import { rebuildSpace } from '../../server/store/rebuild.ts';
import { scanKeys } from '../../server/store/redis-client.ts';
import { enrichEvent } from '../../server/domain/enrich.ts';
import { createLogger } from '../../server/log.ts';
import { derivedState } from '../support/fault-state.ts';

// The real ids of Banten's kab/kota (design.md: the generator's kebab-case). Under `pantau`
// their live spaces hash to slots on all three masters of a fresh cluster (1, 2 and 5 of them);
// the test asserts that spread rather than assuming it.
const CITY_IDS = [
  'kota-serang', 'kota-cilegon', 'kota-tangerang', 'kota-tangerang-selatan',
  'kabupaten-serang', 'kabupaten-tangerang', 'kabupaten-lebak', 'kabupaten-pandeglang',
] as const;
const PREFIX = 'pantau';

interface SnapshotCalls { calls: { waiting: { callId: string }[] } }

let cluster: TestCluster;
let base: CityProfile;
/** Per city, the first process (A); the two-process test adds a second (B). */
const apps = new Map<string, TestApp>();
const second = new Map<string, TestApp>();

/** A city of its own for each id: the bundled profile's map and catalog, another id and name. */
function cityOf(id: string): CityProfile {
  return { ...base, profile: { ...base.profile, id, name: id.replace(/-/g, ' ') } };
}

function startCity(id: string, env: Record<string, string> = {}): Promise<TestApp> {
  // WAIT 1: a batch counts as written once a replica holds it, so a failover cannot lose it.
  return startApp(
    // The rate limit is shown on its own below; here the senders must never wait for it.
    { PANTAU_REDIS_MIN_REPLICAS: '1', PANTAU_REDIS_WAIT_MS: '1000', PANTAU_INGEST_RATE_PER_MIN: '1000000', ...env },
    { redisUrl: cluster.url, keyPrefix: PREFIX, city: cityOf(id), alertDetectors: false },
  );
}

function app(id: string): TestApp {
  const a = apps.get(id);
  if (!a) throw new Error(`no app for ${id}`);
  return a;
}

async function waitingIds(a: TestApp): Promise<string[]> {
  const snap = (await a.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as SnapshotCalls;
  return snap.calls.waiting.map((c) => c.callId).sort();
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Posts until accepted (200), as a sender that retries a 503 with the same ids does. */
async function postUntilAccepted(a: TestApp, events: unknown[]): Promise<void> {
  await until('the batch is accepted', async () => (await a.post('/api/v1/events', events)).status, (s) => s === 200, 60_000);
}

beforeAll(async () => {
  cluster = await startRedisCluster();
  base = await loadCityProfile('kota-tangerang');
  for (const id of CITY_IDS) apps.set(id, await startCity(id));
}, 120_000);

afterAll(async () => {
  await Promise.allSettled([...apps.values(), ...second.values()].map((a) => a.close()));
  await cluster?.stop();
});

describe('Redis Cluster', () => {
  it('eight cities ingest at once, each on one master, spread over all three, none seeing another', async () => {
    const posted = new Map<string, string[]>();
    await Promise.all(CITY_IDS.map(async (id) => {
      const events = Array.from({ length: 40 }, () => makeCallReceived({ source: 'cluster-test' }));
      posted.set(id, events.map((e) => e.callId).sort());
      for (let i = 0; i < events.length; i += 10) await postUntilAccepted(app(id), events.slice(i, i + 10));
    }));

    const mastersUsed = new Set<string>();
    for (const id of CITY_IDS) {
      const a = app(id);
      const keys = a.keys('live');
      // Its own calls and nobody else's, on the wall and in the stream.
      expect(await until(`${id} shows its calls`, () => waitingIds(a), (v) => v.length >= 40)).toEqual(posted.get(id));
      const census = await streamCensus(a.redis.redis, keys);
      expect(census.entries).toBe(40);

      // Every key of the space is on the master of the space's slot, and on no other master.
      const slot = await cluster.keyslot(keys.tag);
      const owner = await cluster.masterOf(slot);
      mastersUsed.add(owner.id);
      const masters = (await cluster.nodes()).filter((n) => n.role === 'master' && !n.failed);
      for (const m of masters) {
        const found: string[] = [];
        for await (const batch of scanKeys(cluster.node(m.port), `${keys.tag}*`)) found.push(...batch);
        if (m.id === owner.id) {
          expect(found).toContain(keys.stream);
          for (const k of found) expect(await cluster.keyslot(k)).toBe(slot);
        } else {
          expect(found).toEqual([]);
        }
      }
    }
    expect(mastersUsed.size).toBe(3);
  });

  it('clients on two Pantau processes of each city both receive every delta', async () => {
    for (const id of CITY_IDS) second.set(id, await startCity(id));
    const clients: { id: string; client: LiveClient }[] = [];
    for (const id of CITY_IDS) {
      for (const a of [app(id), second.get(id)]) if (a) clients.push({ id, client: startLiveClient(a.url, OPERATOR_TOKEN) });
    }
    try {
      await until('every client has its snapshot', async () => clients.every((c) => c.client.stats.snapshots > 0), (ok) => ok);
      const before = new Map(clients.map((c) => [c.client, c.client.stats.deltas]));
      // Half the cities post to their first process, half to their second: each client must see
      // the events ingested on the other process too.
      const expected = new Map<string, string[]>();
      await Promise.all(CITY_IDS.map(async (id, i) => {
        const events = Array.from({ length: 5 }, () => makeCallReceived({ source: 'cluster-fanout' }));
        expected.set(id, events.map((e) => e.callId));
        const target = i % 2 === 0 ? app(id) : second.get(id);
        if (!target) throw new Error(`no second app for ${id}`);
        await postUntilAccepted(target, events);
      }));
      for (const { id, client } of clients) {
        const want = expected.get(id) ?? [];
        await until(`a client of ${id} sees its city's new calls`, async () => want.every((c) => c in client.data.waiting), (ok) => ok);
        expect(client.stats.deltas).toBeGreaterThan(before.get(client) ?? 0);
        // Never another city's: every waiting call it holds was posted to its own city.
        const own = new Set(await waitingIds(app(id)));
        for (const callId of Object.keys(client.data.waiting)) expect(own.has(callId)).toBe(true);
      }
    } finally {
      for (const c of clients) c.client.close();
      await Promise.allSettled([...second.values()].map((a) => a.close()));
      second.clear();
    }
  });

  it("keeps an ingest key's rate budget across processes and cities, and the credential guard, on the cluster", async () => {
    // rate-limit-redis loads its scripts with SCRIPT LOAD: on a cluster they must reach the
    // master of the counter's slot (store/rate-limit-commands.ts loads them on every master).
    // The budget is per deployment: one key's requests to two cities' processes count together.
    const env = { PANTAU_INGEST_RATE_PER_MIN: '3', PANTAU_INGEST_KEYS: 'limited:cluster-limited-key-01' };
    const serang = await startCity('kota-serang', env);
    const cilegon = await startCity('kota-cilegon', env);
    try {
      const statuses: number[] = [];
      for (const a of [serang, cilegon, serang, cilegon]) {
        statuses.push((await a.post('/api/v1/events', [makeCallReceived({ source: 'cluster-limit' })], { token: 'cluster-limited-key-01' })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // A wrong key is refused through the guard's MULTI on the address's slot.
      expect((await serang.post('/api/v1/events', [makeCallReceived()], { token: 'not-a-key-at-all' })).status).toBe(401);
    } finally {
      await Promise.all([serang.close(), cilegon.close()]);
    }
  });

  it('runs the demo lease, a demo wipe, a rebuild (which scan a space) and the rate limiter\'s scripts on the cluster', async () => {
    const handle = await connectRedis(cluster.url, createLogger('silent'));
    try {
      const keys = spaceKeys(PREFIX, 'kabupaten-lebak', 'demo');
      const events = Array.from({ length: 20 }, () => makeCallReceived({ source: 'cluster-demo' }));
      await applyEvents(handle.redis, keys, events.map((event) => ({ event, enrichment: enrichEvent(event, base.profile.timezone, () => null) })), { principal: 'test' });
      const live = spaceKeys(PREFIX, 'kabupaten-lebak', 'live');
      const liveEvent = makeCallReceived({ source: 'cluster-demo' });
      await applyEvents(handle.redis, live, [{ event: liveEvent, enrichment: enrichEvent(liveEvent, base.profile.timezone, () => null) }], { principal: 'test' });
      const before = await derivedState(handle.redis, keys);
      expect(Object.keys(before).length).toBeGreaterThan(20);

      // A rebuild clears the derived keys (SCAN on every master) and comes back to the same state.
      expect((await rebuildSpace(handle.redis, keys)).entries).toBe(20);
      expect(await derivedState(handle.redis, keys)).toEqual(before);

      const store = createDemoSimStore(handle.redis, handle.duplicate(), keys);
      expect(await store.holdSimLease('process-a', 5_000)).toBe(true);
      expect(await store.holdSimLease('process-b', 5_000)).toBe(false);
      expect(await store.holdSimLease('process-a', 5_000)).toBe(true);
      await store.releaseSimLease('process-a');
      expect(await store.holdSimLease('process-b', 5_000)).toBe(true);

      await store.wipeDemoSpace();
      expect(await derivedState(handle.redis, keys)).toEqual({});
      expect(await handle.redis.xlen(keys.stream)).toBe(1); // the reset marker
      // The live space of the same city is untouched.
      expect((await streamCensus(handle.redis, live)).counts.get(`cluster-demo\u0000${liveEvent.id}`)).toBe(1);

      // The rate limiter's scripts: loaded once, usable on whichever master holds a counter.
      const masters = (await cluster.nodes()).filter((n) => n.role === 'master' && !n.failed);
      for (const m of masters) await cluster.node(m.port).call('SCRIPT', 'FLUSH');
      const send = rateLimitCommandSender(handle.redis);
      const sha = String(await send('SCRIPT', 'LOAD', "return redis.call('INCR', KEYS[1])"));
      const counters = CITY_IDS.map((id) => `${PREFIX}:rl:${id}`);
      const onMasters = new Set(await Promise.all(counters.map(async (k) => (await cluster.masterOf(await cluster.keyslot(k))).id)));
      expect(onMasters.size).toBe(3);
      for (const k of counters) expect(await send('EVALSHA', sha, '1', k)).toBe(1);
    } finally {
      await handle.close();
    }
  });

  it('loses no acknowledged event when a master is killed with kill -9 during ingest', async () => {
    // The master serving the most cities goes down.
    const slots = new Map(await Promise.all(CITY_IDS.map(async (id) => [id, await cluster.keyslot(app(id).keys('live').tag)] as const)));
    const owners = new Map(await Promise.all(CITY_IDS.map(async (id) => [id, (await cluster.masterOf(slots.get(id) ?? 0)).id] as const)));
    const counts = new Map<string, number>();
    for (const o of owners.values()) counts.set(o, (counts.get(o) ?? 0) + 1);
    const victimId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const victim = (await cluster.nodes()).find((n) => n.id === victimId);
    if (!victim) throw new Error('no master to kill');
    const hitSlot = CITY_IDS.map((id) => (owners.get(id) === victimId ? slots.get(id) : undefined)).find((s) => s !== undefined);
    if (hitSlot === undefined) throw new Error('the victim serves no city');

    const acked = new Map<string, Set<string>>(CITY_IDS.map((id) => [id, new Set()]));
    let stop = false;
    let killed = false;
    const senders = CITY_IDS.map(async (id) => {
      const a = app(id);
      let acceptedAfterKill = 0;
      while (!stop || acceptedAfterKill < 3) {
        const batch = Array.from({ length: 10 }, () => makeCallReceived({ source: 'cluster-failover' }));
        const wasKilled = killed;
        await postUntilAccepted(a, batch);
        for (const e of batch) acked.get(id)?.add(`${e.id} ${e.callId}`);
        if (wasKilled) acceptedAfterKill += 1;
      }
    });
    await until('ingest under way on every city', async () => [...acked.values()].every((s) => s.size >= 30), (ok) => ok);
    cluster.kill(victim.port);
    killed = true;
    // Its replica is promoted; the node comes back as that replica's replica, so WAIT 1 can be met again.
    const promoted = await until('a replica is promoted', () => cluster.masterOf(hitSlot), (m) => m.id !== victimId);
    expect(promoted.port).not.toBe(victim.port);
    await cluster.restart(victim.port);
    stop = true;
    await Promise.all(senders);

    for (const id of CITY_IDS) {
      const a = app(id);
      const census = await streamCensus(a.redis.redis, a.keys('live'));
      const pairs = [...(acked.get(id) ?? [])].map((p) => p.split(' ') as [string, string]);
      const lost = pairs.filter(([eventId]) => census.counts.get(`cluster-failover\u0000${eventId}`) !== 1);
      expect(lost, id).toEqual([]);
      expect(census.duplicates, id).toBe(0);
      const mine = new Set(pairs.map(([, callId]) => callId));
      // And the live state (the feed's tail followed the slot to its new master) has them all.
      const waiting = new Set(await until(`${id}'s wall has every acknowledged call`, () => waitingIds(a), (v) => [...mine].every((c) => v.includes(c)), 60_000));
      for (const c of mine) expect(waiting.has(c)).toBe(true);
    }
  }, 180_000);
});
