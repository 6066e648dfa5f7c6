// The webhook job (docs/integrations.md "Webhooks"): fans the noted alert changes out to the
// targets' queues and sends each queue in order, signed, retrying with backoff and jitter until
// a 2xx, a permanent refusal or the last attempt (then the delivery is a dead letter). All state
// is in Redis (store/webhook-outbox.ts), so a restart or another process carries on where this
// one stopped. Runs when woken (a new notice), at a retry's time, and on a slow safety timer.
import { randomUUID } from 'node:crypto';
import type { Space } from '../../../shared/contract/views.ts';
import { toAlertView } from '../../domain/alert-record.ts';
import type { Logger } from '../../log.ts';
import type { Metrics } from '../../metrics.ts';
import type { AlertNoticeStore, Notice } from '../../store/alert-notices.ts';
import type { WebhookOutbox } from '../../store/webhook-outbox.ts';
import { changeOf } from '../alert-state.ts';
import { DEFAULT_BACKOFF, isPermanent, retryDelayMs, type Backoff } from './webhook-backoff.ts';
import type { WebhookTarget } from './webhook-config.ts';
import { wantsAlert, wantsReport } from './webhook-filter.ts';
import type { DeadLetter } from './webhook-payload.ts';
import { alertDelivery, reportDelivery, type Delivery, type ReportNoticeInput } from './webhook-render.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from './webhook-sign.ts';

export interface WebhookTuning {
  clock?: () => number;
  backoff?: Backoff;
  random?: () => number;
  /** Safety timer between rounds (default 30 s); the job also runs when woken. */
  pollMs?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
}

export interface WebhookDeps extends WebhookTuning {
  targets: readonly WebhookTarget[];
  spaces: readonly Space[];
  notices: (space: Space) => AlertNoticeStore;
  outbox: (space: Space) => WebhookOutbox;
  city: { id: string; name: string; timeZone: string };
  metrics: Metrics;
  log: Logger;
  iso: (ms: number) => string;
}

export interface WebhookDispatcher {
  /** Whether any target hears the space (only then are notices queued for it). */
  hears(space: Space): boolean;
  /** Runs a round soon (a notice was queued). */
  wake(): void;
  /** Queues a written report for every target that takes reports in its space; how many took it. */
  queueReport(n: ReportNoticeInput): Promise<number>;
  start(): () => Promise<void>;
}

const NOTICE_PAGE = 100;
const SENDS_PER_ROUND = 50;

