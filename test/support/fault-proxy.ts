// A TCP proxy between test clients and the server, to cut the network on purpose: drop every
// connection at once, or cut one in the middle of a large frame from the server (a delta half
// delivered). The server only sees its sockets close, as with a real network failure.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface FaultProxy {
  url: string;
  /** Destroys every proxied connection now. */
  cutAll(): number;
  /** Cuts the next server→client chunk of at least `minBytes` after forwarding half of it. */
  cutMidFrame(minBytes: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let midFrame: { minBytes: number; done: () => void } | null = null;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (d: Buffer) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      const cut = midFrame;
      if (cut && d.length >= cut.minBytes) {
        midFrame = null;
        client.write(d.subarray(0, Math.floor(d.length / 2)), () => {
          drop();
          cut.done();
        });
        return;
      }
      client.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const cutAll = (): number => {
    const n = pairs.size;
    for (const [a, b] of [...pairs]) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
    return n;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    cutAll,
    cutMidFrame(minBytes) {
      return new Promise((resolve) => {
        midFrame = { minBytes, done: resolve };
      });
    },
    close() {
      cutAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
