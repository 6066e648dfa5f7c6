// The move from the single-city keyspace of Pantau 0.1 (`<prefix>:{<space>}:…`) to the
// city-scoped one, on the run's real Redis. The old data is written by the real projection
// (applyEvents, the ingest's own step) into keys whose base is the old one: the Lua builds
// every name from the base it is given, so this is byte for byte what 0.1 wrote.
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { PantauEvent } from '../../shared/contract/events.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import { loadCityProfile, type CityProfile } from '../../server/city/load-profile.ts';
import { enrichEvent } from '../../server/domain/enrich.ts';
import { createLogger } from '../../server/log.ts';
import { applyEvents } from '../../server/store/apply-events.ts';
import { connectRedis, type RedisHandle } from '../../server/store/connect.ts';
import { startEmbeddedRedis } from '../../server/store/embedded-redis.ts';
import { KEY_SUFFIX, legacySpaceKeys, spaceKeys, type LegacySpaceKeys, type SpaceKeys } from '../../server/store/keys.ts';
import {
  findLegacySpaces, LegacyKeyspaceError, migrateKeyspace, MigrationTargetNotEmptyError, moveKeyspace, planKeyspaceMove, refuseLegacyKeyspace,
} from '../../server/store/migrate-keyspace.ts';
import { OPERATOR_TOKEN, startApp } from '../support/app-harness.ts';
import { makeAppActivity, makeCallReceived, makeIncidentReported } from '../support/factories.ts';
import { PantauUnderTest } from '../support/fault-processes.ts';
import { freePort } from '../support/redis-process.ts';
import { TEST_CITY } from '../support/test-city.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const log = createLogger('silent');
let handle: RedisHandle;
let city: CityProfile;
let prefix: string;

beforeAll(async () => {
  handle = await connectRedis(inject('redisUrl'), log);
  city = await loadCityProfile(TEST_CITY);
});
afterAll(async () => {
  await handle.close();
});
beforeEach(() => {
  prefix = `t-${randomUUID().slice(0, 8)}`;
});
afterEach(async () => {
  // Each test has its own prefix; clear it so the shared Redis stays small.
  const keys = await handle.redis.keys(`*${prefix}*`);
  if (keys.length > 0) await handle.redis.unlink(...keys);
});

/** SpaceKeys whose names are those of 0.1: the projection writes the old layout through them. */
function oldLayout(legacy: LegacySpaceKeys): SpaceKeys {
  return { ...spaceKeys(prefix, city.profile.id, legacy.space), all: legacy.base, stream: legacy.base + KEY_SUFFIX.stream, dedupePrefix: legacy.base + KEY_SUFFIX.dedupe };
}

async function writeOld(space: 'live' | 'demo', events: PantauEvent[]): Promise<void> {
  const prepared = events.map((event) => ({ event, enrichment: enrichEvent(event, city.profile.timezone, (lat, lon) => city.geo.locate(lat, lon)) }));
  const out = await applyEvents(handle.redis, oldLayout(legacySpaceKeys(prefix, space)), prepared, { principal: 'test' });
  expect(out.every((o) => o.kind === 'accepted')).toBe(true);
}

/** Every key under a base, with its type, its content and whether it expires. */
async function dump(base: string): Promise<Record<string, { type: string; value: unknown; expires: boolean }>> {
  const r = handle.redis;
  const out: Record<string, { type: string; value: unknown; expires: boolean }> = {};
  for (const key of (await r.keys(`${base.replace(/[[\]*?]/g, '\\$&')}*`)).sort()) {
    const type = await r.type(key);
    const value =
      type === 'hash' ? await r.hgetall(key)
      : type === 'zset' ? await r.zrange(key, 0, -1, 'WITHSCORES')
      : type === 'set' ? (await r.smembers(key)).sort()
      : type === 'stream' ? await r.xrange(key, '-', '+')
      : await r.get(key);
    out[key.slice(base.length)] = { type, value, expires: (await r.pttl(key)) > 0 };
  }
  return out;
}

function oldEvents(): { events: PantauEvent[]; waitingCall: string; openIncident: string } {
  const call = makeCallReceived({ line: '112' });
  const incident = makeIncidentReported({ callId: call.callId });
  return { events: [call, incident, makeAppActivity({ count: 3 })], waitingCall: call.callId, openIncident: incident.incidentId };
}

