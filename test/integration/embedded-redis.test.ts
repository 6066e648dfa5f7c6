// With REDIS_URL unset, Pantau starts its own redis-server (AOF on, files under
// PANTAU_DATA_DIR), and stops it on SIGTERM; what was acknowledged is there after a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/redis-process.ts';
import { makeCallReceived } from '../support/factories.ts';

const dir = mkdtempSync(join(tmpdir(), 'pantau-embedded-'));
const KEY = 'embedded-test-key';
const OP = 'embedded-operator-token';
let child: ChildProcess | undefined;

async function start(port: number): Promise<ChildProcess> {
  const c = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', PANTAU_DATA_DIR: dir, PANTAU_INGEST_KEYS: `t:${KEY}`, PANTAU_OPERATOR_TOKEN: OP, LOG_LEVEL: 'warn', PANTAU_REPORTS: 'off' },
    stdio: 'ignore',
  });
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status, { timeout: 30_000, interval: 100 }).toBe(200);
  return c;
}

async function stop(c: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
  c.kill('SIGTERM');
  return exited;
}

afterAll(async () => {
  if (child && child.exitCode === null) await stop(child);
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded redis-server', () => {
  it('starts with AOF under the data dir, stops on SIGTERM, and keeps acknowledged events', async () => {
    const port = await freePort();
    child = await start(port);
    const pid = Number(readFileSync(join(dir, 'redis.pid'), 'utf8'));
    expect(existsSync(join(dir, 'appendonly'))).toBe(true);
    const call = makeCallReceived();
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify([call]) });
    expect(r.status).toBe(200);

    expect(await stop(child)).toBe(0);
    // The Redis it started is gone too.
    expect(existsSync(`/proc/${pid}`)).toBe(false);

    child = await start(port);
    const snap = (await (await fetch(`http://127.0.0.1:${port}/api/v1/snapshot`, { headers: { authorization: `Bearer ${OP}` } })).json()) as { calls: { waiting: { callId: string }[] } };
    expect(snap.calls.waiting.map((w) => w.callId)).toContain(call.callId);
  });
});
