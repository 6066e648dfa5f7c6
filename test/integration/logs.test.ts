// Logs (issue 9, point 4): a server process's log stream is pino JSON, one object a line with
// level, time, module and message, and it carries no caller number and no credential, while
// the server ingests calls with numbers (JSON and Asterisk), signs viewers in, refuses wrong
// tokens and keys, and serves sockets.
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PantauUnderTest } from '../support/fault-processes.ts';
import { makeCallReceived, makeIncidentReported } from '../support/factories.ts';
import { freePort } from '../support/redis-process.ts';
import { nextEvent } from '../support/wait.ts';

const KEY = 'logs-ingest-key-4242';
const OPERATOR = 'logs-operator-token-77';
const WRONG = ['logs-wrong-token-9999', 'Basic-logs-zzzz', 'logs-ingest-key-4243'];
const NUMBERS = ['081299887766', '+6281377665544', '0217654321'];

let server: PantauUnderTest | undefined;
afterAll(async () => {
  await server?.stop();
});

describe('the log stream', () => {
  it('is structured JSON without caller numbers or credentials', async () => {
    server = new PantauUnderTest({
      REDIS_URL: inject('redisUrl'), PORT: String(await freePort()), PANTAU_KEY_PREFIX: `t-${randomUUID().slice(0, 8)}`,
      PANTAU_INGEST_KEYS: `logs:${KEY}`, PANTAU_OPERATOR_TOKEN: OPERATOR, LOG_LEVEL: 'trace',
    });
    await server.start();
    const url = server.url;
    const send = (path: string, body: string, type: string, token: string): Promise<Response> =>
      fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

    const calls = NUMBERS.map((number) => makeCallReceived({ caller: { number } }));
    expect((await send('/api/v1/events', JSON.stringify(calls), 'application/json', KEY)).status).toBe(200);
    // Refused items echo nothing of the caller into logs either.
    const bad = [makeCallReceived({ caller: { number: `${NUMBERS[0]}x` } }), { ...makeIncidentReported(), summary: `caller ${NUMBERS[1]} says fire` }];
    expect((await send('/api/v1/events', JSON.stringify(bad), 'application/json', KEY)).status).toBe(207);
    const epoch = Math.floor(Date.now() / 1000);
    const queueLog = NUMBERS.map((n, i) => `${epoch}|logs.${i}|112|NONE|ENTERQUEUE||${n}|1`).join('\n');
    expect((await send('/api/v1/adapters/asterisk/queue-log', queueLog, 'text/plain', KEY)).status).toBe(200);
    for (const token of WRONG) expect((await send('/api/v1/events', '[]', 'application/json', token)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/whoami`, { headers: { authorization: `Bearer ${OPERATOR}` } })).status).toBe(200);
    for (const token of WRONG) expect((await fetch(`${url}/api/v1/whoami`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await fetch(`${url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${OPERATOR}` } })).status).toBe(200);
    const good = io(url, { transports: ['websocket'], auth: { token: OPERATOR }, reconnection: false, forceNew: true });
    const snapshot = await nextEvent(good, 'snapshot');
    expect(JSON.stringify(snapshot)).toContain(NUMBERS[0]);
    const wrong = io(url, { transports: ['websocket'], auth: { token: WRONG[0] }, reconnection: false, forceNew: true });
    await nextEvent(wrong, 'connect_error');
    good.close();
    wrong.close();
    await server.stop();

    const lines = server.output;
    expect(lines.length).toBeGreaterThan(3);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const r of records) {
      expect(r).toMatchObject({ level: expect.any(Number), time: expect.any(Number), app: 'pantau', msg: expect.any(String) });
      expect(typeof r.mod === 'string' || r.msg === 'uncaught exception').toBe(true);
    }
    // Debug lines of ingest are there (the level reached them), so their silence about callers means something.
    expect(records.some((r) => r.mod === 'ingest')).toBe(true);
    const all = lines.join('\n');
    for (const secret of [...NUMBERS, NUMBERS[0]?.slice(2) ?? '', KEY, OPERATOR, ...WRONG]) expect(all).not.toContain(secret);
    console.log(`logs: ${records.length} JSON lines, modules ${[...new Set(records.map((r) => String(r.mod)))].sort().join(', ')}; no caller numbers, tokens or keys`);
  }, 90_000);
});
