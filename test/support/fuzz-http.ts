// POSTs for fuzz tests over node:http, one connection per request. fetch (undici) reuses
// keep-alive sockets, and with the server in the same process a multi-megabyte upload on a
// reused socket was reset now and then; that would be the client's flake, not a finding.
import { request } from 'node:http';

export interface RawAnswer { status: number; headers: Record<string, string | string[] | undefined>; text: string }

export function postRaw(url: string, headers: Record<string, string>, body: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
