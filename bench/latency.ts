// End to end: latency from POST to receipt in socket.io-client clients (p50/p99) at 100 and
// 1,000 connected wall screens while 1,000 events/s flow, and the fan-out cost: the server's
// CPU time per connected client per second, against the same load with no client connected,
// and the bytes per second each wall takes (compact form), against screens on plain JSON.
// Server and clients are separate child processes; this process only sends the load.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PantauEvent } from '../shared/contract/events.ts';
import type { LatencyReport, WorkerCommand, WorkerReply } from './clients-worker.ts';
import type { Benchmark, BenchContext } from './support/context.ts';
import { eventMix } from './support/events.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { WIRE_FORMAT } from '../shared/contract/wire.ts';
import { httpClient, type HttpClient } from './support/http.ts';
import { DISPLAY_TOKEN, INGEST_KEY, startPantauProcess, stopChild } from './support/pantau-process.ts';
import { sleep } from './support/stats.ts';

const BATCH_MS = 200;
/**
 * The busy minute: app gateways flushing pre-aggregated counts make up most events; calls and
 * incidents are the rest. (With 60 % call and incident events, the deltas to 1,000 clients are
 * more than one client process on this machine can parse: see the README, "Performance figures".)
 */
const SHARES = { calls: 0.15, incidents: 0.05 };
/** Client processes: the clients are split over them so their parsing can use both cores. */
const WORKERS = 2;
/**
 * Clients that decode every delta and measure. Beyond these, screens are raw WebSockets that take
 * every frame without decoding it (bench/clients-worker.ts): 1,000 decoding clients on the
 * server's own two cores measured this machine's JSON parsing, not the server.
 */
const PROBES = 100;
const FULL = { clients: [100, 1000], rate: 1000, seconds: 15, warmSeconds: 3 };
const QUICK = { clients: [5, 10], rate: 100, seconds: 2, warmSeconds: 1 };
/** The load is posted in small batches this often, like a gateway flushing its buffer. */
const TICK_MS = 50;

/** Raw screens on plain JSON beside the walls: their bytes per second are the reference for the compact form's. */
const PLAIN_SCREENS = 4;

export const latencyFigures = ['e2e.latency.clients100', 'e2e.latency.clients1000', 'fanout.cpu.clients100', 'fanout.cpu.clients1000', 'fanout.bytes.perWall'];

class Worker {
  private readonly child: ChildProcess;
  private waiting: ((r: WorkerReply) => void) | undefined;
  constructor() {
    this.child = fork(fileURLToPath(new URL('./clients-worker.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.child.on('message', (m: WorkerReply) => this.waiting?.(m));
  }
  ask(cmd: WorkerCommand): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.waiting = (r) => (r.type === 'error' ? reject(new Error(r.message)) : resolve(r));
      this.child.send(cmd);
    });
  }
  tell(cmd: WorkerCommand): void {
    this.child.send(cmd);
  }
  async close(): Promise<void> {
    await Promise.race([this.ask({ type: 'close' }), sleep(5_000)]);
    await stopChild(this.child);
  }
  get pid(): number {
    return this.child.pid ?? 0;
  }
}

interface Merged { samples: number; p50: number; p99: number; max: number; deltas: number; cpuMs: number; disconnects: number; rawFrames: number; rawBytes: number; plainFrames: number; plainBytes: number }

/** Adds the workers' histograms up and reads the quantiles off the sum (nearest rank). */
function merge(reports: readonly LatencyReport[]): Merged {
  const bins = new Map<number, number>();
  for (const r of reports) for (const [ms, n] of r.bins) bins.set(ms, (bins.get(ms) ?? 0) + n);
  const sorted = [...bins].sort((x, y) => x[0] - y[0]);
  const samples = sorted.reduce((a, [, n]) => a + n, 0);
  const quantile = (q: number): number => {
    const rank = Math.max(1, Math.ceil(q * samples));
    let seen = 0;
    for (const [ms, n] of sorted) if ((seen += n) >= rank) return ms;
    return Number.NaN;
  };
  return {
    samples, p50: quantile(0.5), p99: quantile(0.99), max: sorted.at(-1)?.[0] ?? Number.NaN,
    deltas: reports.reduce((a, r) => a + r.deltas, 0), cpuMs: reports.reduce((a, r) => a + r.cpuMs, 0), disconnects: reports.reduce((a, r) => a + r.disconnects, 0),
    rawFrames: reports.reduce((a, r) => a + r.rawFrames, 0), rawBytes: reports.reduce((a, r) => a + r.rawBytes, 0),
    plainFrames: reports.reduce((a, r) => a + r.plainFrames, 0), plainBytes: reports.reduce((a, r) => a + r.plainBytes, 0),
  };
}

