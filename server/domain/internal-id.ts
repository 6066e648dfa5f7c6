// The ids of the events Pantau writes itself (an operator's acknowledgement, the sweeper's
// expiry, the detectors' raise and clear). They are derived from the entity they are about, so
// every process that writes the same fact writes the same id and ingest's dedupe keeps one.
//
// The entity's id is hashed, never cut: cutting at a length can split a UTF-16 surrogate pair
// (which Redis's Lua JSON refuses, failing the whole sweep) and makes ids that share their first
// characters collide. A hash is fixed-length ASCII, so the result is always a valid event id.
import { createHash } from 'node:crypto';

/** `<verb>:<base64url sha-256 of the entity id>`: 43 characters after the verb. */
export function internalEventId(verb: string, entityId: string): string {
  if (!/^[a-z][a-z-]{0,31}$/.test(verb)) throw new Error(`internal event verb ${JSON.stringify(verb)} must be lower-case letters`);
  return `${verb}:${createHash('sha256').update(entityId, 'utf8').digest('base64url')}`;
}
