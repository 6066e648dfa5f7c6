// The webhook signature (docs/integrations.md "Verifying a delivery"): HMAC-SHA256 with the
// target's secret over `<timestamp>.<body>`, hex, in `X-Pantau-Signature: sha256=<hex>`, the
// timestamp (Unix seconds) in `X-Pantau-Timestamp`. A receiver recomputes it over the raw
// body, compares in constant time, and refuses a timestamp outside its replay window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-pantau-signature';
export const TIMESTAMP_HEADER = 'x-pantau-timestamp';
export const DELIVERY_HEADER = 'x-pantau-delivery';
/** Five minutes either way, as Stripe and Slack use. */
export const REPLAY_WINDOW_S = 300;

export function sign(secret: string, timestampS: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export type Verdict = { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

export function verify(secret: string, headers: { signature?: string | undefined; timestamp?: string | undefined }, body: string, nowMs: number, windowS = REPLAY_WINDOW_S): Verdict {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !/^\d{1,12}$/.test(headers.timestamp ?? '')) return { ok: false, reason: 'malformed' };
  if (Math.abs(nowMs / 1000 - ts) > windowS) return { ok: false, reason: 'stale' };
  const want = Buffer.from(sign(secret, ts, body));
  const got = Buffer.from(headers.signature);
  return want.length === got.length && timingSafeEqual(want, got) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
