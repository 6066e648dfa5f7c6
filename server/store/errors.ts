// Typed failures of the store, mapped to HTTP status in server/http/errors.ts.
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(override readonly cause: unknown) {
    super(`Redis is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

// ioredis rejects commands with plain Errors while the connection is down (it has no class for
// most of them), so they are told apart by name, message or socket code. Store readers let
// them through untouched and the HTTP error handler asks this one function: a read route then
// answers 503 like ingest, without every reader wrapping its own calls.

/** ioredis error classes: the offline queue gave up on a command, or no cluster node answers. */
const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);
/** ioredis's messages for a command that could not be sent or was cut off (see its Redis.js). */
const UNAVAILABLE_MESSAGES = [
  'Connection is closed.',
  // An AbortError, a name too generic (DOM aborts share it) to match on by itself.
  'Command aborted due to connection close',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Command timed out',
  'connect ETIMEDOUT',
  'Socket timeout.',
];
/** Socket errors of the connection itself. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * Replies of a Redis that is there but cannot serve yet: loading its AOF after a restart,
 * stuck in a long script, or a replica/cluster mid-failover. Retrying later is the answer.
 */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY)\b/;

/** Whether `err` means "Redis cannot be reached or cannot serve now" (retry), not a bug. */
export function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof RedisUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  if (UNAVAILABLE_NAMES.has(err.name)) return true;
  if (UNAVAILABLE_MESSAGES.some((m) => err.message.startsWith(m))) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return err.name === 'ReplyError' && UNAVAILABLE_REPLY.test(err.message);
}
