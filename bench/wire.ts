// The snapshot on the wire (issue #21): 10,000 open incidents and 500 waiting calls, as a
// wall gets them after a restart. Bytes over HTTP (accept-encoding `br, gzip`, against the
// uncompressed JSON an old client gets) and over the socket (every WebSocket frame of the
// compact snapshot, against the plain `snapshot` event), and the time to serve them: HTTP
// request to last byte, and socket handshake to the snapshot's last frame, p50.
import WebSocket from 'ws';
import { request } from 'node:http';
import { WIRE_FORMAT, WIRE_SNAPSHOT } from '../shared/contract/wire.ts';
import { spaceKeys } from '../server/store/keys.ts';
import type { Benchmark, BenchContext } from './support/context.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { ingestAll, openState } from './support/fill.ts';
import { DISPLAY_TOKEN, startPantauProcess } from './support/pantau-process.ts';
import { summarize } from './support/stats.ts';

export const WIRE_FIGURES = ['wire.snapshot.httpBytes', 'wire.snapshot.socketBytes', 'wire.snapshot.httpServedMs', 'wire.snapshot.socketServedMs'];
const FULL = { incidents: 10_000, waitingCalls: 500, requests: 30 };
const QUICK = { incidents: 300, waitingCalls: 20, requests: 5 };
const MAX_BYTES = 1_000_000;
const MAX_SERVED_MS = 150;

/** One GET of the snapshot: bytes on the wire (body as sent) and ms from request to last byte. */
function getSnapshot(url: string, acceptEncoding: string | null): Promise<{ bytes: number; ms: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const headers: Record<string, string> = { authorization: `Bearer ${DISPLAY_TOKEN}` };
    if (acceptEncoding) headers['accept-encoding'] = acceptEncoding;
    const req = request(`${url}/api/v1/snapshot`, { headers, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => { bytes += c.length; });
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`snapshot answered ${res.statusCode}`));
        else resolve({ bytes, ms: performance.now() - t0, encoding: String(res.headers['content-encoding'] ?? 'identity') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a raw WebSocket, signs in (compact or plain) and counts the bytes of the snapshot's frame. */
function socketSnapshot(url: string, compact: boolean): Promise<{ bytes: number; ms: number; frames: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
    let t0 = 0;
    let bytes = 0;
    let frames = 0;
    const done = (): void => {
      resolve({ bytes, ms: performance.now() - t0, frames });
      ws.close();
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const text = isBinary ? '' : data.toString('latin1', 0, 24);
      if (text === '2') return void ws.send('3');
      if (text.startsWith('0')) {
        t0 = performance.now();
        return void ws.send(`40${JSON.stringify(compact ? { token: DISPLAY_TOKEN, wire: WIRE_FORMAT } : { token: DISPLAY_TOKEN })}`);
      }
      if (text.startsWith('44')) return reject(new Error(`refused: ${data.toString()}`));
      if (text.startsWith('42["snapshot"') || text.startsWith(`42["${WIRE_SNAPSHOT}"`)) {
        bytes += data.length;
        frames++;
        return done();
      }
    });
    ws.on('error', reject);
  });
}

async function run(ctx: BenchContext): Promise<void> {
  const size = ctx.quick ? QUICK : FULL;
  const prefix = ctx.prefix('wire');
  const redis = ctx.redis.connect();
  await ingestAll(
    { redis, keys: spaceKeys(prefix, ctx.city.profile.id, 'live'), timeZone: ctx.city.profile.timezone, locate: (lat, lon) => ctx.city.geo.locate(lat, lon) },
    openState({ incidents: size.incidents, waitingCalls: size.waitingCalls, nowMs: Date.now(), spreadMs: 4 * 3_600_000, runId: 'z', point: ctx.point }),
  );
  redis.disconnect();
  const server = await startPantauProcess({ redisUrl: ctx.redis.url, keyPrefix: prefix });
  try {
    const conditions = { openIncidents: size.incidents, waitingCalls: size.waitingCalls, role: 'display', requests: size.requests };
    const identity = await getSnapshot(server.url, null);
    // Sequential requests, as walls reconnecting one after another: the state holds waiting
    // calls, so its body is rebuilt (and recompressed) once a second as their waits move.
    const http: { bytes: number; ms: number; encoding: string }[] = [];
    for (let i = 0; i < size.requests; i++) http.push(await getSnapshot(server.url, 'br, gzip'));
    const last = http.at(-1);
    if (!last || last.encoding !== 'gzip') throw new Error(`snapshot answered with content-encoding ${last?.encoding ?? 'none'}`);
    ctx.report({
      ...withBaseline({
        name: 'wire.snapshot.httpBytes', value: last.bytes, unit: 'bytes on the wire (GET /api/v1/snapshot, accept-encoding: br, gzip)', conditions,
        extra: { encoding: last.encoding }, target: target('value', '<=', MAX_BYTES, last.bytes),
      }, { name: 'the same snapshot uncompressed (no accept-encoding)', value: identity.bytes, unit: 'bytes' }),
    });
    const httpMs = summarize(http.map((h) => h.ms).sort((a, b) => a - b));
    ctx.report({
      name: 'wire.snapshot.httpServedMs', value: round(httpMs.p50, 1), unit: 'ms (p50, request to last byte, gzip)', conditions,
      extra: { p95: round(httpMs.p95, 1), max: round(httpMs.max, 1), identityMs: round(identity.ms, 1) }, target: target('value', '<=', MAX_SERVED_MS, httpMs.p50),
    });

    const plain = await socketSnapshot(server.url, false);
    const compact: { bytes: number; ms: number; frames: number }[] = [];
    for (let i = 0; i < size.requests; i++) compact.push(await socketSnapshot(server.url, true));
    const lastCompact = compact.at(-1);
    if (!lastCompact) throw new Error('no compact snapshot');
    ctx.report({
      ...withBaseline({
        name: 'wire.snapshot.socketBytes', value: lastCompact.bytes, unit: `bytes of WebSocket frames (compact form ${WIRE_FORMAT})`, conditions,
        extra: { frames: lastCompact.frames }, target: target('value', '<=', MAX_BYTES, lastCompact.bytes),
      }, { name: 'the plain `snapshot` event (JSON)', value: plain.bytes, unit: 'bytes' }),
    });
    const socketMs = summarize(compact.map((c) => c.ms).sort((a, b) => a - b));
    ctx.report({
      name: 'wire.snapshot.socketServedMs', value: round(socketMs.p50, 1), unit: 'ms (p50, Socket.IO connect packet to the snapshot\'s last frame, compact)', conditions,
      extra: { p95: round(socketMs.p95, 1), max: round(socketMs.max, 1), plainMs: round(plain.ms, 1) }, target: target('value', '<=', MAX_SERVED_MS, socketMs.p50),
    });
  } finally {
    await server.stop();
  }
}

export const wireBenchmark: Benchmark = { name: 'wire', figures: WIRE_FIGURES, run };
