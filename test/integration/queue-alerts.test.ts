// Queue alerts on real Redis, thresholds read from the bundled profile: each condition is
// raised, escalated where it can be, acknowledged by an operator over the socket, and cleared
// when the condition ends. The job is also run on its own (the feed nudges it): a call posted
// already past critical raises without anyone calling it.
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Line, PantauEvent } from '../../shared/contract/events.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Snapshot, type AlertView } from '../../shared/contract/views.ts';
import { runQueueAlerts, type QueueAlertDeps } from '../../server/alerts/queue-alert-job.ts';
import { createLogger } from '../../server/log.ts';
import { queueStateReader } from '../../server/store/read-queue-state.ts';
import { DISPLAY_TOKEN, EXECUTIVE_TOKEN, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { makeCallAbandoned, makeCallAnswered, makeCallEnded, makeCallReceived, wib } from '../support/factories.ts';

const S = 1_000;
const MIN = 60_000;

let app: TestApp;
let now = 0;
let op: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

afterEach(async () => {
  op?.close();
  op = undefined;
  await app.close();
});

async function start(clocked = true): Promise<void> {
  now = Date.now();
  app = await startApp({}, clocked ? { clock: () => now } : {});
}

function deps(): QueueAlertDeps {
  return { read: (s) => queueStateReader(app.redis.redis, app.keys(s)), ingest: app.ingest, city: app.city, clock: () => now, log: createLogger('silent') };
}

async function send(events: PantauEvent[]): Promise<void> {
  const r = await app.ingest.ingestEvents('live', 'test', events);
  expect(r.answer.rejected).toEqual([]);
}

async function queueAlerts(): Promise<AlertView[]> {
  const snap = Snapshot.parse((await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json);
  return snap.alerts.filter((a) => a.kind === 'queue');
}

/** The one alert of a condition on a line (newest), as the snapshot shows it once the feed has it. */
async function alertOf(line: Line, condition: string, match: Partial<AlertView> & { detail?: Record<string, unknown> }): Promise<AlertView> {
  let found: AlertView | undefined;
  await expect.poll(async () => {
    found = (await queueAlerts()).filter((a) => a.subject === line && a.detail['condition'] === condition).at(-1);
    return found;
  }).toMatchObject(match);
  if (!found) throw new Error('unreachable');
  return found;
}

async function ack(alertId: string): Promise<void> {
  op ??= io(app.url, { transports: ['websocket'], auth: { token: OPERATOR_TOKEN }, reconnection: false, forceNew: true });
  expect(await op.emitWithAck('alert:ack', alertId)).toEqual({ ok: true });
}

function agent(type: 'agent.login' | 'agent.paused' | 'agent.unpaused', agentId: string, line: Line, atMs: number): PantauEvent {
  return { id: `${type}-${agentId}-${atMs}`, type, at: wib(atMs), source: 'test', agentId, line };
}

describe('queue alerts', () => {
  it('a waiting call: warning past waits.warningSeconds, critical past criticalSeconds, acked, cleared when answered', async () => {
    await start();
    const { warningSeconds, criticalSeconds } = app.city.profile.waits;
    await send([agent('agent.login', 'a1', '112', now - 60 * MIN)]);
    const receivedMs = now - (warningSeconds + 1) * S;
    const call = makeCallReceived({ line: '112', at: wib(receivedMs), caller: { number: '081398765432' } });
    await send([call]);
    await runQueueAlerts(deps(), 'live');
    const alertId = `queue:112:wait:${receivedMs + warningSeconds * S}`;
    await alertOf('112', 'wait', { alertId, severity: 'warning', clearedAt: null, detail: { line: '112', seconds: warningSeconds + 1, waiting: 1 } });
    // The alert names the call by its id, never by its number: the masking rules hold for it.
    for (const token of [DISPLAY_TOKEN, EXECUTIVE_TOKEN]) {
      const snap = await app.get('/api/v1/snapshot', token);
      expect(Snapshot.parse(snap.json).alerts.map((a) => a.alertId)).toContain(alertId);
      expect(snap.text).not.toContain('081398765432');
    }

    now = receivedMs + (criticalSeconds + 1) * S;
    const r = await runQueueAlerts(deps(), 'live');
    expect(r.raised).toEqual([]);
    await alertOf('112', 'wait', { alertId, severity: 'critical', clearedAt: null });

    await ack(alertId);
    const acked = await alertOf('112', 'wait', { alertId, ackedBy: 'operator' });
    expect(acked.ackedAt).not.toBeNull();

    await send([makeCallAnswered({ callId: call.callId, agentId: 'a1', at: wib(now) })]);
    await runQueueAlerts(deps(), 'live');
    const cleared = await alertOf('112', 'wait', { alertId });
    await expect.poll(async () => (await alertOf('112', 'wait', { alertId })).clearedAt).not.toBeNull();
    expect(cleared.alertId).toBe(alertId);
  });

  it('calls waiting with no agent available: warning while agents are busy or paused, critical with nobody signed in; cleared when one is free', async () => {
    await start();
    const { noAgentSeconds } = app.city.profile.queueAlerts;
    await send([agent('agent.login', 'b1', '119', now - 60 * MIN), agent('agent.paused', 'b1', '119', now - 30 * MIN)]);
    const c119 = makeCallReceived({ line: '119', at: wib(now - (noAgentSeconds + 1) * S) });
    const c112 = makeCallReceived({ line: '112', at: wib(now - (noAgentSeconds + 1) * S) });
    await send([c119, c112]);
    await runQueueAlerts(deps(), 'live');
    const paused = await alertOf('119', 'no-agent', { severity: 'warning', clearedAt: null, detail: { staffed: 1, waiting: 1 } });
    const nobody = await alertOf('112', 'no-agent', { severity: 'critical', clearedAt: null, detail: { staffed: 0 } });
    // Below the wait warning: only the no-agent alerts.
    expect((await queueAlerts()).filter((a) => a.detail['condition'] === 'wait')).toEqual([]);

    await ack(paused.alertId);
    await alertOf('119', 'no-agent', { alertId: paused.alertId, ackedBy: 'operator' });

    now += S;
    await send([agent('agent.unpaused', 'b1', '119', now)]);
    await runQueueAlerts(deps(), 'live');
    await expect.poll(async () => (await alertOf('119', 'no-agent', { alertId: paused.alertId })).clearedAt).not.toBeNull();
    expect((await alertOf('112', 'no-agent', { alertId: nobody.alertId })).clearedAt).toBeNull();
    await send([makeCallAbandoned({ callId: c112.callId, at: wib(now) })]);
    await runQueueAlerts(deps(), 'live');
    await expect.poll(async () => (await alertOf('112', 'no-agent', { alertId: nobody.alertId })).clearedAt).not.toBeNull();
  });

  it('abandonment and SL20 over the last 15 minutes past the profile thresholds, cleared as the window moves on', async () => {
    await start();
    const q = app.city.profile.queueAlerts;
    expect(q.minCalls).toBeLessThanOrEqual(10);
    const events: PantauEvent[] = [agent('agent.login', 'c1', '112', now - 60 * MIN)];
    // 10 calls, one a minute over the last 10 minutes: 7 answered within 5 s, 3 abandoned after 30 s.
    for (let i = 0; i < 10; i++) {
      const rcv = now - (10 - i) * MIN;
      const c = makeCallReceived({ line: '112', at: wib(rcv) });
      events.push(c);
      if (i % 3 !== 1) events.push(makeCallAnswered({ callId: c.callId, agentId: 'c1', at: wib(rcv + 5 * S) }), makeCallEnded({ callId: c.callId, at: wib(rcv + 60 * S) }));
      else events.push(makeCallAbandoned({ callId: c.callId, at: wib(rcv + 30 * S) }));
    }
    await send(events);
    await runQueueAlerts(deps(), 'live');
    // 3 of 10 abandoned = 0.3, over critical; SL20 = 7 ÷ (7 + 3) = 0.7, under warning, not under critical.
    expect(0.3).toBeGreaterThan(q.abandonmentRate.critical);
    expect(0.7).toBeLessThan(q.sl20.warning);
    expect(0.7).toBeGreaterThanOrEqual(q.sl20.critical);
    const abn = await alertOf('112', 'abandonment', { severity: 'critical', clearedAt: null, detail: { rate: 0.3, abandoned: 3, offered: 10, minutes: 15 } });
    const sl = await alertOf('112', 'sl20', { severity: 'warning', clearedAt: null, detail: { rate: 0.7, minutes: 15 } });
    expect(abn.alertId).toBe(`queue:112:abandonment:${Math.floor(now / MIN) * MIN}`);

    await ack(abn.alertId);
    await alertOf('112', 'abandonment', { alertId: abn.alertId, ackedBy: 'operator' });

    now += 6 * MIN; // the first call leaves the window: 9 offered, under minCalls
    await runQueueAlerts(deps(), 'live');
    await expect.poll(async () => (await alertOf('112', 'abandonment', { alertId: abn.alertId })).clearedAt).not.toBeNull();
    await expect.poll(async () => (await alertOf('112', 'sl20', { alertId: sl.alertId })).clearedAt).not.toBeNull();
  });

  it('an agent on one call far longer than usual: warning, then critical, cleared when the call ends', async () => {
    await start();
    const { longCallMinutes } = app.city.profile.queueAlerts;
    const answeredMs = now - (longCallMinutes.warning + 1) * MIN;
    const c = makeCallReceived({ line: '112', at: wib(answeredMs - 3 * S) });
    await send([agent('agent.login', 'Agent/1127', '112', now - 60 * MIN), agent('agent.login', 'd2', '112', now - 60 * MIN), c, makeCallAnswered({ callId: c.callId, agentId: 'Agent/1127', at: wib(answeredMs) })]);
    await runQueueAlerts(deps(), 'live');
    const a = await alertOf('112', 'long-call', { severity: 'warning', clearedAt: null, detail: { agentId: 'Agent/1127', callId: c.callId, minutes: longCallMinutes.warning + 1 } });
    expect(a.alertId).toMatch(new RegExp(`^queue:112:long-call:[A-Za-z0-9_-]{16}:${answeredMs}$`));

    now = answeredMs + (longCallMinutes.critical + 1) * MIN;
    await runQueueAlerts(deps(), 'live');
    await alertOf('112', 'long-call', { alertId: a.alertId, severity: 'critical' });
    await ack(a.alertId);
    await alertOf('112', 'long-call', { alertId: a.alertId, ackedBy: 'operator' });

    await send([makeCallEnded({ callId: c.callId, at: wib(now) })]);
    await runQueueAlerts(deps(), 'live');
    await expect.poll(async () => (await alertOf('112', 'long-call', { alertId: a.alertId })).clearedAt).not.toBeNull();
  });

  it('raises by itself: a call posted already past critical is an active critical alert within a second, with no run called', async () => {
    await start(false);
    const { criticalSeconds } = app.city.profile.waits;
    await send([agent('agent.login', 'e1', '119', Date.now() - 60 * MIN)]);
    const t0 = Date.now();
    await send([makeCallReceived({ line: '119', at: wib(t0 - (criticalSeconds + 5) * S) })]);
    await expect.poll(async () => (await queueAlerts()).find((a) => a.subject === '119' && a.detail['condition'] === 'wait'), { timeout: 1_000, interval: 50 })
      .toMatchObject({ severity: 'critical', clearedAt: null });
  });

  it('raises by itself when time alone crosses a threshold (no event at that moment)', async () => {
    await start(false);
    const { warningSeconds } = app.city.profile.waits;
    await send([agent('agent.login', 'f1', '112', Date.now() - 60 * MIN)]);
    // Crosses the warning threshold 1.5 s from now.
    await send([makeCallReceived({ line: '112', at: wib(Date.now() - (warningSeconds - 1.5) * S) })]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await queueAlerts()).toEqual([]);
    await expect.poll(async () => (await queueAlerts()).find((a) => a.detail['condition'] === 'wait'), { timeout: 3_000, interval: 100 })
      .toMatchObject({ subject: '112', severity: 'warning' });
  });
});
