// Pantau on Redis Sentinel (REDIS_URL=redis-sentinel://…): a master, a replica and one
// sentinel, all real redis-server processes. Events ingested before a failover are on the
// promoted replica, ingest resumes against the new master on its own, and the live state
// holds both.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
import { freePort, waitForRedis } from '../support/redis-process.ts';

const MASTER_NAME = 'pantau-test';
const children: ChildProcess[] = [];
let dir: string;
let ports: { master: number; replica: number; sentinel: number };
let app: TestApp | undefined;
let sentinel: Redis;

function redisServer(args: string[], port: number): Promise<void> {
  const child = spawn('redis-server', args, { stdio: 'ignore' });
  children.push(child);
  return waitForRedis(port, child, 20_000);
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read().catch(() => undefined);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function masterPort(): Promise<number> {
  const addr = (await sentinel.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as [string, string];
  return Number(addr[1]);
}

interface Snapshot { calls: { waiting: { callId: string }[] } }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pantau-sentinel-'));
  ports = { master: await freePort(), replica: await freePort(), sentinel: await freePort() };
  const common = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  await redisServer(['--port', String(ports.master), '--dir', dir, ...common], ports.master);
  await redisServer(['--port', String(ports.replica), '--dir', dir, '--replicaof', '127.0.0.1', String(ports.master), ...common], ports.replica);
  // A sentinel rewrites its own config file, so it must be a writable file of its own.
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(conf, [
    `port ${ports.sentinel}`,
    'bind 127.0.0.1',
    `dir ${dir}`,
    `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${ports.master} 1`,
    `sentinel down-after-milliseconds ${MASTER_NAME} 2000`,
    `sentinel failover-timeout ${MASTER_NAME} 10000`,
    '',
  ].join('\n'));
  await redisServer([conf, '--sentinel'], ports.sentinel);
  const replica = new Redis({ port: ports.replica, host: '127.0.0.1' });
  await until('the replica is in sync', () => replica.info('replication'), (info) => info.includes('master_link_status:up')).finally(() => replica.disconnect());
  sentinel = new Redis({ port: ports.sentinel, host: '127.0.0.1', lazyConnect: true });
  await sentinel.connect();
  // One replica must hold every batch before it is acknowledged, so nothing acknowledged is lost
  // when the replica is promoted (without it, a write in the failover window stays on the old master).
  // The detectors off: the stream must hold exactly the events the test posts (a waiting call
  // with no agent would otherwise raise a queue alert of the server's own).
  app = await startApp({ PANTAU_REDIS_MIN_REPLICAS: '1', PANTAU_REDIS_WAIT_MS: '500' }, { redisUrl: `redis-sentinel://127.0.0.1:${ports.sentinel}/${MASTER_NAME}`, alertDetectors: false });
}, 60_000);

afterAll(async () => {
  await app?.close();
  sentinel?.disconnect();
  for (const c of children) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('Redis Sentinel', () => {
  it('ingests through the master Sentinel names and carries on after a failover', async () => {
    if (!app) throw new Error('app did not start');
    const running = app;
    const before = makeCallReceived();
    expect((await running.post('/api/v1/events', [before])).status).toBe(200);
    expect(await masterPort()).toBe(ports.master);

    // The replica must be known to the sentinel and in sync before it can be promoted.
    await until('sentinel sees the replica', () => sentinel.call('SENTINEL', 'replicas', MASTER_NAME) as Promise<unknown[]>, (r) => r.length === 1);
    const replica = new Redis({ port: ports.replica, host: '127.0.0.1' });
    try {
      const streamKey = running.keys('live').stream;
      await until('the event reached the replica', () => replica.xlen(streamKey), (n) => n === 1);
      await sentinel.call('SENTINEL', 'FAILOVER', MASTER_NAME);
      await until('the replica is promoted', masterPort, (p) => p === ports.replica);

      // Ingest answers 503 while the switch is under way; a client retries until it is accepted.
      const after = makeCallReceived();
      await until('ingest is accepted again', async () => (await running.post('/api/v1/events', [after])).status, (s) => s === 200);
      expect(await replica.xlen(streamKey)).toBe(2);
      expect((await replica.call('ROLE') as [string])[0]).toBe('master');

      const ids = await until(
        'the live state has both calls',
        async () => ((await running.get('/api/v1/snapshot?space=live', OPERATOR_TOKEN)).json as Snapshot).calls.waiting.map((c) => c.callId).sort(),
        (v) => v.length === 2,
      );
      expect(ids).toEqual([before.callId, after.callId].sort());
    } finally {
      replica.disconnect();
    }
  }, 120_000);
});
