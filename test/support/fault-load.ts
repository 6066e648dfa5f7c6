// A steady ingest load that behaves like a well-written integrator: batches at a fixed rate,
// a few requests in flight, and every batch retried with the same ids (the same body) on a
// 503 or a network error until it gets a 2xx. It records what was acknowledged, so a fault
// test can check that every acknowledged event is in the stream exactly once.
import type { PantauEvent } from '../../shared/contract/events.ts';

export interface LoadOptions {
  url: string;
  key: string;
  eventsPerSecond: number;
  batchSize: number;
  /** Requests in flight at most. */
  workers: number;
  nextEvents: (n: number) => PantauEvent[];
  /** Pause between retries of one batch (a client's backoff, not a test waiting on time). */
  retryDelayMs?: number;
}

export interface LoadStats {
  generated: number;
  /** Ids of events whose request got a 2xx. */
  acked: Set<string>;
  /** app.activity counts of acknowledged events, summed: what the buckets must hold. */
  ackedAppCount: number;
  requests: number;
  retries: number;
  /** Events answered as duplicates to a retry of their batch. */
  duplicates: number;
  /** Events answered as duplicates to the first try (the server's own resend after a Redis reconnect). */
  firstTryDuplicates: number;
  status503: number;
  status503WithoutRetryAfter: number;
  networkErrors: number;
  /** Answers a correct server never gives this client (other 4xx, 5xx but 503, bad bodies). */
  unexpected: string[];
}

export interface Load {
  stats: LoadStats;
  /** Resolves once at least n events have been acknowledged in total. */
  ackedAtLeast(n: number): Promise<void>;
  /** Stops generating and resolves when every generated batch has been acknowledged. */
  stop(): Promise<void>;
}

function answerCounts(body: unknown): { accepted: number; duplicates: number; rejected: number } | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.accepted !== 'number' || typeof b.duplicates !== 'number' || !Array.isArray(b.rejected)) return null;
  return { accepted: b.accepted, duplicates: b.duplicates, rejected: b.rejected.length };
}

export function startLoad(opts: LoadOptions): Load {
  const stats: LoadStats = {
    generated: 0, acked: new Set(), ackedAppCount: 0, requests: 0, retries: 0, duplicates: 0, firstTryDuplicates: 0,
    status503: 0, status503WithoutRetryAfter: 0, networkErrors: 0, unexpected: [],
  };
  const queue: PantauEvent[][] = [];
  const wakeWorkers: (() => void)[] = [];
  const ackWaiters: { n: number; resolve: () => void }[] = [];
  let stopping = false;
  const retryDelayMs = opts.retryDelayMs ?? 100;

  const tickMs = (opts.batchSize / opts.eventsPerSecond) * 1000;
  const ticker = setInterval(() => {
    const batch = opts.nextEvents(opts.batchSize);
    stats.generated += batch.length;
    queue.push(batch);
    wakeWorkers.shift()?.();
  }, tickMs);

  const acknowledge = (batch: readonly PantauEvent[]): void => {
    for (const e of batch) {
      stats.acked.add(e.id);
      if (e.type === 'app.activity') stats.ackedAppCount += e.count ?? 1;
    }
    for (const w of ackWaiters.filter((x) => stats.acked.size >= x.n)) {
      ackWaiters.splice(ackWaiters.indexOf(w), 1);
      w.resolve();
    }
  };

  async function send(batch: PantauEvent[]): Promise<void> {
    const body = JSON.stringify(batch);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) {
        stats.retries += 1;
        await new Promise((r) => setTimeout(r, retryDelayMs));
      }
      stats.requests += 1;
      let res: Response;
      let json: unknown;
      try {
        res = await fetch(`${opts.url}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${opts.key}`, 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        json = await res.json().catch(() => null);
      } catch {
        stats.networkErrors += 1;
        continue;
      }
      if (res.status === 503) {
        stats.status503 += 1;
        if (!res.headers.get('retry-after')) stats.status503WithoutRetryAfter += 1;
        continue;
      }
      const counts = answerCounts(json);
      if (res.status !== 200 || !counts || counts.rejected > 0 || counts.accepted + counts.duplicates !== batch.length) {
        stats.unexpected.push(`${res.status} ${JSON.stringify(json).slice(0, 300)}`);
        if (res.status >= 400 && res.status < 500) return;
        continue;
      }
      // A retry answers duplicates for what its earlier try wrote. A first try can too: when
      // Redis dies mid-pipeline, ioredis resends the unanswered commands after reconnecting.
      if (attempt === 0) stats.firstTryDuplicates += counts.duplicates;
      else stats.duplicates += counts.duplicates;
      acknowledge(batch);
      return;
    }
  }

  const workers = Array.from({ length: opts.workers }, async () => {
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        await send(batch);
        continue;
      }
      if (stopping) return;
      await new Promise<void>((resolve) => wakeWorkers.push(resolve));
    }
  });

  return {
    stats,
    ackedAtLeast: (n) => (stats.acked.size >= n ? Promise.resolve() : new Promise((resolve) => ackWaiters.push({ n, resolve }))),
    async stop() {
      clearInterval(ticker);
      stopping = true;
      for (const w of wakeWorkers.splice(0)) w();
      await Promise.all(workers);
    },
  };
}
