// A Node twin of the browser's LiveConnection (client/live/connection.ts): the same pure
// reducer (fromSnapshot, applyDeltas), the handshake sends the last applied position on every
// (re)connect, and a gap makes it reconnect. It counts what happened, for assertions.
import { io, type Socket } from 'socket.io-client';
import { applyDeltas } from '../../client/live/apply-delta.ts';
import { EMPTY_LIVE, fromSnapshot, type LiveData } from '../../shared/live/live-data.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Delta, Snapshot } from '../../shared/contract/views.ts';

export interface LiveClient {
  readonly data: LiveData;
  readonly stats: { connects: number; snapshots: number; deltas: number; gaps: number; resumedWithDelta: number; disconnects: string[] };
  /** Size of each delta received, as JSON characters, in order. */
  readonly deltaSizes: number[];
  /** Resolves with the first message after the next connect: 'snapshot' or 'delta'. */
  nextWelcome(): Promise<'snapshot' | 'delta'>;
  /** Stops reconnecting (the client "goes away") until resume(). */
  pause(): void;
  resume(): void;
  close(): void;
}

export function startLiveClient(url: string, token: string): LiveClient {
  let data: LiveData = EMPTY_LIVE;
  const stats: LiveClient['stats'] = { connects: 0, snapshots: 0, deltas: 0, gaps: 0, resumedWithDelta: 0, disconnects: [] };
  let firstAfterConnect = false;
  let welcomeWaiters: ((kind: 'snapshot' | 'delta') => void)[] = [];
  let paused = false;
  const deltaSizes: number[] = [];
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 300,
    randomizationFactor: 0,
    // As in the browser: read the position at the moment of each handshake.
    auth: (cb) => cb({ token, ...(data.position ? { position: data.position } : {}) }),
  });
  const welcome = (kind: 'snapshot' | 'delta'): void => {
    if (!firstAfterConnect) return;
    firstAfterConnect = false;
    if (kind === 'delta') stats.resumedWithDelta += 1;
    for (const w of welcomeWaiters.splice(0)) w(kind);
  };
  socket.on('connect', () => {
    stats.connects += 1;
    firstAfterConnect = true;
  });
  socket.on('disconnect', (reason) => {
    stats.disconnects.push(reason);
    // Socket.IO does not retry by itself after the server closed the socket on purpose.
    if (reason === 'io server disconnect' && !paused) socket.connect();
  });
  socket.on('snapshot', (value) => {
    const parsed = Snapshot.safeParse(value);
    if (!parsed.success) throw new Error(`invalid snapshot: ${parsed.error.message}`);
    stats.snapshots += 1;
    data = fromSnapshot(parsed.data);
    welcome('snapshot');
  });
  socket.on('delta', (value) => {
    const parsed = Delta.safeParse(value);
    if (!parsed.success) throw new Error(`invalid delta: ${parsed.error.message}`);
    stats.deltas += 1;
    deltaSizes.push(JSON.stringify(value).length);
    welcome('delta');
    const result = applyDeltas(data, [parsed.data]);
    data = result.state;
    if (result.gapAt !== null) {
      // A delta that does not follow ours: reconnect with our last good position.
      stats.gaps += 1;
      socket.disconnect();
      socket.connect();
    }
  });
  return {
    get data() {
      return data;
    },
    stats,
    deltaSizes,
    nextWelcome: () => new Promise((resolve) => welcomeWaiters.push(resolve)),
    pause() {
      paused = true;
      socket.io.reconnection(false);
      socket.disconnect();
    },
    resume() {
      paused = false;
      socket.io.reconnection(true);
      socket.connect();
    },
    close() {
      welcomeWaiters = [];
      socket.close();
    },
  };
}
