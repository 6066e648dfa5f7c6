// Feeds the live store from Socket.IO: snapshot, then ordered deltas; a gap (a delta whose
// prev is not our position) makes us reconnect with the last position we applied, and the
// server replays from there or sends a fresh snapshot.
import { io, type Socket } from 'socket.io-client';
import { SourceState, type AckResult, type ClientToServerEvents, type HandshakeAuth, type ServerToClientEvents } from '../../shared/contract/socket.ts';
import { Delta, Snapshot, type Space } from '../../shared/contract/views.ts';
import { WIRE_DELTA, WIRE_FORMAT, WIRE_SNAPSHOT } from '../../shared/contract/wire.ts';
import { applyDeltas } from './apply-delta.ts';
import { clockOffsetMs as clockOffsetFrom } from './clock-offset.ts';
import { connectionStatus, nextStatusChangeInMs } from './connection-status.ts';
import { fromSnapshot, type LiveData } from '../../shared/live/live-data.ts';
import { INITIAL_LIVE_STATE, useLive } from './store.ts';
import { decodeDeltaFrame, decodeSnapshotFrame } from './wire-decode.ts';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveOptions {
  token: string | null;
  /** Ask for a space; the server decides (a demo viewer only ever gets demo). */
  space?: Space;
}

/** A snapshot decoded from the compact form arrives already checked (`Snapshot`); a plain one is checked at the flush. */
type Incoming = { kind: 'snapshot'; value: unknown; checked?: Snapshot; receivedAtMs: number } | { kind: 'delta'; value: unknown };

/** A background tab gets no animation frames; this bounds how long deltas can wait there. */
const FLUSH_FALLBACK_MS = 250;
/** After the server refuses a handshake, retry slowly: the token may be fixed server-side. */
const REFUSED_RETRY_MS = 10_000;

export class LiveConnection {
  private readonly socket: LiveSocket;
  private queue: Incoming[] = [];
  private frame: number | null = null;
  private fallback: ReturnType<typeof setTimeout> | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private lostAtMs: number | null;
  private stopped = false;
  /** Compact frames are inflated asynchronously; this chain keeps them in the order they came. */
  private decoding: Promise<void> = Promise.resolve();
  /** Bumped on a resync: frames of the abandoned connection still decoding are dropped. */
  private generation = 0;

