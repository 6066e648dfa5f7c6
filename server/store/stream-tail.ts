// The live path's one blocked reader: a connection of its own per process that follows every
// space's stream with XREAD BLOCK 0, each from its own position, and hands what it reads to
// that space's sink. While no event arrives it holds one blocked command and sends nothing
// else: no timer, no poll. A wipe reaches it as a reset marker in the stream (wipe-space.ts);
// a Redis that came back with less than we read (a restart without AOF) is checked once per
// reconnection, before the next read.
//
// On a Redis Cluster one XREAD cannot span hash slots, and every city-space is a slot of its
// own (keys.ts), so there each stream gets its own blocked reader: a Cluster client of its own
// per stream, which opens a connection only to the master holding that stream's slot and
// follows the slot to the promoted replica after a failover. A process then holds one blocked
// connection per city-space it serves (docs/scale-out.md counts them).
import { Cluster } from 'ioredis';
import { isCluster, type RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';
import { hasEntry, lastPosition, parseRows, type StreamItem } from './read-entries.ts';

export interface TailSink {
  /** Items after the position already handed over, in stream order (markers included). */
  onItems(items: StreamItem[]): void;
  /** The stream now ends before what was read: Redis lost data. The tail goes on from the new end. */
  onLost(): void;
}

export interface TailedStream { keys: SpaceKeys; from: string; sink: TailSink }

export interface StreamTail { close(): Promise<void> }

export interface TailOptions {
  /** Entries per stream and read (a busy stream is read in several rounds, never unbounded). */
  count?: number;
  /** A failed read (Redis away); the tail retries with a backoff up to 2 s. */
  onError?: (err: unknown) => void;
}

type XreadReply = [stream: string, rows: [string, string[]][]][] | null;

/**
 * Starts following `streams` on new connections duplicated from `base`: one for all of them on
 * a single Redis, one per stream on a cluster. Commands are not resent after a reconnection,
 * so a read pending when the link dropped fails and the tail checks for lost data before it
 * reads again.
 */
export function startStreamTail(base: RedisClient, streams: readonly TailedStream[], opts: TailOptions = {}): StreamTail {
  if (!isCluster(base)) {
    return followStreams(base.duplicate({ lazyConnect: false, enableOfflineQueue: true, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 }), streams, opts);
  }
  const tails = streams.map((s) => followStreams(clusterReader(base), [s], opts));
  return {
    async close() {
      await Promise.all(tails.map((t) => t.close()));
    },
  };
}

function clusterReader(base: Cluster): Cluster {
  return base.duplicate(undefined, {
    lazyConnect: false,
    enableOfflineQueue: true,
    redisOptions: { ...base.options.redisOptions, autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 0 },
  });
}

/** One blocked XREAD at a time over `streams`, which must share a hash slot on a cluster. */
function followStreams(conn: RedisClient, streams: readonly TailedStream[], opts: TailOptions): StreamTail {
  conn.on('error', () => undefined);
  const count = opts.count ?? 5_000;
  const position = new Map(streams.map((s) => [s.keys.stream, s.from]));
  const sinks = new Map(streams.map((s) => [s.keys.stream, s]));
  let closed = false;
  // Set on every link loss: the first read after it is preceded by the lost-data check.
  let mustCheck = false;
  conn.on('close', () => { mustCheck = true; });
  // A cluster client stays up while one node goes: a lost master (failover) is a link loss too.
  if (conn instanceof Cluster) conn.on('-node', () => { mustCheck = true; });

  /**
   * The entry at our position must still be there. Comparing with the stream's last id would
   * miss a loss once new events (newer ids) landed after the restart; a missing entry is lost
   * data (or a wipe or a trim during the outage: reloading is right for those too).
   */
  async function checkLost(): Promise<void> {
    for (const s of streams) {
      const at = position.get(s.keys.stream) ?? '0-0';
      if (at === '0-0' || (await hasEntry(conn, s.keys, at))) continue;
      position.set(s.keys.stream, await lastPosition(conn, s.keys));
      s.sink.onLost();
    }
  }

  async function readOnce(): Promise<void> {
    const names = [...position.keys()];
    const reply = (await conn.xread('COUNT', count, 'BLOCK', 0, 'STREAMS', ...names, ...names.map((n) => position.get(n) ?? '0-0'))) as XreadReply;
    for (const [stream, rows] of reply ?? []) {
      const last = rows.at(-1);
      if (!last) continue;
      position.set(stream, last[0]);
      sinks.get(stream)?.sink.onItems(parseRows(rows));
    }
  }

  const done = (async () => {
    let backoffMs = 0;
    while (!closed) {
      try {
        if (mustCheck) {
          mustCheck = false;
          await checkLost();
        }
        await readOnce();
        backoffMs = 0;
      } catch (err) {
        if (closed) break;
        mustCheck = true;
        opts.onError?.(err);
        backoffMs = Math.min(2_000, backoffMs + 100);
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  })();

  return {
    async close() {
      closed = true;
      // Ends the blocked XREAD (it rejects), which ends the loop.
      conn.disconnect();
      await done;
    },
  };
}
