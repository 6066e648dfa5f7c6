// What the live path (server/live) may ask of Redis, as plain functions of one space: the
// live code holds no connection, no key and no command. app.ts builds it from the connection.
import type { RedisClient } from './redis-client.ts';
import type { Space } from '../../shared/contract/views.ts';
import type { IncidentRecord } from '../domain/incident-record.ts';
import type { SpaceKeys } from './keys.ts';
import { watchConnection, type ConnectionListener } from './connection-watch.ts';
import { readIncidentRecords } from './read-incidents.ts';
import { isResumable, readItemsAfter, type StreamItem } from './read-entries.ts';
import { readState, type RawState } from './read-state.ts';
import { startStreamTail, type StreamTail, type TailOptions, type TailSink } from './stream-tail.ts';

export interface SpaceStore {
  /** The state a view draws now and the stream position it is consistent with (one atomic read). */
  readState(cityDay: string, alertsSinceMs: number): Promise<RawState>;
  /** Incident records reported in [fromMs, toMs). */
  readIncidentRecords(fromMs: number, toMs: number): Promise<IncidentRecord[]>;
  /** Stream items strictly after `position`, oldest first, at most `count`. */
  readItemsAfter(position: string, count: number): Promise<StreamItem[]>;
  /** Whether a client at `position` can be brought up to date from the stream. */
  isResumable(position: string): Promise<boolean>;
  alertExists(alertId: string): Promise<boolean>;
}

export interface LiveStore {
  space(space: Space): SpaceStore;
  /** One blocked reader for all the given spaces' streams (stream-tail.ts). */
  tail(streams: readonly { space: Space; from: string; sink: TailSink }[], opts?: TailOptions): StreamTail;
  /** When this store's connection goes away and comes back (connection-watch.ts); returns the stop. */
  watch(listener: ConnectionListener): () => void;
}

export function createLiveStore(redis: RedisClient, keys: (space: Space) => SpaceKeys): LiveStore {
  const spaceStore = (space: Space): SpaceStore => {
    const k = keys(space);
    return {
      readState: (cityDay, alertsSinceMs) => readState(redis, k, cityDay, alertsSinceMs),
      readIncidentRecords: (fromMs, toMs) => readIncidentRecords(redis, k, fromMs, toMs),
      readItemsAfter: (position, count) => readItemsAfter(redis, k, position, count),
      isResumable: (position) => isResumable(redis, k, position),
      alertExists: async (alertId) => (await redis.exists(k.alertPrefix + alertId)) === 1,
    };
  };
  return {
    space: spaceStore,
    tail: (streams, opts) => startStreamTail(redis, streams.map((s) => ({ keys: keys(s.space), from: s.from, sink: s.sink })), opts),
    watch: (listener) => watchConnection(redis, listener),
  };
}
