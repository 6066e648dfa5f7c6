// One entry of the callback list as the store keeps it (hash `callback:<callId>`, written by
// server/store/lua/callback.lua, the only place that decides the list) and its view per role.
import { CALLBACK_OUTCOMES } from '../../shared/contract/events.ts';
import type { CallbackEntry, Role } from '../../shared/contract/views.ts';
import { isOneOf, parseLine } from './call-record.ts';
import { isoOrNull, parseEpochMs } from './time.ts';

function count(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/** The entry's view for a role, or null for a hash without an abandonment (gone by its TTL). */
export function toCallbackEntry(callId: string, hash: Record<string, string>, timeZone: string, role: Role): CallbackEntry | null {
  const abandonedAt = isoOrNull(parseEpochMs(hash['abandonedAt']), timeZone);
  if (abandonedAt === null) return null;
  const outcome = hash['lastOutcome'];
  const entry: CallbackEntry = {
    callId,
    line: parseLine(hash['line']),
    abandonedAt,
    lastAbandonedAt: isoOrNull(parseEpochMs(hash['lastAbandonedAt']), timeZone) ?? abandonedAt,
    attempts: count(hash['attempts']),
    tries: count(hash['tries']),
    lastOutcome: isOneOf(CALLBACK_OUTCOMES, outcome) ? outcome : null,
    lastCallbackAt: isoOrNull(parseEpochMs(hash['lastCallbackAt']), timeZone),
  };
  const number = hash['callerNumber'];
  // Issue 16: the number to call back is for call-takers only; a wall shows no part of it.
  if (role === 'operator' && number !== undefined && number !== '') entry.caller = { number };
  return entry;
}
