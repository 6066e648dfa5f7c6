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

describe('failed credentials on the handshake (server/credential-guard.ts, shared with HTTP)', () => {
  const limits = { perCredential: 3, distinctPerAddress: 3, windowMs: 60_000, knownGoodMs: 86_400_000 };
  const WRONG = 'wrong-token-000000';

  it('locks a token that keeps failing, not the right token behind the same address (issue #20 finding 8)', async () => {
    const app = await start({}, { credentialLimits: limits });
    for (let i = 0; i < limits.perCredential; i++) {
      expect(await attempt(app, { token: WRONG })).toMatchObject({ connected: false, message: 'invalid credential' });
    }
    const blocked = await attempt(app, { token: WRONG, transport: 'polling' });
    expect(blocked).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    const retry = (blocked as { data: { retryAfterSeconds: number } }).data.retryAfterSeconds;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    // A wall with the right token behind the same NAT still gets in.
    expect(await attempt(app, { token: DISPLAY_TOKEN })).toEqual({ connected: true });
    expect(await metric(app, /^pantau_socket_refused_total\{reason="credential"\} (\d+)/m)).toBe(limits.perCredential);
    expect(await metric(app, /^pantau_socket_refused_total\{reason="too_many_attempts"\} (\d+)/m)).toBe(1);
  });

  it('refuses a guesser every credential that has not worked from its address, the right one too', async () => {
    const app = await start({}, { credentialLimits: limits });
    // The display token worked from here before the guessing started.
    expect(await attempt(app, { token: DISPLAY_TOKEN })).toEqual({ connected: true });
    for (let i = 0; i < limits.distinctPerAddress; i++) {
      expect(await attempt(app, { token: `${WRONG}-${i}` })).toMatchObject({ connected: false, message: 'invalid credential' });
    }
    expect(await attempt(app, { token: `${WRONG}-next` })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    // Otherwise a guesser would learn which guess was right.
    expect(await attempt(app, { token: OPERATOR_TOKEN })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    expect(await attempt(app, { token: DISPLAY_TOKEN })).toEqual({ connected: true });
    // The public demo viewer carries no token: never counted, never refused.
    expect(await attempt(app)).toEqual({ connected: true });
    // Another client behind the same loopback proxy has its own budget.
    expect(await attempt(app, { token: OPERATOR_TOKEN, headers: { 'X-Forwarded-For': '203.0.113.7' } })).toEqual({ connected: true });
  });

  it('counts in Redis, with the HTTP routes: failures on one process and over HTTP exhaust the budget on another', async () => {
    const a = await start({}, { credentialLimits: limits });
    const b = await start({}, { credentialLimits: limits, keyPrefix: a.prefix });
    expect(await attempt(a, { token: `${WRONG}-1` })).toMatchObject({ connected: false, message: 'invalid credential' });
    expect((await b.get('/api/v1/snapshot', `${WRONG}-2`)).status).toBe(401);
    expect(await attempt(b, { token: `${WRONG}-3` })).toMatchObject({ connected: false, message: 'invalid credential' });
    for (const on of [a, b]) {
      expect(await attempt(on, { token: OPERATOR_TOKEN })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    }
    expect((await a.get('/api/v1/snapshot', OPERATOR_TOKEN)).status).toBe(429);
  });

  it('lets the address in again once its window ends', async () => {
    const app = await start({}, { credentialLimits: { ...limits, windowMs: 1_500 } });
    for (let i = 0; i < limits.distinctPerAddress; i++) expect((await attempt(app, { token: `${WRONG}-${i}` })).connected).toBe(false);
    expect(await attempt(app, { token: OPERATOR_TOKEN })).toMatchObject({ connected: false, message: expect.stringMatching(/^too many attempts/) });
    await expect.poll(async () => (await attempt(app, { token: OPERATOR_TOKEN })).connected, { timeout: 5_000, interval: 250 }).toBe(true);
  });
});

describe('every handshake spends its address\'s budget (issue #20 finding 1)', () => {
  const pollingHandshake = (app: TestApp, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${app.url}/socket.io/?EIO=4&transport=polling`, { headers });

  it('refuses an address past PANTAU_HANDSHAKES_PER_MIN, tokenless or not, before a socket is opened; another address keeps its own', async () => {
    const app = await start({ PANTAU_HANDSHAKES_PER_MIN: '4' });
    // Tokenless (the public demo viewer) and signed-in handshakes share the address's budget.
    expect(await attempt(app)).toEqual({ connected: true });
    expect(await attempt(app, { token: DISPLAY_TOKEN })).toEqual({ connected: true });
    expect(await attempt(app, { transport: 'polling' })).toEqual({ connected: true });
    expect(await attempt(app, { token: OPERATOR_TOKEN })).toEqual({ connected: true });
    expect((await attempt(app)).connected).toBe(false);
    expect((await attempt(app, { token: DISPLAY_TOKEN })).connected).toBe(false);
    const refused = await pollingHandshake(app);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/^too many connections; retry in \d+ s$/) });
    expect(await metric(app, /^pantau_socket_refused_total\{reason="too_many_connections"\} (\d+)/m)).toBe(3);
    // Behind a loopback proxy, each forwarded client address has its own budget.
    expect(await attempt(app, { headers: { 'X-Forwarded-For': '203.0.113.7' } })).toEqual({ connected: true });
  });

  it('counts in Redis: handshakes on one process spend the budget on another', async () => {
    const a = await start({ PANTAU_HANDSHAKES_PER_MIN: '3' });
    const b = await start({ PANTAU_HANDSHAKES_PER_MIN: '3' }, { keyPrefix: a.prefix });
    expect(await attempt(a)).toEqual({ connected: true });
    expect(await attempt(b)).toEqual({ connected: true });
    expect(await attempt(a, { token: DISPLAY_TOKEN })).toEqual({ connected: true });
    expect((await pollingHandshake(b)).status).toBe(403);
  });
});