describe('npm run migrate:keys (store/migrate-keyspace.ts)', () => {
  it('moves both old spaces unchanged and drops their epochs, and the server of that city reads them', async () => {
    const { events, waitingCall, openIncident } = oldEvents();
    await writeOld('live', events);
    await writeOld('demo', [makeCallReceived()]);
    await handle.redis.incr(legacySpaceKeys(prefix, 'demo').epoch); // the demo had been reset once
    const before = { live: await dump(legacySpaceKeys(prefix, 'live').base), demo: await dump(legacySpaceKeys(prefix, 'demo').base) };
    expect(Object.keys(before.live)).toContain(KEY_SUFFIX.stream);
    expect(Object.values(before.live).some((k) => k.expires)).toBe(true); // the dedupe hash

    const moved = await migrateKeyspace(handle.redis, prefix, city.profile.id);

    expect(moved.map((m) => [m.space, m.outcome, m.outcome === 'moved' ? m.keys : 0])).toEqual([
      ['live', 'moved', Object.keys(before.live).length],
      ['demo', 'moved', Object.keys(before.demo).length],
    ]);
    for (const space of ['live', 'demo'] as const) {
      const target = spaceKeys(prefix, city.profile.id, space);
      // Same suffixes, same values, same TTLs; nothing left under the old names.
      expect(await dump(target.all)).toEqual(before[space]);
      expect(await dump(legacySpaceKeys(prefix, space).base)).toEqual({});
      // No stored value names a key: nothing in the moved data points back at the old layout.
      expect(JSON.stringify(await dump(target.all))).not.toContain(`${prefix}:{`);
    }
    expect(await handle.redis.keys(`*#epoch`)).toEqual([]);
    expect(await handle.redis.exists(legacySpaceKeys(prefix, 'demo').epoch)).toBe(0);
    expect(await findLegacySpaces(handle.redis, prefix)).toEqual([]);

    const app = await startApp({ PANTAU_CITY: city.profile.id }, { keyPrefix: prefix });
    try {
      const snapshot = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
      expect(snapshot.incidents.open.map((i) => i.incidentId)).toContain(openIncident);
      expect(snapshot.calls.waiting.map((c) => c.callId)).toContain(waitingCall);
    } finally {
      await app.close();
    }
  });

  it('is idempotent: a second run moves nothing and changes nothing', async () => {
    await writeOld('live', oldEvents().events);
    await migrateKeyspace(handle.redis, prefix, city.profile.id);
    const after = await dump(spaceKeys(prefix, city.profile.id, 'live').all);
    const again = await migrateKeyspace(handle.redis, prefix, city.profile.id);
    expect(again.map((m) => m.outcome)).toEqual(['nothing', 'nothing']);
    expect(await dump(spaceKeys(prefix, city.profile.id, 'live').all)).toEqual(after);
  });

  it('refuses, moving nothing in any space, when a target already holds data', async () => {
    await writeOld('live', oldEvents().events);
    await writeOld('demo', [makeCallReceived()]);
    // The city's demo space already has data of the new layout.
    const demo = spaceKeys(prefix, city.profile.id, 'demo');
    await handle.redis.set(`${demo.eventsPerDayPrefix}2026-01-01`, '1');
    const before = await dump(`${prefix}:{`);

    const refused = migrateKeyspace(handle.redis, prefix, city.profile.id);
    await expect(refused).rejects.toBeInstanceOf(MigrationTargetNotEmptyError);
    await expect(refused).rejects.toThrow(/--city/);
    expect(await dump(`${prefix}:{`)).toEqual(before);
    expect(await dump(spaceKeys(prefix, city.profile.id, 'live').all)).toEqual({});
  });

  it('moves the whole space when a key expires between the SCAN and the move', async () => {
    await writeOld('live', oldEvents().events);
    const plans = await planKeyspaceMove(handle.redis, prefix, city.profile.id);
    const live = plans.find((p) => p.legacy.space === 'live');
    const dedupe = live?.old.find((k) => k.includes(`:${KEY_SUFFIX.dedupe}`));
    expect(dedupe).toBeDefined();
    await handle.redis.del(dedupe as string); // as its TTL running out would
    const moved = await moveKeyspace(handle.redis, plans);
    expect(moved[0]).toMatchObject({ space: 'live', outcome: 'moved', keys: (live?.old.length ?? 0) - 1 });
    expect(await dump(legacySpaceKeys(prefix, 'live').base)).toEqual({});
    expect(Object.keys(await dump(spaceKeys(prefix, city.profile.id, 'live').all))).toContain(KEY_SUFFIX.stream);
  });

  it('another city keeps its own names: migrating to one city leaves the other empty', async () => {
    await writeOld('live', oldEvents().events);
    await migrateKeyspace(handle.redis, prefix, 'kota-bandung');
    expect(Object.keys(await dump(spaceKeys(prefix, 'kota-bandung', 'live').all))).toContain(KEY_SUFFIX.stream);
    expect(await dump(spaceKeys(prefix, 'kota-tangerang', 'live').all)).toEqual({});
  });
});

