// A Socket.IO client that stops reading: a raw WebSocket over TCP (engine.io v4, socket.io v5
// framing) that signs in, then pauses its socket so nothing more is read, as a frozen tab or a
// wall PC on a saturated link would. It keeps answering heartbeats blindly (writing still
// works), so the server can only notice it by what piles up for it.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface StuckClient {
  /** Bytes received before and after pausing (the latter only once resumed). */
  readonly received: () => number;
  /** Whether the server has closed the connection (seen only while reading). */
  readonly closed: () => boolean;
  /** Stop reading from the socket; the kernel buffers fill, then the server's. */
  pause(): void;
  /** Read again (everything the kernel held), and learn whether the server hung up. */
  resume(): Promise<void>;
  destroy(): void;
}

/** A masked client text frame (RFC 6455 §5.2). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x81, 0x80 | len]) : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  const body = Buffer.alloc(len);
  for (let i = 0; i < len; i++) body[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([head, mask, body]);
}

export function connectStuckClient(port: number, token: string): Promise<StuckClient> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let received = 0;
    let closed = false;
    let upgraded = false;
    let signedIn = false;
    let heartbeat: NodeJS.Timeout | undefined;
    const client: StuckClient = {
      received: () => received,
      closed: () => closed,
      pause: () => socket.pause(),
      resume: () => new Promise((done) => {
        if (closed) return done();
        socket.once('close', () => done());
        socket.resume();
      }),
      destroy() {
        clearInterval(heartbeat);
        socket.destroy();
      },
    };
    socket.on('close', () => {
      closed = true;
      clearInterval(heartbeat);
    });
    socket.on('error', (err) => {
      if (!signedIn) reject(err);
    });
    socket.once('connect', () => {
      socket.write(
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (d: Buffer) => {
      received += d.length;
      if (!upgraded) {
        if (!d.toString('latin1').startsWith('HTTP/1.1 101')) return reject(new Error(`no upgrade: ${d.toString('latin1').slice(0, 80)}`));
        upgraded = true;
        // engine.io "message" (4) carrying socket.io CONNECT (0) with the handshake auth.
        socket.write(textFrame(`40${JSON.stringify({ token })}`));
        // engine.io PONG (3), unasked: the server's heartbeat stays satisfied while we do not read.
        heartbeat = setInterval(() => socket.write(textFrame('3')), 3_000);
        return;
      }
      if (!signedIn && d.includes('snapshot')) {
        signedIn = true;
        resolve(client);
      }
    });
  });
}
