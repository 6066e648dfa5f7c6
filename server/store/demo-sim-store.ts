// What the demo simulator keeps in Redis: the lease that lets exactly one process run it, the
// status that process publishes for the others, and the control channel on which any process
// passes a presenter's command to the lease holder. The simulator holds this object, never a
// Redis connection; payloads are opaque strings here (server/sim owns their shape).
import type { RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';
import { holdLease, releaseLease } from './leader-lock.ts';
import { lastEventPosition } from './read-entries.ts';
import { wipeSpace } from './wipe-space.ts';

export interface DemoSimStore {
  /** Takes the simulator's lease if free, or renews it if `owner` holds it; true when `owner` holds it afterwards. */
  holdSimLease(owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` still holds it (another process may take it at once). */
  releaseSimLease(owner: string): Promise<void>;
  /** Stores the lease holder's status for every process; it lapses with the lease if not rewritten. */
  writeSimStatus(status: string, ttlMs: number): Promise<void>;
  readSimStatus(): Promise<string | null>;
  /** Publishes a command for the lease holder, whichever process that is. */
  publishSimCommand(command: string): Promise<void>;
  /** Calls `onCommand` with every command published from now on (this store's subscriber connection). */
  subscribeSimCommands(onCommand: (command: string) => void): Promise<void>;
  unsubscribeSimCommands(): Promise<void>;
  /** Epoch ms of the newest demo event (the time part of its stream id); null while the space is empty. */
  newestEventMs(): Promise<number | null>;
  /** Removes every key of the demo space (a reset); live feeds see the epoch move and reload. */
  wipeDemoSpace(): Promise<void>;
}

/**
 * `subscriber` is put in subscriber mode (it can then run no other command): give it a
 * connection of its own, such as RedisHandle.duplicate().
 */
export function createDemoSimStore(redis: RedisClient, subscriber: RedisClient, keys: SpaceKeys): DemoSimStore {
  return {
    holdSimLease: (owner, ttlMs) => holdLease(redis, keys.simLease, owner, ttlMs),
    releaseSimLease: (owner) => releaseLease(redis, keys.simLease, owner),
    async writeSimStatus(status, ttlMs) {
      await redis.set(keys.simStatus, status, 'PX', ttlMs);
    },
    readSimStatus: () => redis.get(keys.simStatus),
    async publishSimCommand(command) {
      await redis.publish(keys.simControl, command);
    },
    async subscribeSimCommands(onCommand) {
      subscriber.on('message', (channel: string, message: string) => {
        if (channel === keys.simControl) onCommand(message);
      });
      await subscriber.subscribe(keys.simControl);
    },
    async unsubscribeSimCommands() {
      await subscriber.unsubscribe(keys.simControl);
    },
    async newestEventMs() {
      const last = await lastEventPosition(redis, keys);
      return last === '0-0' ? null : Number(last.split('-')[0]);
    },
    async wipeDemoSpace() {
      await wipeSpace(redis, keys);
    },
  };
}
