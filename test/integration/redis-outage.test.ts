// Redis goes away under ingest: 503 with Retry-After and /readyz not ready; once it is back,
// ingest works again and everything that was acknowledged is still there.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
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
  if (!r || r.exitCode !== null) return;
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
