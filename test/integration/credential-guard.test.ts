// Issue #20 findings 7 and 8: wrong bearer tokens were throttled only on /whoami and sockets
// (300 wrong tokens on /snapshot, /kpis, /alerts answered 401 at hundreds a second), and 30 bad
// tokens locked the right display token out for everyone behind one address. Now every route
// limits failed credentials per address across processes, and what gets locked is the failing
// credential, or, for a guesser, every credential that has not worked from that address.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

const ROUTES = ['/api/v1/snapshot', '/api/v1/kpis', '/api/v1/alerts'];

describe('failed credentials on every route', () => {
  it('answers 429 to a guesser after 20 distinct wrong tokens, on every route and on another process, and never compares its guesses after', async () => {
    const keyPrefix = `t-${randomUUID().slice(0, 8)}`;
    const a = await startApp({}, { keyPrefix });
    const b = await startApp({}, { keyPrefix });
    apps.push(a, b);
    // The operator's token worked from this address before the guessing started.
    expect((await a.get('/api/v1/snapshot', OPERATOR_TOKEN)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const app = i % 2 === 0 ? a : b;
      const r = await app.get(ROUTES[i % ROUTES.length] ?? '', `wrong-token-${i}-${randomUUID()}`);
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(20);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    // What worked from here still works; a credential never seen from here waits out the window.
    expect((await b.get('/api/v1/kpis', OPERATOR_TOKEN)).status).toBe(200);
    expect((await b.get('/api/v1/kpis', EXECUTIVE_TOKEN)).status).toBe(429);
  });

  it('locks a wall\'s stale token after 10 failures, not the right display token behind the same address', async () => {
    const app = await startApp();
    apps.push(app);
    const stale = `stale-display-token-${randomUUID()}`;
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await app.get('/api/v1/snapshot', stale)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // The right token was never used from this address before, and still gets in.
    expect((await app.get('/api/v1/snapshot', DISPLAY_TOKEN)).status).toBe(200);
  });

  it('leaves requests without a credential alone (the public demo)', async () => {
    const app = await startApp();
    apps.push(app);
    for (let i = 0; i < 25; i++) await app.get('/api/v1/snapshot', `wrong-${i}-${randomUUID()}`);
    expect((await app.get('/api/v1/snapshot')).status).toBe(200);
  });
});