/** Asks every worker to connect its share of `count` clients. */
async function connectSpread(workers: readonly Worker[], url: string, count: number, raw: boolean, plain = false): Promise<void> {
  if (count <= 0) return;
  await Promise.all(workers.map((w, k) => w.ask({ type: 'connect', url, token: DISPLAY_TOKEN, raw, plain, count: Math.floor(count / WORKERS) + (k < count % WORKERS ? 1 : 0) })));
}

/** Posts `rate` events/s for `seconds`, stamping each event's `at` just before its POST. */
async function sendLoad(http: HttpClient, next: () => PantauEvent, rate: number, seconds: number): Promise<{ sent: number; errors: number }> {
  const t0 = performance.now();
  let sent = 0;
  let errors = 0;
  const inFlight = new Set<Promise<void>>();
  for (let tick = 1; ; tick++) {
    const due = Math.min(rate * seconds, Math.floor((rate * (performance.now() - t0)) / 1000));
    if (due > sent) {
      const batch: PantauEvent[] = [];
      for (; sent < due; ) {
        batch.push(next());
        sent++;
      }
      const p = http.post('/api/v1/events', JSON.stringify(batch), 'application/json', INGEST_KEY).then(
        (r) => { if (r.status !== 200) errors++; },
        () => { errors++; },
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    if (sent >= rate * seconds) break;
    await sleep(Math.max(0, t0 + tick * TICK_MS - performance.now()));
  }
  await Promise.all(inFlight);
  return { sent, errors };
}

async function run(ctx: BenchContext): Promise<void> {
  const size = ctx.quick ? QUICK : FULL;
  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: ctx.prefix('e2e'), batchMs: BATCH_MS });
  const http = httpClient(server.url, 16);
  const workers = Array.from({ length: WORKERS }, () => new Worker());
  // `at` is stamped when the event is generated, which is just before its POST.
  const next = eventMix({ runId: 'e2e', point: ctx.point, shares: SHARES, atMs: () => Date.now() });
  const phase = async (): Promise<{ cpuMsPerS: number; report: Merged; sent: number; errors: number; seconds: number }> => {
    await sendLoad(http, next, size.rate, size.warmSeconds);
    for (const w of workers) w.tell({ type: 'reset' });
    const cpu0 = server.cpuMs();
    const t0 = performance.now();
    const { sent, errors } = await sendLoad(http, next, size.rate, size.seconds);
    const seconds = (performance.now() - t0) / 1000;
    const cpuMsPerS = (server.cpuMs() - cpu0) / seconds;
    // Let the last window's delta arrive before asking.
    await sleep(BATCH_MS * 3);
    const reports = await Promise.all(workers.map(async (w) => (await w.ask({ type: 'report' })) as { type: 'report' } & LatencyReport));
    return { cpuMsPerS, report: merge(reports), sent, errors, seconds };
  };
  try {
    const idle = await phase();
    ctx.progress(`no clients: server ${round(idle.cpuMsPerS, 1)} ms CPU/s`);
    let probes = 0;
    let raw = 0;
    const probeCap = ctx.quick ? 5 : PROBES;
    for (const [i, clients] of size.clients.entries()) {
      const name = FULL.clients[i] ?? clients;
      const t0 = performance.now();
      const wantProbes = Math.min(clients, probeCap);
      await connectSpread(workers, server.url, wantProbes - probes, false);
      await connectSpread(workers, server.url, clients - wantProbes - raw, true);
      // The plain reference screens join with the first clients and stay (one more room per window).
      if (i === 0 && !ctx.quick) await connectSpread(workers, server.url, PLAIN_SCREENS, true, true);
      probes = wantProbes;
      raw = clients - wantProbes;
      ctx.progress(`${clients} clients connected in ${round(performance.now() - t0, 0)} ms`);
      const p = await phase();
      const conditions = {
        clients, eventsPerSecond: size.rate, seconds: round(p.seconds, 1), batchMs: BATCH_MS, role: 'display',
        postEveryMs: TICK_MS, mix: `calls ${SHARES.calls * 100}%, incidents ${SHARES.incidents * 100}%, apps ${Math.round((1 - SHARES.calls - SHARES.incidents) * 100)}%`,
        processes: `server, ${WORKERS} client processes and the load generator apart`,
        measuredBy: raw > 0 ? `${probes} socket.io-client screens decode and time every delta; ${raw} more are raw WebSockets that take every frame undecoded` : `${probes} socket.io-client screens`,
        wire: `compact (${WIRE_FORMAT}) for every wall; ${ctx.quick ? 0 : PLAIN_SCREENS} raw screens on plain JSON beside them as the reference`,
      };
      // Every raw screen should have had as many frames as a measuring one had deltas.
      const framesPerRaw = raw > 0 ? p.report.rawFrames / raw : null;
      const clientCpu = round(p.report.cpuMs / p.seconds, 1);
      ctx.report({
        name: `e2e.latency.clients${name}`,
        value: p.report.p99,
        unit: 'ms (p99)',
        conditions,
        extra: {
          p50: p.report.p50, max: p.report.max, samples: p.report.samples, deltasPerProbe: round(p.report.deltas / probes, 1), sent: p.sent, postErrors: p.errors,
          disconnects: p.report.disconnects, clientProcessCpuMsPerS: clientCpu,
          ...(framesPerRaw === null ? {} : { framesPerRawScreen: round(framesPerRaw, 1), kbPerRawScreenPerS: round(p.report.rawBytes / raw / p.seconds / 1024, 1) }),
        },
        target: target('value', '<=', BATCH_MS + 50, p.report.p99),
        ...(clientCpu > 850 * WORKERS ? { note: 'the client processes were near full cores: latency includes client-side queueing' } : {}),
      });
      const perClientUs = ((p.cpuMsPerS - idle.cpuMsPerS) / clients) * 1000;
      ctx.report({
        name: `fanout.cpu.clients${name}`,
        value: round(perClientUs, 1),
        unit: 'µs server CPU per client per s',
        conditions,
        baseline: { name: 'server CPU with no client connected, same event rate', value: round(idle.cpuMsPerS, 1), unit: 'ms/s' },
        extra: { serverCpuMsPerS: round(p.cpuMsPerS, 1) },
      });
      if (name === 1000) {
        const perWall = raw > 0 ? p.report.rawBytes / raw / p.seconds / 1024 : Number.NaN;
        const plainPerWall = p.report.plainBytes / PLAIN_SCREENS / p.seconds / 1024;
        const figure = {
          name: 'fanout.bytes.perWall', value: round(perWall, 1), unit: 'KB/s per wall (WebSocket frames, compact form)', conditions,
          extra: { framesPerWallPerS: raw > 0 ? round(p.report.rawFrames / raw / p.seconds, 1) : Number.NaN },
        };
        // The target is half of what a wall took before: the plain JSON, measured beside it.
        ctx.report(ctx.quick || plainPerWall === 0
          ? { ...figure, note: 'no plain reference screens in --quick' }
          : { ...withBaseline(figure, { name: 'raw screens on plain JSON, same deltas', value: round(plainPerWall, 1), unit: 'KB/s per screen' }), target: target('ratio', '<=', 0.5, perWall / plainPerWall) });
      }
      ctx.progress(`${clients} clients: p50 ${p.report.p50} p99 ${p.report.p99} ms, server ${round(p.cpuMsPerS, 1)} ms CPU/s, clients ${clientCpu} ms CPU/s`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    http.close();
    await server.stop();
  }
}

export const latencyBenchmark: Benchmark = { name: 'latency', figures: latencyFigures, run };
