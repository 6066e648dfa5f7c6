// A bad configuration stops the process with a message naming the variable.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

function run(env: Record<string, string>): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, stderr: r.stderr };
}

describe('configuration', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ REDIS_URL: 'http://nope' }, 'REDIS_URL'],
    [{ PANTAU_INGEST_KEYS: 'broken' }, 'PANTAU_INGEST_KEYS'],
    [{ PANTAU_DEMO: 'maybe' }, 'PANTAU_DEMO'],
  ])('refuses %o naming %s', (env, variable) => {
    const r = run(env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`bad configuration: ${variable}`);
  });

  it('names a missing city profile', () => {
    const r = run({ PANTAU_CITY: 'kota-atlantis', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kota-atlantis');
  });
});
