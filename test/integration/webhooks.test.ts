// Signed webhooks for alerts (server/integrations/webhooks) against a real receiver on
// 127.0.0.1: the signature verifies (checked here with node:crypto, not Pantau's own code);
// filters choose targets; a receiver that really refuses connections for 30 s of Pantau's
// webhook clock, while Pantau restarts, then comes back gets every delivery exactly once and in
// order per alert; a flapping alert sends one message per state change. Alerts are written the
// way Pantau writes them, through ingest under its own principal.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { clearedEvent, raisedEvent } from '../../server/alerts/alert-events.ts';
import { toIsoWithOffset } from '../../server/domain/time.ts';
import { AlertPayload, DeadLetterAnswer } from '../../server/integrations/webhooks/webhook-payload.ts';
import { createWebhookOutbox } from '../../server/store/webhook-outbox.ts';
import { OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { loadTestCity } from '../support/test-city-data.ts';
import { waitFor } from '../support/wait.ts';

const SECRET = 'a-test-secret-of-some-length';

interface Received { path: string; deliveryId: string; body: string; signatureOk: boolean; json: unknown }

/** A webhook receiver that can really go away (connections refused) and come back on its port. */
class Receiver {
  readonly got: Received[] = [];
  private server: Server | null = null;
  port = 0;
  status = 200;
  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const ts = String(req.headers['x-pantau-timestamp'] ?? '');
        const want = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
        const fresh = Math.abs(Date.now() / 1000 - Number(ts)) <= 300;
        this.got.push({ path: req.url ?? '', deliveryId: String(req.headers['x-pantau-delivery'] ?? ''), body, signatureOk: fresh && req.headers['x-pantau-signature'] === want, json: JSON.parse(body) as unknown });
        res.statusCode = this.status;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }
  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  on(path: string): Received[] {
    return this.got.filter((g) => g.path === path);
  }
}

