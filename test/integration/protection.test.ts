// Protection (issue 9, point 4): security headers with a CSP whose images come only from the
// profile's tile host; rate limits per ingest key and per address, counted in Redis so they
// hold across processes; tokens compared whole; CORS closed; the socket handshake
// authenticated; no stack trace in any answer.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Router } from 'express';
import { io, type Socket } from 'socket.io-client';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createCredentialGuard } from '../../server/credential-guard.ts';
import { createCredentialStore } from '../../server/store/credential-failures.ts';
import { spaceKeys } from '../../server/store/keys.ts';
import { loadCityProfile } from '../../server/city/load-profile.ts';
import { createHttpApp } from '../../server/http/app.ts';
import { createLogger } from '../../server/log.ts';
import { createMetrics } from '../../server/metrics.ts';
import { EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';
import { nextEvent } from '../support/wait.ts';

const apps: TestApp[] = [];
const dirs: string[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, options: Parameters<typeof startApp>[1] = {}): Promise<TestApp> {
  const app = await startApp(env, options);
  apps.push(app);
  return app;
}

/** The sources of one CSP directive. */
function directive(csp: string | null, name: string): string[] {
  const d = (csp ?? '').split(';').map((x) => x.trim().split(/\s+/)).find(([n]) => n === name);
  return d ? d.slice(1) : [];
}

async function cityWithTiles(tileUrl: string) {
  const dir = mkdtempSync(join(tmpdir(), 'pantau-city-'));
  dirs.push(dir);
  cpSync(fileURLToPath(new URL('../fixtures/cities/valid', import.meta.url)), dir, { recursive: true });
  const profile = JSON.parse(readFileSync(join(dir, 'profile.json'), 'utf8')) as { map: Record<string, unknown> };
  profile.map.tileUrl = tileUrl;
  writeFileSync(join(dir, 'profile.json'), JSON.stringify(profile));
  return loadCityProfile(dir);
}

const post = (app: TestApp, key: string) =>
  fetch(`${app.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(makeCallReceived()) });

describe('security headers', () => {
  it('sends helmet headers, and a CSP with images only from self, data: and blob: when the profile has no tiles', async () => {
    const app = await start();
    const r = await fetch(`${app.url}/api/v1/city`);
    const csp = r.headers.get('content-security-policy');
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directive(csp, 'default-src')).toEqual(["'self'"]);
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    expect(directive(csp, 'object-src')).toEqual(["'none'"]);
    expect(directive(csp, 'frame-ancestors')).toEqual(["'self'"]);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('x-powered-by')).toBeNull();
  });

  it("adds the profile's tile origin, and only it, to img-src", async () => {
    const sub = await start({}, { city: await cityWithTiles('https://{s}.tile.example.org/{z}/{x}/{y}.png') });
    const csp = (await fetch(`${sub.url}/api/v1/city`)).headers.get('content-security-policy');
    // Leaflet spreads {s} over subdomains a, b and c: all of them, and nothing else.
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://*.tile.example.org']);
    expect(directive(csp, 'connect-src')).toEqual(["'self'"]);
    const port = await start({}, { city: await cityWithTiles('https://tiles.example.id:8443/{z}/{x}/{y}.png') });
    expect(directive((await fetch(`${port.url}/healthz`)).headers.get('content-security-policy'), 'img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example.id:8443']);
  });
});

describe('rate limits', () => {
  it('limits ingest per key with 429 and Retry-After, each key on its own budget', async () => {
    const other = 'other-ingest-key-0002';
    const app = await start({ PANTAU_INGEST_RATE_PER_MIN: '5', PANTAU_INGEST_KEYS: `test:${INGEST_KEY},other:${other}` });
    for (let i = 0; i < 5; i++) expect((await post(app, INGEST_KEY)).status).toBe(200);
    const limited = await post(app, INGEST_KEY);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('5 requests a minute per ingest key') } });
    expect((await post(app, other)).status).toBe(200);
  });

  it('holds across processes: two servers on one Redis share one budget per key', async () => {
    const keyPrefix = `t-${randomUUID().slice(0, 8)}`;
    const a = await start({ PANTAU_INGEST_RATE_PER_MIN: '6' }, { keyPrefix });
    const b = await start({ PANTAU_INGEST_RATE_PER_MIN: '6' }, { keyPrefix });
    for (let i = 0; i < 3; i++) {
      expect((await post(a, INGEST_KEY)).status).toBe(200);
      expect((await post(b, INGEST_KEY)).status).toBe(200);
    }
    expect((await post(a, INGEST_KEY)).status).toBe(429);
    expect((await post(b, INGEST_KEY)).status).toBe(429);
  });

  it('limits sign-in attempts (whoami) per address, right or wrong token', async () => {
    const app = await start();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await app.get('/api/v1/whoami', i % 2 ? OPERATOR_TOKEN : `guess-${i}-xxxxxxxx`)).status);
    expect(new Set(statuses)).toEqual(new Set([200, 401]));
    const limited = await app.get('/api/v1/whoami', OPERATOR_TOKEN);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('limits the demo presenter controls per address', async () => {
    const app = await start();
    const control = () => fetch(`${app.url}/api/v1/demo/reset`, { method: 'POST' });
    for (let i = 0; i < 60; i++) expect((await control()).status).not.toBe(429);
    expect((await control()).status).toBe(429);
    // Reading the status has a budget of its own, so a presenter screen polling it is not locked out.
    expect((await app.get('/api/v1/demo/status')).status).not.toBe(429);
  });
});

describe('credentials', () => {
  it('refuses a wrong token of the same length as the real one, on HTTP and on the socket', async () => {
    const app = await start();
    const wrong = OPERATOR_TOKEN.slice(0, -1) + (OPERATOR_TOKEN.endsWith('x') ? 'y' : 'x');
    expect(wrong).toHaveLength(OPERATOR_TOKEN.length);
    expect((await app.get('/api/v1/snapshot', wrong)).status).toBe(401);
    expect((await app.get('/api/v1/whoami', wrong)).status).toBe(401);
    const wrongKey = INGEST_KEY.slice(0, -1) + (INGEST_KEY.endsWith('9') ? '8' : '9');
    expect((await post(app, wrongKey)).status).toBe(401);
    const s = io(app.url, { transports: ['websocket'], auth: { token: wrong }, reconnection: false, forceNew: true });
    sockets.push(s);
    expect((await nextEvent<Error>(s, 'connect_error')).message).toBe('invalid credential');
  });

  it('authenticates the Socket.IO handshake: ingest keys and malformed auth are refused', async () => {
    const app = await start();
    const connect = (auth: Record<string, unknown>) => {
      const s = io(app.url, { transports: ['websocket'], auth, reconnection: false, forceNew: true });
      sockets.push(s);
      return s;
    };
    expect((await nextEvent<Error>(connect({ token: INGEST_KEY }), 'connect_error')).message).toBe('invalid credential');
    expect((await nextEvent<Error>(connect({ token: 'x'.repeat(600) }), 'connect_error')).message).toBe('invalid handshake auth');
    expect((await nextEvent<Error>(connect({ token: 42 }), 'connect_error')).message).toBe('invalid handshake auth');
    const ok = connect({ token: EXECUTIVE_TOKEN });
    expect(await nextEvent(ok, 'snapshot')).toMatchObject({ space: 'live' });
  });
});

describe('CORS', () => {
  const evil = 'https://evil.example';

  it('is closed by default: no Access-Control-Allow-Origin for a foreign origin, on HTTP or the socket handshake', async () => {
    const app = await start();
    const get = await fetch(`${app.url}/api/v1/city`, { headers: { origin: evil } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${app.url}/api/v1/events`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const handshake = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: evil } });
    expect(handshake.headers.get('access-control-allow-origin')).toBeNull();
    const sioPreflight = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'GET' } });
    expect(sioPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('opens the socket handshake only to the origins in PANTAU_CORS_ORIGINS', async () => {
    const app = await start({ PANTAU_CORS_ORIGINS: 'https://wall.kota.example' });
    const allowed = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://wall.kota.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://wall.kota.example');
    const other = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: evil } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('errors', () => {
  const noTrace = (text: string): void => {
    expect(text).not.toMatch(/\bat .+:\d+:\d+/);
    expect(text).not.toMatch(/\.ts\b|node_modules|\/work\//);
  };

  it('answers an unexpected failure with a code and a message, never a stack trace or its detail', async () => {
    const boom = Router();
    boom.get('/api/v1/boom', () => {
      throw new Error('secret detail at /srv/pantau/server/x.ts:12:3');
    });
    boom.get('/api/v1/boom-async', async () => {
      await Promise.resolve();
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    const redis = new Redis(inject('redisUrl'));
    const metrics = createMetrics();
    const log = createLogger('silent');
    const credentialGuard = createCredentialGuard({ store: createCredentialStore(redis, spaceKeys(`t-${randomUUID().slice(0, 8)}`, 'kota-tangerang', 'live')), secrets: [], log, metrics });
    const app = createHttpApp({ credentials: { tokens: {}, ingestKeys: [], demoKey: undefined }, credentialGuard, routers: [boom], metrics, log, clientDir: null, tileOrigin: null });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    try {
      for (const path of ['/api/v1/boom', '/api/v1/boom-async']) {
        const r = await fetch(`http://127.0.0.1:${port}${path}`);
        expect(r.status).toBe(500);
        const text = await r.text();
        expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal error' } });
        noTrace(text);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
      redis.disconnect();
    }
  });

  it('answers malformed requests with 4xx and a reason, without a trace', async () => {
    const app = await start({ PANTAU_DEMO: 'on' }, { demoBackfill: false });
    const cases: [string, RequestInit][] = [
      ['/api/v1/demo/scenario', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' }],
      ['/api/v1/demo/speed', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(10_000) }],
      ['/api/v1/kpis?from=garbage', { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } }],
      ['/api/v1/%E0%A4%A', {}],
      ['/api/v1/events', { method: 'POST', headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: 'not gzip' }],
    ];
    for (const [path, init] of cases) {
      const r = await fetch(`${app.url}${path}`, init);
      const text = await r.text();
      expect(r.status, `${path} → ${text}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${path} → ${text}`).toBeLessThan(500);
      expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      noTrace(text);
    }
  });
});
