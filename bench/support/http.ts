// A minimal keep-alive HTTP client for the load generator: node:http with a fixed pool, so
// the client's own overhead stays small and constant across runs.
import { Agent, request } from 'node:http';

export interface HttpClient {
  post(path: string, body: string, contentType: string, token: string): Promise<{ status: number; body: string }>;
  get(path: string, token: string): Promise<{ status: number; body: string; bytes: number }>;
  close(): void;
}

/** Pooled sockets closed by the server while idle that one request may meet in a row. */
const MAX_STALE_RETRIES = 4;

export function httpClient(baseUrl: string, maxSockets = 64): HttpClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets });
  function send(method: string, path: string, headers: Record<string, string>, body?: string, retries = 0): Promise<{ status: number; body: string; bytes: number }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body: buf.toString('utf8'), bytes: buf.length });
        });
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A pooled socket the server closed for idleness just as this request took it (the
        // race Node's http docs describe): nothing reached the server, so send it again. The pool
        // may hold several such sockets after a pause (the ingest bench's 1,000-event round failed
        // on the second), so a few tries.
        if (req.reusedSocket && err.code === 'ECONNRESET' && retries < MAX_STALE_RETRIES) send(method, path, headers, body, retries + 1).then(resolve, reject);
        else reject(err);
      });
      if (body !== undefined) req.end(body);
      else req.end();
    });
  }
  return {
    post: (path, body, contentType, token) =>
      send('POST', path, { 'content-type': contentType, authorization: `Bearer ${token}`, 'content-length': String(Buffer.byteLength(body)) }, body),
    get: (path, token) => send('GET', path, { authorization: `Bearer ${token}` }),
    close: () => agent.destroy(),
  };
}
