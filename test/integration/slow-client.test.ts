// A stuck Socket.IO client cannot grow server memory without bound (issue 9, point 5): a raw
// WebSocket client signs in and stops reading while events flow. Once its kernel buffers are
// full, packets queue in the server for it, and past maxBufferedPackets the server drops it.
// A healthy client alongside keeps up and ends equal to the server's snapshot.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromSnapshot } from '../../shared/live/live-data.ts';
import type { Snapshot } from '../../shared/contract/views.ts';
import { INGEST_KEY, OPERATOR_TOKEN, startApp, type TestApp } from '../support/app-harness.ts';
import { createEventSource } from '../support/fault-events.ts';
import { startLiveClient, type LiveClient } from '../support/fault-live-client.ts';
import { startLoad, type Load } from '../support/fault-load.ts';
import { connectStuckClient, type StuckClient } from '../support/fault-stuck-client.ts';
import { waitFor } from '../support/wait.ts';

const MB = 1024 * 1024;
// The default is 500 packets; at this machine's pace of deltas that takes a minute to reach.
// The mechanism is the same at 100, and the memory bound scales with it.
const LIMIT = 100;
const logLines: string[] = [];
let app: TestApp;
let load: Load | undefined;
let healthy: LiveClient | undefined;
let stuck: StuckClient | undefined;

beforeAll(async () => {
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => { logLines.push(chunk.toString()); done(); } });
  app = await startApp({ PANTAU_BATCH_MS: '10', PANTAU_INGEST_RATE_PER_MIN: '1000000' }, { log: pino({ level: 'info' }, sink), maxBufferedPackets: LIMIT });
});
afterAll(async () => {
  await load?.stop();
  healthy?.close();
  stuck?.destroy();
  await app.close();
});

const sum = async (m: { get(): Promise<{ values: { value: number }[] }> }): Promise<number> => (await m.get()).values.reduce((n, v) => n + v.value, 0);
const heap = (): number => process.memoryUsage().heapUsed;

describe('a client that stops reading', () => {
  it('is dropped once packets pile up for it, and what the server holds for it stays bounded', async () => {
    healthy = startLiveClient(app.url, OPERATOR_TOKEN);
    stuck = await connectStuckClient(app.port, OPERATOR_TOKEN);
    await waitFor(() => healthy?.data.position !== null, { what: "the healthy client's snapshot" });
    stuck.pause();
    const heapBefore = heap();
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, heap());
    }, 100);
    const deltasBefore = await sum(app.metrics.deltas);
    const t0 = performance.now();
    // Large batches make large deltas, so the kernel's buffers (a few MB) fill in seconds.
    load = startLoad({ url: app.url, key: INGEST_KEY, eventsPerSecond: 2_000, batchSize: 100, workers: 4, nextEvents: createEventSource(7, 'slow') });

    await waitFor(async () => (await sum(app.metrics.slowClientsDropped)) >= 1, { what: 'the server to drop the stuck client', timeoutMs: 90_000, intervalMs: 50 });
    const dropSeconds = (performance.now() - t0) / 1000;
    const deltasToDrop = (await sum(app.metrics.deltas)) - deltasBefore;
    const heapAtDrop = heapPeak;
    const atDrop = healthy.deltaSizes.length;
    // Events keep flowing after the drop: nothing more is kept for a client that is gone.
    await load.ackedAtLeast(load.stats.acked.size + 3_000);
    await load.stop();
    clearInterval(sampler);

    const drop = logLines.map((l) => JSON.parse(l) as { msg?: string; buffered?: number }).find((l) => l.msg === 'dropping a slow client');
    expect(drop?.buffered).toBeGreaterThan(LIMIT);
    expect(drop?.buffered).toBeLessThan(LIMIT + 20);
    expect(await sum(app.metrics.slowClientsDropped)).toBe(1);
    // Socket.IO serialises a delta once per room: the packets queued for the stuck client are the
    // ones every operator got, so what it pinned is at most the last `buffered` deltas.
    const pinned = healthy.deltaSizes.slice(Math.max(0, atDrop - (drop?.buffered ?? 0)), atDrop).reduce((n, x) => n + x, 0);
    await stuck.resume();
    expect(stuck.closed()).toBe(true);

    // The healthy client was never dropped and shows what the server shows.
    const end = (await app.redis.redis.xrevrange(app.keys('live').stream, '+', '-', 'COUNT', 1))[0]?.[0];
    await waitFor(() => healthy?.data.position === end, { what: `the healthy client to reach ${end}`, timeoutMs: 20_000 });
    const snap = (await app.get('/api/v1/snapshot', OPERATOR_TOKEN)).json as Snapshot;
    expect(healthy.data.waiting).toEqual(fromSnapshot(snap).waiting);
    expect(healthy.stats.disconnects).toEqual([]);
    expect(pinned).toBeLessThan(64 * MB);

    console.log(
      `slow client: dropped after ${dropSeconds.toFixed(1)} s (${deltasToDrop} deltas) with ${drop?.buffered} packets queued for it ` +
        `(limit ${LIMIT} here, 500 by default), pinning at most ${(pinned / MB).toFixed(1)} MB of deltas; ` +
        `heap of the test process (server, load and clients) ${(heapBefore / MB).toFixed(0)} MB before, peak ${(heapAtDrop / MB).toFixed(0)} MB ` +
        `until the drop, ${(heapPeak / MB).toFixed(0)} MB peak after ${load.stats.acked.size} events; healthy client never dropped, equal to the server`,
    );
  }, 150_000);
});
