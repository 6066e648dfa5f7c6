// The pure parts of the alert integrations: which state change a note means, the backoff with
// jitter, the signature and its replay window, the target filters, and the chat bodies.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/seeded-random.ts';
import type { AlertView } from '../../shared/contract/views.ts';
import { changeOf, stateOf, timelineOf } from '../../server/integrations/alert-state.ts';
import { isPermanent, retryDelayMs } from '../../server/integrations/webhooks/webhook-backoff.ts';
import { WebhookTarget, WebhookTargets } from '../../server/integrations/webhooks/webhook-config.ts';
import { wantsAlert } from '../../server/integrations/webhooks/webhook-filter.ts';
import { alertDelivery } from '../../server/integrations/webhooks/webhook-render.ts';
import { sign, verify } from '../../server/integrations/webhooks/webhook-sign.ts';

const alert = (over: Partial<AlertView> = {}): AlertView => ({
  alertId: 'silent:app:1', kind: 'silent', subject: 'app', severity: 'warning', raisedAt: '2026-11-23T14:00:00.000+07:00',
  clearedAt: null, ackedAt: null, ackedBy: null, detail: { name: 'Aplikasi' }, ...over,
});
const target = (over: Record<string, unknown> = {}): WebhookTarget => WebhookTarget.parse({ name: 't', url: 'http://127.0.0.1:9/', secret: 'x'.repeat(16), ...over });

describe('alert state changes', () => {
  it('tells raise, update and clear apart, and ignores what changes no state', () => {
    expect(stateOf(alert())).toBe('raised:warning');
    expect(stateOf(alert({ severity: 'critical' }))).toBe('raised:critical');
    expect(stateOf(alert({ clearedAt: '2026-11-23T15:00:00.000+07:00' }))).toBe('cleared');
    expect(stateOf(alert({ raisedAt: '' }))).toBeNull();
    expect(changeOf('raised:warning', [])).toBe('raised');
    expect(changeOf('raised:critical', [])).toBe('raised');
    expect(changeOf('raised:critical', ['raised:warning'])).toBe('updated');
    expect(changeOf('cleared', ['raised:warning'])).toBe('cleared');
    expect(changeOf('cleared', [])).toBe('cleared');
    expect(changeOf('raised:warning', ['cleared'])).toBeNull();
    expect(timelineOf(1, null, { 'raised:warning': 5, 'raised:critical': 9 })).toEqual({ raisedMs: 1, updatedMs: 9, clearedMs: null });
    expect(timelineOf(1, 20, { 'raised:critical': 5 })).toEqual({ raisedMs: 1, updatedMs: null, clearedMs: 20 });
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap, jittered within the upper half of each step (seeded)', () => {
    const seed = Date.now() % 1_000_000;
    const random = mulberry32(seed);
    const b = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 10 };
    for (let attempts = 1; attempts <= 30; attempts++) {
      const step = Math.min(b.maxMs, b.baseMs * 2 ** (attempts - 1));
      for (let i = 0; i < 50; i++) {
        const d = retryDelayMs(b, attempts, random);
        expect(d, `seed ${seed}, attempt ${attempts}`).toBeGreaterThanOrEqual(step / 2);
        expect(d, `seed ${seed}, attempt ${attempts}`).toBeLessThanOrEqual(step);
      }
    }
    expect(retryDelayMs(b, 1, () => 0)).toBe(500);
    expect(retryDelayMs(b, 40, () => 1)).toBe(60_000);
  });

  it('gives up at once only on answers retrying cannot change', () => {
    expect([400, 401, 404, 410, 422].every(isPermanent)).toBe(true);
    expect([408, 429, 500, 502, 503].some(isPermanent)).toBe(false);
  });
});