  constructor(private readonly options: LiveOptions) {
    useLive.setState({ ...INITIAL_LIVE_STATE });
    // Until the first connect the server has not been seen: the same clock as a lost link.
    this.lostAtMs = Date.now();
    this.socket = io({
      // A function, so every (re)connect reads the position at that moment, never a stale copy.
      auth: (cb) => cb(this.handshakeAuth()),
      transports: ['websocket'],
      autoConnect: false,
    });
    this.socket.on('snapshot', (value) => this.enqueue({ kind: 'snapshot', value, receivedAtMs: Date.now() }));
    this.socket.on('delta', (value) => this.enqueue({ kind: 'delta', value }));
    this.socket.on('source', (value) => this.onSource(value));
    this.socket.on(WIRE_SNAPSHOT, (at, frame) => {
      const receivedAtMs = Date.now();
      this.decoded(decodeSnapshotFrame(at, frame), (checked) => (checked ? { kind: 'snapshot', value: checked, checked, receivedAtMs } : null));
    });
    this.socket.on(WIRE_DELTA, (frame) => this.decoded(decodeDeltaFrame(frame), (value) => ({ kind: 'delta', value })));
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => this.onDisconnect(reason));
    this.socket.on('connect_error', (err) => this.onConnectError(err));
    this.scheduleStatus();
    this.socket.connect();
  }

  stop(): void {
    this.stopped = true;
    this.cancelFlush();
    for (const t of [this.statusTimer, this.retryTimer]) if (t !== null) clearTimeout(t);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  ackAlert(alertId: string): Promise<AckResult> {
    return new Promise((resolve) => {
      this.socket.timeout(5_000).emit('alert:ack', alertId, (err: Error | null, result: AckResult) => {
        resolve(err ? { ok: false, error: err.message } : result);
      });
    });
  }

  private handshakeAuth(): HandshakeAuth {
    // Deltas still queued are valid and ours: apply them so the position we send is the newest.
    this.flush();
    const position = useLive.getState().data.position;
    return {
      ...(this.options.token ? { token: this.options.token } : {}),
      ...(position ? { position } : {}),
      ...(this.options.space ? { space: this.options.space } : {}),
      wire: WIRE_FORMAT,
    };
  }

  /** Queues a frame's decoded value after every frame that came before it. */
  private decoded<T>(value: Promise<T>, toItem: (v: T) => Incoming | null): void {
    const generation = this.generation;
    this.decoding = this.decoding.then(async () => {
      const item = toItem(await value);
      if (item !== null && generation === this.generation && !this.stopped) this.enqueue(item);
    }).catch(() => undefined);
  }

  private enqueue(item: Incoming): void {
    this.queue.push(item);
    if (this.frame !== null || this.fallback !== null) return;
    this.frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => this.flush()) : null;
    this.fallback = setTimeout(() => this.flush(), FLUSH_FALLBACK_MS);
  }

  private cancelFlush(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.fallback !== null) clearTimeout(this.fallback);
    this.frame = null;
    this.fallback = null;
  }

  /** Applies everything that arrived since the last frame in one store update. */
  private flush(): void {
    this.cancelFlush();
    if (this.queue.length === 0 || this.stopped) return;
    const items = this.queue;
    this.queue = [];
    const before = useLive.getState();
    let data: LiveData = before.data;
    let clockOffsetMs = before.clockOffsetMs;
    let run: Delta[] = [];
    let gap = false;
    for (const item of items) {
      if (item.kind === 'snapshot') {
        const snapshot = item.checked ?? Snapshot.safeParse(item.value).data;
        if (snapshot === undefined) continue;
        // A snapshot supersedes whatever came before it, deltas included.
        run = [];
        gap = false;
        data = fromSnapshot(snapshot);
        clockOffsetMs = clockOffsetFrom(Date.parse(snapshot.at), item.receivedAtMs);
        continue;
      }
      if (gap) continue;
      const parsed = Delta.safeParse(item.value);
      if (!parsed.success) {
        gap = true;
        continue;
      }
      run.push(parsed.data);
    }
    if (!gap && run.length > 0) {
      const result = applyDeltas(data, run);
      data = result.state;
      gap = result.gapAt !== null;
    }
    useLive.setState({ data, clockOffsetMs, lastUpdateAt: Date.now() });
    if (gap) this.resync();
  }

  /** Reconnects so the server sees our last good position and fills the gap. */
  private resync(): void {
    this.queue = [];
    this.generation += 1;
    this.socket.disconnect();
    this.socket.connect();
  }

  private onConnect(): void {
    this.lostAtMs = null;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    useLive.setState({ connected: true, refused: null, lastUpdateAt: Date.now() });
    this.scheduleStatus();
  }

  private onDisconnect(reason: Socket.DisconnectReason): void {
    if (this.stopped) return;
    const now = Date.now();
    this.lostAtMs = now;
    useLive.setState({ connected: false, lastUpdateAt: now });
    this.scheduleStatus();
    // Socket.IO does not retry by itself after the server closed the socket on purpose.
    if (reason === 'io server disconnect') this.socket.connect();
  }

  private onConnectError(err: Error): void {
    if (this.stopped || this.socket.active) return;
    // Not active: the server's middleware refused us (a bad token), so no automatic retry.
    useLive.setState({ refused: err.message });
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.socket.connect();
    }, REFUSED_RETRY_MS);
  }

  /**
   * The server lost (or regained) its source. Away: the figures are stale from the moment the
   * server names, at once. Back: the fresh snapshot came just before, so apply it first.
   */
  private onSource(value: unknown): void {
    const parsed = SourceState.safeParse(value);
    if (!parsed.success || this.stopped) return;
    this.flush();
    const { clockOffsetMs, sourceAwaySince } = useLive.getState();
    const since = Date.parse(parsed.data.since) - clockOffsetMs;
    const awaySince = parsed.data.available ? null : sourceAwaySince ?? Math.min(Date.now(), Number.isFinite(since) ? since : Date.now());
    useLive.setState({ sourceAwaySince: awaySince });
    this.scheduleStatus();
  }

  /** Moves the status on at the moment it changes (3 s, 30 s), rather than polling. */
  private scheduleStatus(): void {
    if (this.statusTimer !== null) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    const now = Date.now();
    const status = connectionStatus(this.lostAtMs, now, useLive.getState().sourceAwaySince !== null);
    if (useLive.getState().status !== status) useLive.setState({ status });
    const wait = nextStatusChangeInMs(this.lostAtMs, now);
    if (wait !== null) this.statusTimer = setTimeout(() => this.scheduleStatus(), wait + 5);
  }
}

let active: LiveConnection | null = null;

/** Starts the page's one live connection; the returned function stops it. */
export function startLive(options: LiveOptions): () => void {
  active?.stop();
  const connection = new LiveConnection(options);
  active = connection;
  return () => {
    connection.stop();
    if (active === connection) active = null;
  };
}

/** Operators acknowledge an alert over the page's live connection. */
export function ackAlert(alertId: string): Promise<AckResult> {
  return active ? active.ackAlert(alertId) : Promise.resolve({ ok: false, error: 'not connected' });
}
