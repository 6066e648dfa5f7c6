// The Socket.IO door (issue 9, point 4): browsers from a foreign origin are refused on both
// transports unless PANTAU_CORS_ORIGINS lists them, same-origin pages and clients without an
// Origin (kiosk, scripts) get in; an address that keeps presenting bad tokens is refused with
// "too many attempts", counted in Redis so every process refuses it.
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { nextEvent } from '../support/wait.ts';

const apps: TestApp[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const a of apps.splice(0)) await a.close();
});

async function start(...args: Parameters<typeof startApp>): Promise<TestApp> {
  const app = await startApp(...args);
  apps.push(app);
  return app;
}

type Transport = 'websocket' | 'polling';
type Outcome = { connected: true } | { connected: false; message: string; data: unknown };

/** Opens one socket and resolves with how its handshake ended (a snapshot counts as in). */
function attempt(app: TestApp, o: { transport?: Transport; token?: string; headers?: Record<string, string> } = {}): Promise<Outcome> {
  const s = io(app.url, {
    transports: [o.transport ?? 'websocket'],
    auth: o.token === undefined ? {} : { token: o.token },
    extraHeaders: o.headers ?? {},
    reconnection: false,
    forceNew: true,
  });
  sockets.push(s);
  return Promise.race([
    nextEvent<unknown>(s, 'snapshot').then((): Outcome => ({ connected: true })),
    nextEvent<Error & { data?: unknown }>(s, 'connect_error').then((e): Outcome => ({ connected: false, message: e.message, data: e.data })),
  ]);
}

async function metric(app: TestApp, line: RegExp): Promise<number> {
  const m = line.exec((await app.get('/metrics')).text);
  return m?.[1] === undefined ? 0 : Number(m[1]);
}

const EVIL = 'https://evil.example';
const TRANSPORTS: Transport[] = ['websocket', 'polling'];

describe('Socket.IO origins', () => {
  it.each(TRANSPORTS)('refuses a foreign Origin over %s, even with a valid token', async (transport) => {
    const app = await start();
    const out = await attempt(app, { transport, token: OPERATOR_TOKEN, headers: { Origin: EVIL } });
    expect(out.connected).toBe(false);
    // `Origin: null` (sandboxed frames, file: pages) is foreign too.
    expect((await attempt(app, { transport, token: OPERATOR_TOKEN, headers: { Origin: 'null' } })).connected).toBe(false);
    expect(await metric(app, /^pantau_socket_refused_total\{reason="origin"\} (\d+)/m)).toBe(2);
  });

  it('answers a foreign polling handshake 403 with the reason, and lets the same request in from its own origin', async () => {
    const app = await start();
    const foreign = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: EVIL } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toEqual({ code: 4, message: 'origin not allowed' });
    const own = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: app.url } });
    expect(own.status).toBe(200);
    expect(await own.text()).toMatch(/^0\{"sid":/);
  });

  it.each(TRANSPORTS)('lets in the same origin and clients without an Origin over %s', async (transport) => {
    const app = await start();
    expect(await attempt(app, { transport, token: DISPLAY_TOKEN, headers: { Origin: app.url } })).toEqual({ connected: true });
    expect(await attempt(app, { transport, token: DISPLAY_TOKEN })).toEqual({ connected: true });
    // A reverse proxy on this machine that rewrites Host still passes the browser's host on.
    expect(await attempt(app, { transport, token: DISPLAY_TOKEN, headers: { Origin: 'https://pantau.kota.example', 'X-Forwarded-Host': 'pantau.kota.example' } })).toEqual({ connected: true });
  });

  it.each(TRANSPORTS)('lets in the origins listed in PANTAU_CORS_ORIGINS over %s, and only them', async (transport) => {
    const app = await start({ PANTAU_CORS_ORIGINS: 'https://wall.kota.example, https://ops.kota.example' });
    expect(await attempt(app, { transport, token: DISPLAY_TOKEN, headers: { Origin: 'https://wall.kota.example' } })).toEqual({ connected: true });
    expect((await attempt(app, { transport, token: DISPLAY_TOKEN, headers: { Origin: 'https://wall.kota.example.evil.example' } })).connected).toBe(false);
    expect((await attempt(app, { transport, token: DISPLAY_TOKEN, headers: { Origin: EVIL } })).connected).toBe(false);
  });
});

describe('failed handshake limit', () => {
  const limit = { failures: 3, windowMs: 60_000 };
  const WRONG = 'wrong-token-000000';

  it('refuses an address with "too many attempts" once its failures reach the limit, whatever the token', async () => {
    const app = await start({}, { handshakeLimit: limit });
    for (let i = 0; i < limit.failures; i++) {
      expect(await attempt(app, { token: WRONG })).toMatchObject({ connected: false, message: 'invalid credential' });
    }
    const blocked = await attempt(app, { token: WRONG, transport: 'polling' });
    expect(blocked).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    const retry = (blocked as { data: { retryAfterSeconds: number } }).data.retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // The right token too: otherwise a guesser would learn which guess was right.
    expect(await attempt(app, { token: OPERATOR_TOKEN })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    // The public demo viewer carries no token: never counted, never refused.
    expect(await attempt(app)).toEqual({ connected: true });
    // Another client behind the same loopback proxy has its own budget.
    expect(await attempt(app, { token: OPERATOR_TOKEN, headers: { 'X-Forwarded-For': '203.0.113.7' } })).toEqual({ connected: true });
    expect(await metric(app, /^pantau_socket_refused_total\{reason="credential"\} (\d+)/m)).toBe(limit.failures);
    expect(await metric(app, /^pantau_socket_refused_total\{reason="too_many_attempts"\} (\d+)/m)).toBe(2);
  });

  it('counts in Redis: failures on one process exhaust the budget on another', async () => {
    const a = await start({}, { handshakeLimit: limit });
    const b = await start({}, { handshakeLimit: limit, keyPrefix: a.prefix });
    const client = { 'X-Forwarded-For': '198.51.100.23' };
    for (let i = 0; i < limit.failures; i++) {
      const on = i % 2 === 0 ? a : b;
      expect(await attempt(on, { token: WRONG, headers: client })).toMatchObject({ connected: false, message: 'invalid credential' });
    }
    for (const on of [a, b]) {
      expect(await attempt(on, { token: OPERATOR_TOKEN, headers: client })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    }
  });

  it('lets the address in again once its window ends', async () => {
    const app = await start({}, { handshakeLimit: { failures: 2, windowMs: 1_500 } });
    for (let i = 0; i < 2; i++) expect((await attempt(app, { token: WRONG })).connected).toBe(false);
    expect(await attempt(app, { token: OPERATOR_TOKEN })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    await expect.poll(async () => (await attempt(app, { token: OPERATOR_TOKEN })).connected, { timeout: 5_000, interval: 250 }).toBe(true);
  });
});