describe('signature', () => {
  const body = '{"kind":"alert"}';
  const now = 1_795_000_000_000;
  const ts = now / 1000;
  it('verifies over timestamp and body, and refuses a changed body, another secret or an old timestamp', () => {
    const sig = sign('secret-1', ts, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verify('secret-1', { signature: sig, timestamp: String(ts) }, body, now)).toEqual({ ok: true });
    expect(verify('secret-1', { signature: sig, timestamp: String(ts) }, `${body} `, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify('secret-2', { signature: sig, timestamp: String(ts) }, body, now)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify('secret-1', { signature: sig, timestamp: String(ts) }, body, now + 301_000)).toEqual({ ok: false, reason: 'stale' });
    expect(verify('secret-1', { signature: sig, timestamp: 'soon' }, body, now)).toEqual({ ok: false, reason: 'malformed' });
    // A replayed body under a new timestamp needs the secret.
    expect(verify('secret-1', { signature: sig, timestamp: String(ts + 60) }, body, now)).toEqual({ ok: false, reason: 'mismatch' });
  });
});

describe('targets', () => {
  it('filter by space, kind, least severity, line and kecamatan', () => {
    expect(wantsAlert(target(), 'live', alert())).toBe(true);
    expect(wantsAlert(target(), 'demo', alert())).toBe(false);
    expect(wantsAlert(target({ filter: { kinds: ['spike'] } }), 'live', alert())).toBe(false);
    expect(wantsAlert(target({ filter: { severity: 'critical' } }), 'live', alert())).toBe(false);
    expect(wantsAlert(target({ filter: { severity: 'critical' } }), 'live', alert({ severity: 'critical' }))).toBe(true);
    expect(wantsAlert(target({ filter: { lines: ['112'] } }), 'live', alert())).toBe(false);
    expect(wantsAlert(target({ filter: { lines: ['112'] } }), 'live', alert({ kind: 'queue', subject: '112' }))).toBe(true);
    expect(wantsAlert(target({ filter: { kecamatan: ['36.71.01'] } }), 'live', alert({ kind: 'complaint-spike', subject: '36.71.01' }))).toBe(true);
    expect(wantsAlert(target({ filter: { kecamatan: ['36.71.01'] } }), 'live', alert({ kind: 'complaint-spike', subject: '36.71.02' }))).toBe(false);
    expect(wantsAlert(target({ payloads: ['daily-report'] }), 'live', alert())).toBe(false);
  });

  it('refuse a chat target without its recipient, and two targets of one name, naming the field', () => {
    const r = WebhookTargets.safeParse([{ name: 'tg', url: 'https://api.telegram.org/botX/sendMessage', secret: 'x'.repeat(16), format: 'telegram' }]);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual([0, 'chatId']);
    const twice = WebhookTargets.safeParse([target(), target()]);
    expect(twice.error?.issues[0]?.message).toMatch(/two targets are named t/);
  });

  it('render the WhatsApp Business template message and the Telegram text in Bahasa Indonesia', () => {
    const n = { space: 'live' as const, state: 'raised:critical', change: 'raised' as const, alert: alert({ severity: 'critical' }), at: '2026-11-23T14:00:00.000+07:00', city: { id: 'kota-x', name: 'Kota X' } };
    const wa = JSON.parse(alertDelivery(target({ format: 'whatsapp', to: '6281200000000' }), n).body) as { to: string; template: { name: string; language: { code: string }; components: { parameters: { text: string }[] }[] } };
    expect(wa.to).toBe('6281200000000');
    expect(wa.template.name).toBe('pantau_peringatan');
    expect(wa.template.language.code).toBe('id');
    expect(wa.template.components[0]?.parameters.map((p) => p.text)).toEqual([
      '🔴 PERINGATAN: Aplikasi tidak mengirim aktivitas — Aplikasi',
      expect.stringMatching(/^Aplikasi tidak mengirim aktivitas di Kota X: Aplikasi\. Tingkat: kritis\./),
    ]);
    const tg = JSON.parse(alertDelivery(target({ format: 'telegram', chatId: '42' }), n).body) as { chat_id: string; text: string };
    expect(tg).toMatchObject({ chat_id: '42' });
    expect(tg.text.startsWith('🔴 PERINGATAN: ')).toBe(true);
    const a = alertDelivery(target(), n);
    const b = alertDelivery(target(), n);
    expect(a.deliveryId).toBe(b.deliveryId);
    expect(a.deliveryId).not.toBe(alertDelivery(target({ name: 'u' }), n).deliveryId);
  });
});
