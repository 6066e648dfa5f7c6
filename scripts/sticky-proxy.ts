// A small sticky-session HTTP + WebSocket proxy for running several Pantau processes on one
// machine (`npm run cluster`). Socket.IO needs every request of one session (its long-polling
// handshake, then the WebSocket upgrade) to reach the same process, so a client sticks to a
// backend: by the `pantau_node` cookie when it has one, else by a hash of its IP. A backend
// that refuses connections is skipped until it answers again. node:http and node:net only.
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Backend { host: string; port: number }

export interface StickyProxy {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export const STICKY_COOKIE = 'pantau_node';
/** A backend that refused a connection is not chosen for new clients for this long. */
const DOWN_MS = 5_000;

function cookieBackend(header: string | undefined, n: number): number | null {
  const m = new RegExp(`(?:^|;\\s*)${STICKY_COOKIE}=(\\d+)`).exec(header ?? '');
  const i = m ? Number(m[1]) : Number.NaN;
  return Number.isInteger(i) && i >= 0 && i < n ? i : null;
}

function ipHash(ip: string): number {
  return createHash('sha1').update(ip).digest().readUInt32BE(0);
}

/**
 * The backend for a request: its cookie's when that one is up, else the IP's hash, moved on
 * to the next backend that is up. Pure, so the choice is tested without sockets.
 */
export function pickBackend(cookie: string | undefined, ip: string, n: number, isUp: (i: number) => boolean): { index: number; fromCookie: boolean } {
  const fromCookie = cookieBackend(cookie, n);
  if (fromCookie !== null && isUp(fromCookie)) return { index: fromCookie, fromCookie: true };
  const start = ipHash(ip) % n;
  for (let k = 0; k < n; k++) {
    const i = (start + k) % n;
    if (isUp(i)) return { index: i, fromCookie: false };
  }
  return { index: start, fromCookie: false };
}

function forwardedHeaders(req: IncomingMessage): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = v;
  const ip = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${String(prior)}, ${ip}` : ip;
  headers['x-forwarded-proto'] = 'http';
  return headers;
}

export function startStickyProxy(o: { port: number; host: string; backends: readonly Backend[]; onError?: (message: string) => void }): Promise<StickyProxy> {
  const n = o.backends.length;
  const downUntil = new Array<number>(n).fill(0);
  const isUp = (i: number): boolean => (downUntil[i] ?? 0) <= Date.now();
  const markDown = (i: number, err: Error): void => {
    downUntil[i] = Date.now() + DOWN_MS;
    o.onError?.(`backend ${i} (port ${o.backends[i]?.port}) refused: ${err.message}`);
  };

  const server = createServer((req, res) => {
    const { index, fromCookie } = pickBackend(req.headers.cookie, req.socket.remoteAddress ?? '', n, isUp);
    const backend = o.backends[index] as Backend;
    const upstream = request({ host: backend.host, port: backend.port, method: req.method, path: req.url, headers: forwardedHeaders(req) }, (up) => {
      const headers = { ...up.headers };
      if (!fromCookie) {
        const set = `${STICKY_COOKIE}=${index}; Path=/; HttpOnly; SameSite=Lax`;
        const prior = headers['set-cookie'] ?? [];
        headers['set-cookie'] = [...prior, set];
      }
      res.writeHead(up.statusCode ?? 502, headers);
      up.pipe(res);
    });
    upstream.on('error', (err) => {
      markDown(index, err);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('backend unavailable; retry');
    });
    req.pipe(upstream);
  });

  // Upgraded sockets leave the HTTP server's books, so close() ends them from here.
  const tunnels = new Set<Socket>();
  // WebSocket upgrades: replay the request head to the chosen backend, then splice the sockets.
  server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const { index } = pickBackend(req.headers.cookie, req.socket.remoteAddress ?? '', n, isUp);
    const backend = o.backends[index] as Backend;
    const up = connect(backend.port, backend.host, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (const [k, v] of Object.entries(forwardedHeaders(req))) for (const one of Array.isArray(v) ? v : [v]) lines.push(`${k}: ${one}`);
      up.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', (err) => {
      markDown(index, err);
      client.destroy();
    });
    client.on('error', () => up.destroy());
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => {
      const addr = server.address();
      resolve({
        server,
        port: typeof addr === 'object' && addr ? addr.port : o.port,
        close: () => new Promise<void>((r) => {
          for (const t of tunnels) t.destroy();
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
