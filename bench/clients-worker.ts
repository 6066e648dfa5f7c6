// Child process holding many socket.io-client connections for the latency benchmark, so the
// clients never share the server's event loop. Driven over IPC by bench/latency.ts:
//   { type: 'connect', url, token, count } → { type: 'connected', ms }
//   { type: 'reset' }                      → histogram cleared (no answer)
//   { type: 'report' }                     → { type: 'report', ...LatencyReport }
//   { type: 'close' }                      → { type: 'closed' } and exit
// Latency of a call = time of receipt − its receivedAt (the `at` the bench stamped just before
// the POST), taken from the first change that shows the call waiting, per client. (A call
// answered within the same window arrives already answered and is not sampled.)
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/contract/socket.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type WorkerCommand =
  | { type: 'connect'; url: string; token: string; count: number }
  | { type: 'reset' }
  | { type: 'report' }
  | { type: 'close' };
/** Latency histogram as [ms, count] pairs (non-empty bins only), so reports of several workers merge. */
export interface LatencyReport { bins: [number, number][]; deltas: number; cpuMs: number; disconnects: number }
export type WorkerReply = { type: 'connected'; ms: number } | ({ type: 'report' } & LatencyReport) | { type: 'closed' } | { type: 'error'; message: string };

const BINS = 60_000;
let histogram = new Uint32Array(BINS);
let deltas = 0;
let disconnects = 0;
let cpuAtReset = process.cpuUsage();
const clients: Client[] = [];

function send(reply: WorkerReply): void {
  process.send?.(reply);
}

function onDelta(d: Parameters<ServerToClientEvents['delta']>[0]): void {
  deltas++;
  const now = Date.now();
  for (const c of d.changes) {
    if (c.t !== 'call' || c.call.status !== 'waiting' || !c.call.receivedAt) continue;
    const ms = Math.max(0, Math.min(BINS - 1, Math.round(now - Date.parse(c.call.receivedAt))));
    histogram[ms] = (histogram[ms] ?? 0) + 1;
  }
}

function report(): LatencyReport {
  const bins: [number, number][] = [];
  for (let ms = 0; ms < BINS; ms++) {
    const n = histogram[ms] ?? 0;
    if (n > 0) bins.push([ms, n]);
  }
  const cpu = process.cpuUsage(cpuAtReset);
  return { bins, deltas, cpuMs: (cpu.user + cpu.system) / 1000, disconnects };
}

async function connectAll(url: string, token: string, count: number): Promise<void> {
  // In waves, as screens come up over a few seconds, so the handshakes do not time out.
  const WAVE = 50;
  for (let i = 0; i < count; i += WAVE) {
    const wave: Promise<void>[] = [];
    for (let j = i; j < Math.min(count, i + WAVE); j++) {
      const s: Client = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true, timeout: 60_000 });
      clients.push(s);
      wave.push(new Promise<void>((resolve, reject) => {
        s.once('snapshot', () => resolve());
        s.once('connect_error', (err) => reject(err));
      }));
      s.on('delta', onDelta);
      s.on('disconnect', () => { disconnects++; });
    }
    await Promise.all(wave);
  }
}

process.on('message', (m: WorkerCommand) => {
  if (m.type === 'connect') {
    const t0 = performance.now();
    connectAll(m.url, m.token, m.count).then(
      () => send({ type: 'connected', ms: performance.now() - t0 }),
      (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (m.type === 'reset') {
    histogram = new Uint32Array(BINS);
    deltas = 0;
    disconnects = 0;
    cpuAtReset = process.cpuUsage();
  } else if (m.type === 'report') {
    send({ type: 'report', ...report() });
  } else if (m.type === 'close') {
    for (const s of clients.splice(0)) s.close();
    send({ type: 'closed' });
    setTimeout(() => process.exit(0), 50);
  }
});
