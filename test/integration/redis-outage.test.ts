// Redis goes away under ingest: 503 with Retry-After and /readyz not ready; once it is back,
// ingest works again and everything that was acknowledged is still there. Read routes answer
// the same typed 503 (never a 500 or a stack trace) while it is away.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeAppActivity, makeCallReceived } from '../support/factories.ts';
import { freePort, waitForRedis } from '../support/redis-process.ts';

let dir: string;
let port: number;
let redis: ChildProcess | undefined;
let app: TestApp;

async function startRedis(): Promise<void> {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], { stdio: 'ignore' });
  await waitForRedis(port, redis);
}

async function killRedis(): Promise<void> {
  const r = redis;
  // A process killed by a signal has signalCode set and exitCode null: check both, or a second
  // kill would wait forever for an 'exit' that already happened.
  if (!r || r.exitCode !== null || r.signalCode !== null) return;
  const exited = new Promise((res) => r.once('exit', res));
  r.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pantau-outage-'));
  port = await freePort();
  await startRedis();
  app = await startApp({}, { redisUrl: `redis://127.0.0.1:${port}` });
});
afterAll(async () => {
  await app.close();
  await killRedis();
  rmSync(dir, { recursive: true, force: true });
});

describe('Redis outage', () => {
  it('answers 503 with Retry-After while Redis is down and loses nothing acknowledged', async () => {
    const before = [makeCallReceived(), makeCallReceived()];
    expect((await app.post('/api/v1/events', before)).status).toBe(200);

    await killRedis();
    const during = await app.post('/api/v1/events', [makeCallReceived()]);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBeTruthy();
    expect(during.json).toMatchObject({ error: { code: 'REDIS_UNAVAILABLE' } });
    expect((await app.get('/readyz')).status).toBe(503);

    await startRedis();
    await expect.poll(async () => (await app.get('/readyz')).status, { timeout: 15_000 }).toBe(200);
    const after = [makeCallReceived()];
    await expect.poll(async () => (await app.post('/api/v1/events', after)).status, { timeout: 10_000 }).toBe(200);
    // A retry of the first batch is all duplicates: it was durable before the kill.
    expect((await app.post('/api/v1/events', before)).json).toMatchObject({ accepted: 0, duplicates: 2 });
    const stream = await app.redis.redis.xrange(app.keys('live').stream, '-', '+');
    const ids = stream.map(([, f]) => (JSON.parse(f[1] ?? '{}') as { id: string }).id);
    expect(ids).toEqual([...before, ...after].map((e) => e.id));
  });
});

/** Every GET that reads Redis, with a credential that may read it (operators read them all). */
const READ_ROUTES: readonly { path: string; token: string | null }[] = [
  { path: '/api/v1/snapshot', token: OPERATOR_TOKEN },
  { path: '/api/v1/snapshot', token: null },
  { path: '/api/v1/kpis', token: EXECUTIVE_TOKEN },
  { path: '/api/v1/kpis?line=112', token: OPERATOR_TOKEN },
  { path: '/api/v1/apps/activity', token: EXECUTIVE_TOKEN },
  { path: '/api/v1/apps/trends', token: OPERATOR_TOKEN },
  { path: '/api/v1/apps/complaints', token: OPERATOR_TOKEN },
  { path: '/api/v1/apps/laksa/series', token: OPERATOR_TOKEN },
  // An app outside the catalog (seen in events): the route first asks Redis whether it was seen.
  { path: '/api/v1/apps/not-in-catalog/series', token: OPERATOR_TOKEN },
  { path: '/api/v1/alerts', token: OPERATOR_TOKEN },
];

describe('Redis outage on read routes', () => {
  it('answers 503 with Retry-After and a typed JSON error on every read route, then 200 once Redis is back', async () => {
    expect((await app.post('/api/v1/events', [makeCallReceived(), makeAppActivity(), makeAppActivity({ appId: 'not-in-catalog' })])).status).toBe(200);
    for (const r of READ_ROUTES) expect({ path: r.path, status: (await app.get(r.path, r.token)).status }).toEqual({ path: r.path, status: 200 });

    await killRedis();
    for (const r of READ_ROUTES) {
      const res = await app.get(r.path, r.token);
      expect({ path: r.path, status: res.status }).toEqual({ path: r.path, status: 503 });
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.json).toEqual({ error: { code: 'REDIS_UNAVAILABLE', message: expect.stringMatching(/storage is unavailable/) } });
      // No stack trace and no internals (file paths, ioredis wording) reach the client.
      expect(res.text).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|ioredis|ECONNREFUSED/);
    }
    const ready = await app.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json).toEqual({ ok: false, redis: 'down' });
    // Routes that need no Redis keep working.
    expect((await app.get('/healthz')).status).toBe(200);
    expect((await app.get('/api/v1/city')).status).toBe(200);
    const metrics = await app.get('/metrics');
    expect(metrics.text).toMatch(/pantau_redis_errors_total\{op="read"\} [1-9]/);

    await startRedis();
    await expect.poll(async () => (await app.get('/readyz')).status, { timeout: 15_000 }).toBe(200);
    for (const r of READ_ROUTES) {
      await expect.poll(async () => (await app.get(r.path, r.token)).status, { timeout: 10_000, message: r.path }).toBe(200);
    }
  });
});
