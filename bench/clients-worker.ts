// Child process holding many socket.io-client connections for the latency benchmark, so the
// clients never share the server's event loop. Driven over IPC by bench/latency.ts:
//   { type: 'connect', url, token, count, raw } → { type: 'connected', ms }
//   { type: 'reset' }                      → histogram cleared (no answer)
//   { type: 'report' }                     → { type: 'report', ...LatencyReport }
//   { type: 'close' }                      → { type: 'closed' } and exit
// Latency of a call = time of receipt − its receivedAt (the `at` the bench stamped just before
// the POST), taken from the first change that shows the call waiting, per client. (A call
// answered within the same window arrives already answered and is not sampled.)
//
// Probes and raw screens sign in for the compact form (shared/contract/wire.ts), as the wall
// does; `plain` raw screens do not, and their bytes are the reference the compact ones are read
// against (what a wall took before the compact form).
//
// `raw` clients are for the crowd of 1,000 screens: plain WebSockets speaking the Engine.IO /
// Socket.IO wire protocol, which authenticate, answer pings and take every frame the server
// sends, without decoding it. The server cannot tell them from walls and does the same work for
// them; this machine's two cores only have to parse what the measuring clients receive. (In
// the field each wall parses its own deltas on its own computer.)
import WebSocket from 'ws';
import { io, type Socket } from 'socket.io-client';
import { gunzipSync } from 'node:zlib';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/contract/socket.ts';
import type { Delta } from '../shared/contract/views.ts';
import { WIRE_DELTA, WIRE_FORMAT, WIRE_SNAPSHOT } from '../shared/contract/wire.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type WorkerCommand =
  /** `plain`: the screens sign in without asking for the compact form (the reference for bytes). */
  | { type: 'connect'; url: string; token: string; count: number; raw?: boolean; plain?: boolean }
  | { type: 'reset' }
  | { type: 'report' }
  | { type: 'close' };
/** Latency histogram as [ms, count] pairs (non-empty bins only), so reports of several workers merge. */
export interface LatencyReport {
  bins: [number, number][]; deltas: number; cpuMs: number; disconnects: number;
  /** Frames and bytes taken by raw screens on the compact form, and by raw screens on plain JSON. */
  rawFrames: number; rawBytes: number; plainFrames: number; plainBytes: number;
}
export type WorkerReply = { type: 'connected'; ms: number } | ({ type: 'report' } & LatencyReport) | { type: 'closed' } | { type: 'error'; message: string };

const BINS = 60_000;
let histogram = new Uint32Array(BINS);
let deltas = 0;
let disconnects = 0;
let rawFrames = 0;
let rawBytes = 0;
let plainFrames = 0;
let plainBytes = 0;
let cpuAtReset = process.cpuUsage();
const clients: Client[] = [];
const rawClients: WebSocket[] = [];

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
  return { bins, deltas, cpuMs: (cpu.user + cpu.system) / 1000, disconnects, rawFrames, rawBytes, plainFrames, plainBytes };
}

function connectProbe(url: string, token: string): Promise<void> {
  // The compact form, as the wall asks for it.
  const s: Client = io(url, { transports: ['websocket'], auth: { token, wire: WIRE_FORMAT }, reconnection: false, forceNew: true, timeout: 60_000 });
  clients.push(s);
  // Inflated synchronously (Node's zlib), like the plain probes parsed synchronously before: the
  // browser's asynchronous DecompressionStream is client/live/wire-decode.ts's business.
  s.on(WIRE_DELTA, (frame) => onDelta(JSON.parse(gunzipSync(Buffer.from(frame, 'base64')).toString()) as Delta));
  s.on('disconnect', () => { disconnects++; });
  return new Promise<void>((resolve, reject) => {
    s.once(WIRE_SNAPSHOT, () => resolve());
    s.once('connect_error', (err) => reject(err));
  });
}

// Engine.IO v4 packet types are one ASCII digit: 0 open, 2 ping, 3 pong, 4 message; a Socket.IO
// message then has its own digit: 0 connect, 2 event, 4 connect error.
const OPEN = 0x30;
const PING = 0x32;
const MESSAGE = 0x34;
const SIO_EVENT = 0x32;
const SIO_ERROR = 0x34;

function connectRaw(url: string, token: string, plain: boolean): Promise<void> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
  rawClients.push(ws);
  return new Promise<void>((resolve, reject) => {
    let ready = false;
    ws.on('message', (data: Buffer) => {
      const kind = data[0];
      if (kind === PING) ws.send('3');
      else if (kind === OPEN) ws.send(`40${JSON.stringify(plain ? { token } : { token, wire: WIRE_FORMAT })}`);
      else if (kind === MESSAGE && data[1] === SIO_ERROR) reject(new Error(`refused: ${data.toString()}`));
      else if (ready && plain) {
        plainFrames++;
        plainBytes += data.length;
      } else if (ready) {
        rawFrames++;
        rawBytes += data.length;
      } else if (kind === MESSAGE && data[1] === SIO_EVENT) {
        // The first event is the snapshot; after it, every frame is counted and left unread.
        ready = true;
        resolve();
      }
    });
    ws.on('close', () => {
      if (ready) disconnects++;
      else reject(new Error('closed before the snapshot'));
    });
    ws.on('error', (err) => { if (!ready) reject(err); });
  });
}

async function connectAll(url: string, token: string, count: number, raw: boolean, plain: boolean): Promise<void> {
  // In waves, as screens come up over a few seconds, so the handshakes do not time out.
  const WAVE = 50;
  for (let i = 0; i < count; i += WAVE) {
    const wave: Promise<void>[] = [];
    for (let j = i; j < Math.min(count, i + WAVE); j++) wave.push(raw ? connectRaw(url, token, plain) : connectProbe(url, token));
    await Promise.all(wave);
  }
}

process.on('message', (m: WorkerCommand) => {
  if (m.type === 'connect') {
    const t0 = performance.now();
    connectAll(m.url, m.token, m.count, m.raw === true, m.plain === true).then(
      () => send({ type: 'connected', ms: performance.now() - t0 }),
      (err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
    );
  } else if (m.type === 'reset') {
    histogram = new Uint32Array(BINS);
    deltas = 0;
    disconnects = 0;
    rawFrames = 0;
    rawBytes = 0;
    plainFrames = 0;
    plainBytes = 0;
    cpuAtReset = process.cpuUsage();
  } else if (m.type === 'report') {
    send({ type: 'report', ...report() });
  } else if (m.type === 'close') {
    for (const s of clients.splice(0)) s.close();
    for (const ws of rawClients.splice(0)) ws.close();
    send({ type: 'closed' });
    setTimeout(() => process.exit(0), 50);
  }
});
