// The current state of a space, read atomically with the position it is consistent with.
import type { RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';
import { flatToRecord, type RawEntity } from './entries.ts';

export interface RawState {
  position: string;
  waiting: Map<string, RawEntity>;
  incidents: Map<string, RawEntity>;
  agents: Map<string, RawEntity>;
  alerts: Map<string, RawEntity>;
  /** The callback list's entries (callback.lua), oldest abandonment first. */
  callbacks: Map<string, RawEntity>;
  eventsToday: number;
}

function pairs(list: unknown[]): Map<string, RawEntity> {
  const out = new Map<string, RawEntity>();
  for (let i = 0; i + 1 < list.length; i += 2) out.set(String(list[i]), flatToRecord(list[i + 1]));
  return out;
}

export async function readState(redis: RedisClient, keys: SpaceKeys, cityDay: string, alertsSinceMs: number): Promise<RawState> {
  const [position, waiting, incidents, agents, n, alerts, callbacks] = await redis.pantauReadState(keys.stream, keys.all, cityDay, alertsSinceMs);
  return { position, waiting: pairs(waiting), incidents: pairs(incidents), agents: pairs(agents), alerts: pairs(alerts), callbacks: pairs(callbacks), eventsToday: Number(n) };
}