describe('the start-up refusal', () => {
  it('finds an old space by its stream or its epoch alone', async () => {
    expect(await findLegacySpaces(handle.redis, prefix)).toEqual([]);
    await handle.redis.incr(legacySpaceKeys(prefix, 'demo').epoch);
    expect((await findLegacySpaces(handle.redis, prefix)).map((l) => l.space)).toEqual(['demo']);
    await writeOld('live', [makeCallReceived()]);
    expect((await findLegacySpaces(handle.redis, prefix)).map((l) => l.space)).toEqual(['live', 'demo']);
    await expect(refuseLegacyKeyspace(inject('redisUrl'), prefix, 'kota-tangerang', log)).rejects.toBeInstanceOf(LegacyKeyspaceError);
    // Another prefix is another deployment: not refused.
    await expect(refuseLegacyKeyspace(inject('redisUrl'), `${prefix}x`, 'kota-tangerang', log)).resolves.toBeUndefined();
  });

  it('the real server refuses to start beside old keys, names the command, and starts once it ran', async () => {
    await writeOld('live', oldEvents().events);
    const env = {
      REDIS_URL: inject('redisUrl'), PORT: String(await freePort()), PANTAU_KEY_PREFIX: prefix,
      PANTAU_INGEST_KEYS: 'test:test-ingest-key-0001', PANTAU_CITY: city.profile.id,
    };
    const refused = new PantauUnderTest(env);
    const failure = await refused.start(30_000).then(() => 'started', (err: unknown) => String(err));
    expect(failure).toMatch(/exited with 1 before listening/);
    expect(failure).toContain('npm run migrate:keys');
    expect(failure).toContain('PANTAU_CITY');
    await refused.stop();

    const cli = await run(['--import', 'tsx', 'server/cli/migrate-keys.ts'], env);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`live: moved \\d+ keys from ${prefix}:\\{live\\}:… to \\{${prefix}:${city.profile.id}:live\\}:…`));
    expect(cli.stdout).toContain('demo: nothing to move');

    const started = new PantauUnderTest(env);
    try {
      await started.start(30_000);
    } finally {
      await started.stop();
    }
  });
});

describe('npm run migrate:keys on the embedded Redis', () => {
  it('finds the data folder by PANTAU_DATA_DIR, as the server does', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pantau-migrate-'));
    try {
      // A 0.1 server's data folder: old keys in the embedded Redis's AOF.
      let embedded = await startEmbeddedRedis({ dataDir, appendfsync: 'always', log });
      const own = await connectRedis(embedded.url, log);
      const old = oldLayout(legacySpaceKeys(prefix, 'live'));
      const call = makeCallReceived();
      await applyEvents(own.redis, old, [{ event: call, enrichment: enrichEvent(call, city.profile.timezone, () => null) }], { principal: 'test' });
      await own.close();
      await embedded.stop();

      const cli = await run(['--import', 'tsx', 'server/cli/migrate-keys.ts', '--city', city.profile.id, '--prefix', prefix], { PANTAU_DATA_DIR: dataDir });
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(`live: moved`);

      embedded = await startEmbeddedRedis({ dataDir, appendfsync: 'always', log });
      const after = await connectRedis(embedded.url, log);
      try {
        expect(await after.redis.xlen(spaceKeys(prefix, city.profile.id, 'live').stream)).toBe(1);
        expect(await findLegacySpaces(after.redis, prefix)).toEqual([]);
      } finally {
        await after.close();
        await embedded.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