const apps: TestApp[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const r of receivers.splice(0)) await r.down();
});
afterAll(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function receiver(): Promise<Receiver> {
  const r = new Receiver();
  receivers.push(r);
  await r.up();
  return r;
}

function webhooksEnv(r: Receiver, targets: Record<string, unknown>[]): Record<string, string> {
  return { PANTAU_WEBHOOKS: JSON.stringify(targets.map((t) => ({ secret: SECRET, url: `http://127.0.0.1:${r.port}/${String(t.name)}`, ...t }))) };
}

function alertWriter(app: TestApp) {
  const at = (): string => toIsoWithOffset(Date.now(), app.city.profile.timezone);
  const write = async (events: PantauEvent[]): Promise<void> => {
    const { answer } = await app.ingest.ingestEvents('live', 'pantau', events);
    expect(answer.rejected).toEqual([]);
  };
  return {
    raise: (id: string, severity: 'warning' | 'critical' = 'warning', verb = 'raise') => write([raisedEvent(id, `app-${id}`, { kind: 'silent', severity, detail: { minutes: 20 } }, at(), { name: `App ${id}` }, verb)]),
    escalate: (id: string) => write([raisedEvent(id, `app-${id}`, { kind: 'silent', severity: 'critical', detail: { minutes: 40 } }, at(), { name: `App ${id}` }, 'escalate')]),
    clear: (id: string, again = '') => write([{ ...clearedEvent(id, at()), id: `clear${again}:${id}` }]),
    ack: (id: string) => write([{ id: `ack:${id}`, type: 'alert.acked', at: at(), source: 'pantau-operator', alertId: id, by: 'op' }]),
    complaint: (id: string, kec: string) => write([raisedEvent(id, kec, { kind: 'complaint-spike', severity: 'warning', detail: { observed: 30 } }, at(), { name: kec })]),
  };
}

const changes = (got: Received[], alertId: string): string[] =>
  got.map((g) => AlertPayload.parse(g.json)).filter((p) => p.alert.alertId === alertId).map((p) => p.change);

describe('webhooks', () => {
  it('signs every delivery, sends each state change once to the targets whose filters match, in the target\'s format', async () => {
    const r = await receiver();
    const kec = String((await loadTestCity()).codes[0]);
    const app = await startApp(webhooksEnv(r, [
      { name: 'ops' },
      { name: 'tg', format: 'telegram', chatId: '-100123' },
      { name: 'critical-only', filter: { severity: 'critical' } },
      { name: 'kec', filter: { kecamatan: [kec] } },
      { name: 'demo-only', spaces: ['demo'] },
    ]), { webhooks: { pollMs: 50 } });
    apps.push(app);
    const w = alertWriter(app);
    await w.raise('s1');
    await w.escalate('s1');
    await w.clear('s1');
    await w.complaint('c1', kec);
    await waitFor(() => r.on('/ops').length === 4 && r.on('/kec').length === 1 && r.on('/critical-only').length === 2 && r.on('/tg').length === 4, { what: 'the deliveries', timeoutMs: 10_000 });
    expect(r.got.every((g) => g.signatureOk)).toBe(true);
    expect(changes(r.on('/ops'), 's1')).toEqual(['raised', 'updated', 'cleared']);
    expect(changes(r.on('/critical-only'), 's1')).toEqual(['updated', 'cleared']);
    expect(changes(r.on('/kec'), 'c1')).toEqual(['raised']);
    expect(r.on('/demo-only')).toEqual([]);
    const first = AlertPayload.parse(r.on('/ops')[0]?.json);
    expect(first.text.id).toMatch(/^PERINGATAN: Aplikasi tidak mengirim aktivitas — App s1/);
    expect(first.text.en).toMatch(/^ALERT: App gone silent — App s1/);
    const tg = r.on('/tg')[0]?.json as { chat_id: string; text: string };
    expect(tg.chat_id).toBe('-100123');
    expect(tg.text).toContain('PERINGATAN');
    const ids = r.got.map((g) => g.deliveryId);
    expect(new Set(ids).size).toBe(ids.length);
    // Nothing more arrives: each change was sent once.
    await new Promise((res) => setTimeout(res, 300));
    expect(r.on('/ops')).toHaveLength(4);
  });

  it('after a 30 s outage with a restart of Pantau in between, delivers everything exactly once, in order per alert, one message per state change of a flapping alert', async () => {
    const r = await receiver();
    let skew = 0;
    const tuning = { pollMs: 20, clock: () => Date.now() + skew, backoff: { baseMs: 1_000, maxMs: 8_000, maxAttempts: 100 } };
    const env = webhooksEnv(r, [{ name: 'ops' }]);
    await r.down();
    const app1 = await startApp(env, { webhooks: tuning });
    apps.push(app1);
    const w = alertWriter(app1);
    await w.raise('a');
    await w.raise('b');
    await w.escalate('a');
    await w.raise('c');
    await w.clear('b');
    // Flapping: repeats, an ack, a re-raise at the same severity, escalations and clears twice.
    await w.raise('x');
    await w.raise('x', 'warning', 'raise-again');
    await w.ack('x');
    await w.escalate('x');
    await w.raise('x', 'critical', 'raise-once-more');
    await w.clear('x');
    await w.clear('x', '-again');
    await w.clear('a');
    const expected = 3 + 2 + 1 + 3;
    const box = createWebhookOutbox(app1.redis.redis, app1.keys('live'));
    await waitFor(async () => (await box.depth('ops')) === expected, { what: `${expected} deliveries in the outbox`, timeoutMs: 10_000 });
    const retries = async (app: TestApp): Promise<number> => {
      const m = await app.metrics.registry.getSingleMetricAsString('pantau_webhook_deliveries_total');
      return Number(m.match(/result="retry"[^\n]* (\d+)/)?.[1] ?? 0);
    };
    // The receiver refuses while Pantau's webhook clock runs 30 s on.
    while (skew < 30_000) {
      await new Promise((res) => setTimeout(res, 30));
      skew += 1_000;
    }
    await waitFor(async () => (await retries(app1)) >= 4, { what: 'several refused attempts' });
    expect(r.got).toEqual([]);
    await app1.close();
    apps.splice(apps.indexOf(app1), 1);

    const app2 = await startApp(env, { keyPrefix: app1.prefix, webhooks: tuning });
    apps.push(app2);
    await r.up();
    skew += 10_000; // past any retry time app1 left
    await waitFor(() => r.got.length >= expected, { what: `${expected} deliveries`, timeoutMs: 15_000 });
    await new Promise((res) => setTimeout(res, 300));
    expect(r.got).toHaveLength(expected);
    const ids = r.got.map((g) => g.deliveryId);
    expect(new Set(ids).size, 'no delivery twice').toBe(expected);
    expect(r.got.every((g) => g.signatureOk)).toBe(true);
    expect(changes(r.got, 'a')).toEqual(['raised', 'updated', 'cleared']);
    expect(changes(r.got, 'b')).toEqual(['raised', 'cleared']);
    expect(changes(r.got, 'c')).toEqual(['raised']);
    expect(changes(r.got, 'x')).toEqual(['raised', 'updated', 'cleared']);
    expect(await createWebhookOutbox(app2.redis.redis, app2.keys('live')).depth('ops')).toBe(0);
  });

  it('lists a delivery the receiver refuses for good as a dead letter, for operators, and counts it', async () => {
    const r = await receiver();
    r.status = 410;
    const app = await startApp(webhooksEnv(r, [{ name: 'gone' }]), { webhooks: { pollMs: 20 } });
    apps.push(app);
    await alertWriter(app).raise('d1');
    const answer = await waitFor(async () => {
      const res = await app.get('/api/v1/webhooks/dead-letters', OPERATOR_TOKEN);
      const a = DeadLetterAnswer.parse(res.json);
      return a.total === 1 && a;
    }, { what: 'the dead letter' });
    expect(answer.deadLetters[0]).toMatchObject({ target: 'gone', attempts: 1, lastError: 'HTTP 410' });
    expect(answer.deadLetters[0]?.payload).toMatchObject({ kind: 'alert', change: 'raised' });
    expect(await app.metrics.registry.getSingleMetricAsString('pantau_webhook_deliveries_total')).toMatch(/target="gone",result="dead_letter"} 1/);
    expect((await app.get('/api/v1/webhooks/dead-letters', 'test-executive-token')).status).toBe(403);
  });

  it('refuses a target without a secret at start, naming the field', async () => {
    await expect(startApp({ PANTAU_WEBHOOKS: JSON.stringify([{ name: 'x', url: 'http://127.0.0.1:9/' }]) })).rejects.toThrow(/PANTAU_WEBHOOKS: \[0\]\.secret/);
  });
});
