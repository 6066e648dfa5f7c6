// The authorization matrix: every HTTP route (read from the Express app itself, so a new route
// without a row fails) and the socket rooms against every role, the ingest keys, a wrong token
// and no credential. No live data may be reachable without a credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Snapshot } from '../../shared/contract/views.ts';
import { DEMO_KEY, DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, PRESENTER_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { expressRoutes } from '../support/express-routes.ts';
import { makeCallReceived } from '../support/factories.ts';

const WHO = {
  operator: OPERATOR_TOKEN,
  executive: EXECUTIVE_TOKEN,
  display: DISPLAY_TOKEN,
  presenter: PRESENTER_TOKEN,
  none: null,
  ingest: INGEST_KEY,
  demoKey: DEMO_KEY,
  wrong: 'wrong-token-0000',
} as const;
type Who = keyof typeof WHO;

/** Expected status per credential; `live`/`demo` for reads says which space must answer. */
type Expect = Record<Who, number | 'live' | 'demo'>;

/** The same answer whoever asks. */
const ANYONE = (status: number): Expect => ({ operator: status, executive: status, display: status, presenter: status, none: status, ingest: status, demoKey: status, wrong: status });
/** A public route that still checks a presented credential (a wrong one is 401). */
const PUBLIC_CHECKED: Expect = { ...ANYONE(200), wrong: 401 };
/** Operators and executives read live; the demo viewer and the presenter read demo; walls and ingest keys cannot. */
const DESK_READ: Expect = { operator: 200, executive: 200, display: 403, presenter: 200, none: 200, ingest: 403, demoKey: 403, wrong: 401 };
const INGEST_LIVE: Expect = { operator: 403, executive: 403, display: 403, presenter: 403, none: 401, ingest: 200, demoKey: 403, wrong: 401 };
/** The demo's presenter controls: the presenter or an operator; a visitor only watches (issue 17). */
const DEMO_CONTROL: Expect = { operator: 202, executive: 403, display: 403, presenter: 202, none: 401, ingest: 403, demoKey: 403, wrong: 401 };
/** The browser pages: no data in them (the tests run without a built client, hence 503 for everyone). */
const PAGE = ANYONE(503);

interface Row {
  expect: Expect;
  /** The path to request (the route's own, with parameters filled in). */
  path?: string;
  body?: (who: Who) => { body: unknown; type: string };
}

const event = (): { body: unknown; type: string } => ({ body: [makeCallReceived()], type: 'application/json' });

/**
 * Every route of the HTTP app × every credential. The first test derives the app's routes from
 * Express itself: a route added without a row here fails it.
 */
const MATRIX: Record<string, Row> = {
  'GET /healthz': { expect: ANYONE(200) },
  'GET /readyz': { expect: ANYONE(200) },
  'GET /metrics': { expect: ANYONE(200) },
  'GET /api/v1/snapshot': { expect: { operator: 'live', executive: 'live', display: 'live', presenter: 'demo', none: 'demo', ingest: 403, demoKey: 403, wrong: 401 } },
  'GET /api/v1/kpis': { expect: DESK_READ },
  // Drill-down (issue #18): the caller's number reaches operators only (check() below).
  'GET /api/v1/incidents': { expect: DESK_READ },
  'GET /api/v1/calls': { expect: DESK_READ },
  'GET /api/v1/incidents/:incidentId': {
    expect: { operator: 404, executive: 404, display: 403, presenter: 404, none: 404, ingest: 403, demoKey: 403, wrong: 401 },
    path: '/api/v1/incidents/no-such-incident',
  },
  'GET /api/v1/city': { expect: ANYONE(200) },
  'GET /api/v1/city/kecamatan.geojson': { expect: ANYONE(200) },
  'GET /api/v1/city/kelurahan.geojson': { expect: ANYONE(200) },
  'GET /api/v1/whoami': { expect: PUBLIC_CHECKED },
  'GET /api/v1/apps/activity': { expect: DESK_READ },
  'GET /api/v1/apps/trends': { expect: DESK_READ },
  'GET /api/v1/apps/complaints': { expect: DESK_READ },
  'GET /api/v1/apps/:appId/series': { expect: DESK_READ, path: '/api/v1/apps/laksa/series' },
  'GET /api/v1/alerts': { expect: DESK_READ },
  'GET /api/v1/alerts.cap': { expect: DESK_READ },
  'GET /api/v1/alerts/:alertId.cap': {
    expect: { operator: 404, executive: 404, display: 403, presenter: 404, none: 404, ingest: 403, demoKey: 403, wrong: 401 },
    path: '/api/v1/alerts/no-such-alert.cap',
  },
  // Operators only, in either space: the dead letters name the city's webhook targets.
  'GET /api/v1/webhooks/dead-letters': { expect: { operator: 200, executive: 403, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 } },
  // Operators and executives only (a report is the city's figures); 404 as nothing is kept yet.
  'GET /api/v1/reports': { expect: { operator: 200, executive: 200, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 } },
  'GET /api/v1/reports/:day.pdf': {
    expect: { operator: 404, executive: 404, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 },
    path: '/api/v1/reports/2026-01-01.pdf',
  },
  // A day not yet over is refused before anything is printed: the matrix never launches a browser.
  'POST /api/v1/reports/:day': {
    expect: { operator: 400, executive: 400, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 },
    path: '/api/v1/reports/2999-01-01',
  },
  'GET /api/v1/openapi.json': { expect: ANYONE(200) },
  'GET /api/docs': { expect: ANYONE(200) },
  'POST /api/v1/events': { expect: INGEST_LIVE, body: event },
  'POST /api/v1/adapters/asterisk/queue-log': {
    expect: INGEST_LIVE,
    body: (who) => ({ body: `${Math.floor(Date.now() / 1000)}|m${who}|112|NONE|ENTERQUEUE||0812|1\n`, type: 'text/plain' }),
  },
  // Issue 16: only call-takers mark a callback (the presenter drives the demo, not its desk).
  'POST /api/v1/calls/:callId/callback': {
    expect: { operator: 202, executive: 403, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 },
    path: '/api/v1/calls/C-auth/callback',
    body: () => ({ body: { outcome: 'busy' }, type: 'application/json' }),
  },
  'GET /api/v1/demo/status': { expect: ANYONE(200) },
  'POST /api/v1/demo/scenario': { expect: DEMO_CONTROL, body: () => ({ body: { name: 'flood' }, type: 'application/json' }) },
  'POST /api/v1/demo/speed': { expect: DEMO_CONTROL, body: () => ({ body: { speed: 1 }, type: 'application/json' }) },
  'POST /api/v1/demo/reset': { expect: DEMO_CONTROL, body: () => ({ body: {}, type: 'application/json' }) },
  'GET /': { expect: PAGE },
  'GET /wall': { expect: PAGE },
  'GET /executive': { expect: PAGE },
  'GET /operator': { expect: PAGE },
  'GET /demo': { expect: PAGE },
  'GET /signin': { expect: PAGE },
  'GET /report/:day': { expect: PAGE, path: '/report/2026-01-01' },
  'GET /replay': { expect: PAGE },
};

/** Extra cells beside the route table: the same route with another query. */
const EXTRA: [string, string, Expect][] = [
  ['POST', '/api/v1/events?space=demo', { operator: 403, executive: 403, display: 403, presenter: 403, none: 401, ingest: 200, demoKey: 200, wrong: 401 }],
  // A past moment: operators and executives only, in either space (400 here: this space has no history yet).
  ['GET', '/api/v1/snapshot?at=2026-01-01T00:00:00%2B07:00', { operator: 400, executive: 400, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 }],
  ['GET', '/api/v1/snapshot?space=demo&at=2026-01-01T00:00:00%2B07:00', { operator: 400, executive: 400, display: 403, presenter: 403, none: 401, ingest: 403, demoKey: 403, wrong: 401 }],
];
const ROOMS: [Who, string | null][] = [
  ['operator', 'live'], ['executive', 'live'], ['display', 'live'], ['presenter', 'demo'], ['none', 'demo'], ['ingest', null], ['demoKey', null], ['wrong', null],
];

let app: TestApp;
const liveCall = makeCallReceived({ caller: { number: '081299998888' } });
beforeAll(async () => {
  // Demo on (its controls are routes too); the credential guard's budget is not under test here
  // (the matrix presents a wrong token once per route): credential-guard.test.ts covers it.
  app = await startApp({ PANTAU_DEMO: 'on' }, {
    demoBackfill: false,
    credentialLimits: { perCredential: 1_000, distinctPerAddress: 1_000, windowMs: 60_000, knownGoodMs: 86_400_000 },
  });
  await app.post('/api/v1/events', [liveCall]);
});
afterAll(async () => {
  await app.close();
});

async function check(method: string, path: string, who: Who, want: Expect[Who], body?: { body: unknown; type: string }): Promise<void> {
  const r = method === 'GET' ? await app.get(path, WHO[who]) : await app.post(path, body?.body ?? '', { token: WHO[who], type: body?.type ?? 'application/json' });
  if (want === 'live' || want === 'demo') {
    expect(r.status, r.text.slice(0, 200)).toBe(200);
    expect((r.json as Snapshot).space).toBe(want);
    if (want === 'demo') expect(r.text).not.toContain(liveCall.callId);
  } else {
    expect(r.status, r.text.slice(0, 200)).toBe(want);
  }
  // No answer to anyone but an operator carries the live caller's number.
  if (who !== 'operator') expect(r.text).not.toContain('081299998888');
}

describe('authorization matrix', () => {
  it('has one row for every route the HTTP app answers, and none for a route it does not', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(expressRoutes(app.httpApp));
  });

  for (const [route, row] of Object.entries(MATRIX)) {
    const [method = '', routePath = ''] = route.split(' ');
    for (const who of Object.keys(WHO) as Who[]) {
      it(`${route} as ${who} → ${row.expect[who]}`, async () => {
        await check(method, row.path ?? routePath, who, row.expect[who], row.body?.(who));
      });
    }
  }
  for (const [method, path, expected] of EXTRA) {
    for (const who of Object.keys(WHO) as Who[]) {
      it(`${method} ${path} as ${who} → ${expected[who]}`, async () => {
        await check(method, path, who, expected[who], event());
      });
    }
  }
  for (const [who, space] of ROOMS) {
    it(`socket as ${who} → ${space ?? 'refused'}`, async () => {
      const token = WHO[who];
      // Ask for live explicitly: a demo viewer must still land in demo.
      const s = io(app.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token, space: 'live' } : { space: 'live' } });
      const got = await new Promise<Snapshot | Error>((resolve) => {
        s.on('snapshot', resolve);
        s.on('connect_error', resolve);
      });
      s.close();
      if (space === null) {
        expect(got).toBeInstanceOf(Error);
      } else {
        expect((got as Snapshot).space).toBe(space);
        if (space === 'demo') expect(JSON.stringify(got)).not.toContain(liveCall.callId);
      }
    });
  }
});
