// Runs the design's conformance check (../shared/checks/contract.mjs) against a real instance.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';

const script = resolve('..', 'shared', 'checks', 'contract.mjs');

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ PANTAU_BATCH_MS: '200' });
});
afterAll(async () => {
  await app.close();
});

describe('design contract check', () => {
  it.runIf(existsSync(script))('passes every check of ../shared/checks/contract.mjs', async () => {
    const child = spawn(process.execPath, [script], {
      cwd: process.cwd(),
      env: { ...process.env, PANTAU_URL: app.url, PANTAU_INGEST_KEY: INGEST_KEY, PANTAU_OPERATOR_TOKEN: OPERATOR_TOKEN },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(out).toMatch(/contract: all \d+ checks hold/);
    expect(code).toBe(0);
  });
});