export function createWebhookDispatcher(deps: WebhookDeps): WebhookDispatcher {
  const clock = deps.clock ?? Date.now;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const random = deps.random ?? Math.random;
  const pollMs = deps.pollMs ?? 30_000;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const leaseMs = timeoutMs * 3;
  const token = randomUUID();
  const heard = new Set(deps.targets.flatMap((t) => t.spaces));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  /** The deliveries a notice makes, one per target that wants it. */
  function deliveriesOf(space: Space, n: Notice): Delivery[] {
    const change = changeOf(n.state, n.before);
    if (change === null) return [];
    const alert = toAlertView(n.alertId, n.record, deps.city.timeZone);
    const at = deps.iso(Number(n.atMs));
    return deps.targets.filter((t) => wantsAlert(t, space, alert)).map((t) => alertDelivery(t, { space, state: n.state, change, alert, at, city: { id: deps.city.id, name: deps.city.name } }));
  }

  async function fanOut(space: Space): Promise<void> {
    for (;;) {
      const head = await deps.notices(space).head(NOTICE_PAGE);
      if (head.length === 0) return;
      for (const { raw, notice } of head) {
        const items = deliveriesOf(space, notice).map((d) => ({ target: d.target, item: JSON.stringify(d) }));
        // Another process moved it first: read the list again from its new head.
        if (!(await deps.outbox(space).fanOut(raw, items))) break;
      }
    }
  }

  async function post(t: WebhookTarget, d: Delivery): Promise<{ ok: true } | { ok: false; error: string; permanent: boolean }> {
    const ts = Math.floor(clock() / 1000);
    try {
      const r = await fetch(t.url, {
        method: 'POST',
        headers: {
          ...t.headers,
          'content-type': 'application/json',
          'user-agent': 'Pantau-Webhook/1',
          [DELIVERY_HEADER]: d.deliveryId,
          [TIMESTAMP_HEADER]: String(ts),
          [SIGNATURE_HEADER]: sign(t.secret, ts, d.body),
        },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await r.body?.cancel();
      if (r.status >= 200 && r.status < 300) return { ok: true };
      return { ok: false, error: `HTTP ${r.status}`, permanent: isPermanent(r.status) };
    } catch (err: unknown) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { ok: false, error: cause ?? (err instanceof Error ? err.message : String(err)), permanent: false };
    }
  }

  /** Sends the target's queue in order until it is empty, a delivery must wait, or the round's budget is spent. Returns the next retry time, if one waits. */
  async function sendQueue(space: Space, t: WebhookTarget): Promise<number | null> {
    const box = deps.outbox(space);
    if (!(await box.hold(t.name, token, leaseMs))) return null;
    try {
      for (let i = 0; i < SENDS_PER_ROUND && !stopped; i++) {
        const raw = await box.head(t.name);
        if (raw === null) return null;
        const d = JSON.parse(raw) as Delivery;
        const tries = await box.tries(t.name, d.deliveryId);
        if (tries && tries.nextAtMs > clock()) return tries.nextAtMs;
        if (!(await box.hold(t.name, token, leaseMs))) return null;
        const r = await post(t, d);
        if (r.ok) {
          await box.settle(t.name, raw, d.deliveryId, null);
          deps.metrics.webhookDeliveries.inc({ target: t.name, result: 'delivered' });
          continue;
        }
        const attempts = (tries?.attempts ?? 0) + 1;
        if (r.permanent || attempts >= backoff.maxAttempts) {
          const dead: DeadLetter = { target: t.name, deliveryId: d.deliveryId, attempts, lastError: r.error, failedAt: deps.iso(clock()), payload: d.payload };
          await box.settle(t.name, raw, d.deliveryId, JSON.stringify(dead));
          deps.metrics.webhookDeliveries.inc({ target: t.name, result: 'dead_letter' });
          deps.log.warn({ mod: 'webhooks', space, target: t.name, deliveryId: d.deliveryId, attempts, err: r.error }, 'webhook delivery given up');
          continue;
        }
        const nextAtMs = clock() + retryDelayMs(backoff, attempts, random);
        await box.setTries(t.name, d.deliveryId, { attempts, nextAtMs, lastError: r.error });
        deps.metrics.webhookDeliveries.inc({ target: t.name, result: 'retry' });
        return nextAtMs;
      }
      // The budget is spent with deliveries left: go on soon.
      return clock();
    } finally {
      await box.release(t.name, token);
    }
  }

  async function round(): Promise<void> {
    let next: number | null = null;
    for (const space of deps.spaces) {
      if (!heard.has(space)) continue;
      await fanOut(space);
      for (const t of deps.targets) {
        if (!t.spaces.includes(space)) continue;
        const at = await sendQueue(space, t);
        if (at !== null) next = next === null ? at : Math.min(next, at);
      }
    }
    schedule(next === null ? pollMs : Math.min(pollMs, Math.max(0, next - clock())));
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => run(), ms);
    timer.unref();
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((err: unknown) => {
        deps.log.warn({ mod: 'webhooks', err: String(err) }, 'webhook round failed');
        schedule(Math.min(pollMs, 5_000));
      })
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  }

  return {
    hears: (space) => heard.has(space),
    wake: () => run(),
    async queueReport(n) {
      const wanting = deps.targets.filter((t) => wantsReport(t, n.space));
      for (const t of wanting) await deps.outbox(n.space).enqueue(t.name, JSON.stringify(reportDelivery(t, n)));
      if (wanting.length > 0) run();
      return wanting.length;
    },
    start() {
      if (deps.targets.length === 0) return () => Promise.resolve();
      stopped = false;
      // A restart resumes whatever the outbox holds.
      run();
      return async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      };
    },
  };
}
