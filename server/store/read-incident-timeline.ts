// One incident's record and its units' steps (the `~units` field the projection keeps), for
// GET /api/v1/incidents/:incidentId.
import type { RedisClient } from './redis-client.ts';
import { parseIncidentRecord, type IncidentRecord } from '../domain/incident-record.ts';
import { parseUnitSteps, type UnitStep } from '../domain/incident-timeline.ts';
import type { SpaceKeys } from './keys.ts';

export async function readIncidentWithUnits(redis: RedisClient, keys: SpaceKeys, incidentId: string): Promise<{ record: IncidentRecord; units: UnitStep[] } | null> {
  const hash = await redis.hgetall(`${keys.incidentPrefix}${incidentId}`);
  if (Object.keys(hash).length === 0) return null;
  return { record: parseIncidentRecord(incidentId, hash), units: parseUnitSteps(hash['~units']) };
}
