// Typed failures of the store, mapped to HTTP status in server/http/errors.ts.
export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
  readonly code = 'REDIS_UNAVAILABLE';
  constructor(override readonly cause: unknown) {
    super(`Redis is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
