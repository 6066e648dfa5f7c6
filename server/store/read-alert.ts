// One alert record by id (the CAP message of one alert); null when there is none.
import type { RedisClient } from './redis-client.ts';
import type { SpaceKeys } from './keys.ts';

export async function readAlertRecord(redis: RedisClient, keys: SpaceKeys, alertId: string): Promise<Record<string, string> | null> {
  const h = await redis.hgetall(`${keys.alertPrefix}${alertId}`);
  return Object.keys(h).length > 0 ? h : null;
}
