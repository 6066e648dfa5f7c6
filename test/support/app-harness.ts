// Starts a real Pantau instance in-process on an ephemeral port against the run's real
// redis-server, with a fresh key prefix so tests never see each other's data. The city is the
// one under test (PANTAU_TEST_CITY, see test-city.ts) unless `env` names another.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createPantau, type Pantau, type PantauOptions } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/log.ts';
import { TEST_CITY } from './test-city.ts';

export const INGEST_KEY = 'test-ingest-key-0001';
export const OPERATOR_TOKEN = 'test-operator-token';
export const EXECUTIVE_TOKEN = 'test-executive-token';
export const DISPLAY_TOKEN = 'test-display-token';
export const PRESENTER_TOKEN = 'test-presenter-token';
export const DEMO_KEY = 'test-demo-key-00001';

export interface TestApp extends Pantau {
  prefix: string;
  post(path: string, body: unknown, opts?: { token?: string | null; type?: string }): Promise<{ status: number; json: unknown; text: string; headers: Headers }>;
  get(path: string, token?: string | null): Promise<{ status: number; json: unknown; text: string; headers: Headers }>;
}

export async function startApp(env: Record<string, string> = {}, options: Partial<PantauOptions> = {}): Promise<TestApp> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PANTAU_INGEST_KEYS: `test:${INGEST_KEY}`,
    PANTAU_OPERATOR_TOKEN: OPERATOR_TOKEN,
    PANTAU_EXECUTIVE_TOKEN: EXECUTIVE_TOKEN,
    PANTAU_DISPLAY_TOKEN: DISPLAY_TOKEN,
    PANTAU_PRESENTER_TOKEN: PRESENTER_TOKEN,
    PANTAU_DEMO_KEY: DEMO_KEY,
    PANTAU_BATCH_MS: '50',
    LOG_LEVEL: 'silent',
    PANTAU_CITY: TEST_CITY,
    // The daily report's schedule prints at start (a browser): only the report tests turn it on.
    PANTAU_REPORTS: 'off',
    ...env,
  });
  const prefix = options.keyPrefix ?? `t-${randomUUID().slice(0, 8)}`;
  const pantau = await createPantau(config, {
    log: createLogger(config.logLevel),
    redisUrl: inject('redisUrl'),
    keyPrefix: prefix,
    clientDir: null,
    ...options,
  });
  async function call(method: string, path: string, body: unknown, token: string | null | undefined, type: string) {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = type;
    const r = await fetch(pantau.url + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await r.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: r.status, json, text, headers: r.headers };
  }
  return Object.assign(pantau, {
    prefix,
    post: (path: string, body: unknown, opts: { token?: string | null; type?: string } = {}) =>
      call('POST', path, body, opts.token === undefined ? INGEST_KEY : opts.token, opts.type ?? 'application/json'),
    get: (path: string, token?: string | null) => call('GET', path, undefined, token ?? null, ''),
  });
}
