// The authorization matrix: every HTTP route and socket room against every role and no
// credential, in one table. No live data may be reachable without a credential.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Snapshot } from '../../shared/contract/views.ts';
import { DEMO_KEY, DISPLAY_TOKEN, EXECUTIVE_TOKEN, INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallReceived } from '../support/factories.ts';

const WHO = {
  operator: OPERATOR_TOKEN,
  executive: EXECUTIVE_TOKEN,
  display: DISPLAY_TOKEN,
  none: null,
  ingest: INGEST_KEY,
  demoKey: DEMO_KEY,
  wrong: 'wrong-token-0000',
} as const;
type Who = keyof typeof WHO;

/** Expected status per credential; `live`/`demo` for reads says which space must answer. */
type Expect = Record<Who, number | 'live' | 'demo'>;

const READS: [string, Expect][] = [
  ['/api/v1/snapshot', { operator: 'live', executive: 'live', display: 'live', none: 'demo', ingest: 403, demoKey: 403, wrong: 401 }],
  ['/api/v1/kpis', { operator: 200, executive: 200, display: 403, none: 200, ingest: 403, demoKey: 403, wrong: 401 }],
  ['/api/v1/apps/activity', { operator: 200, executive: 200, display: 403, none: 200, ingest: 403, demoKey: 403, wrong: 401 }],
  ['/api/v1/city', { operator: 200, executive: 200, display: 200, none: 200, ingest: 200, demoKey: 200, wrong: 200 }],
  ['/api/v1/whoami', { operator: 200, executive: 200, display: 200, none: 200, ingest: 200, demoKey: 200, wrong: 401 }],
  ['/healthz', { operator: 200, executive: 200, display: 200, none: 200, ingest: 200, demoKey: 200, wrong: 200 }],
];
const WRITES: [string, string, string, Expect][] = [
  ['/api/v1/events', 'application/json', 'event', { operator: 403, executive: 403, display: 403, none: 401, ingest: 200, demoKey: 403, wrong: 401 }],
  ['/api/v1/events?space=demo', 'application/json', 'event', { operator: 403, executive: 403, display: 403, none: 401, ingest: 200, demoKey: 200, wrong: 401 }],
  ['/api/v1/adapters/asterisk/queue-log', 'text/plain', 'queue_log', { operator: 403, executive: 403, display: 403, none: 401, ingest: 200, demoKey: 403, wrong: 401 }],
];
const ROOMS: [Who, string | null][] = [
  ['operator', 'live'], ['executive', 'live'], ['display', 'live'], ['none', 'demo'], ['ingest', null], ['demoKey', null], ['wrong', null],
];

let app: TestApp;
const liveCall = makeCallReceived({ caller: { number: '081299998888' } });
beforeAll(async () => {
  app = await startApp();
  await app.post('/api/v1/events', [liveCall]);
});
afterAll(async () => {
  await app.close();
});

describe('authorization matrix', () => {
  for (const [path, expected] of READS) {
    for (const who of Object.keys(WHO) as Who[]) {
      it(`GET ${path} as ${who} → ${expected[who]}`, async () => {
        const r = await app.get(path, WHO[who]);
        const want = expected[who];
        if (want === 'live' || want === 'demo') {
          expect(r.status).toBe(200);
          expect((r.json as Snapshot).space).toBe(want);
          if (want === 'demo') expect(r.text).not.toContain(liveCall.callId);
        } else {
          expect(r.status).toBe(want);
        }
      });
    }
  }
  for (const [path, type, kind, expected] of WRITES) {
    for (const who of Object.keys(WHO) as Who[]) {
      it(`POST ${path} as ${who} → ${expected[who]}`, async () => {
        const body = kind === 'event' ? [makeCallReceived()] : `${Math.floor(Date.now() / 1000)}|m${who}|112|NONE|ENTERQUEUE||0812|1\n`;
        const r = await app.post(path, body, { token: WHO[who], type });
        expect(r.status).toBe(expected[who]);
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
