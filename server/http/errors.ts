// The one place that maps failures to HTTP status codes. Clients get a code and a message,
// never a stack trace.
import type { ErrorRequestHandler, Response } from 'express';
import type { ErrorAnswer } from '../../shared/contract/ingest.ts';
import { OverloadedError } from '../ingest/ingest-service.ts';
import { isRedisUnavailable } from '../store/errors.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

export function sendError(res: Response, status: number, code: string, message: string, field?: string): void {
  const body: ErrorAnswer = { error: field === undefined ? { code, message } : { code, message, field } };
  res.status(status).json(body);
}

interface BodyParserError { type?: string; status?: number; expose?: boolean }

/** Once per this many ms: during an outage every request fails the same way. */
const OUTAGE_LOG_EVERY_MS = 10_000;

export function errorHandler(log: Logger, metrics?: Metrics): ErrorRequestHandler {
  let lastOutageLogMs = 0;
  return (err: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.field);
    // Ingest throws the typed RedisUnavailableError; read routes let ioredis's own connection
    // errors through, and this one check turns both into the same 503 (never a 500).
    if (isRedisUnavailable(err)) {
      metrics?.redisErrors.inc({ op: req.method === 'GET' ? 'read' : 'write' });
      const now = Date.now();
      if (now - lastOutageLogMs >= OUTAGE_LOG_EVERY_MS) {
        lastOutageLogMs = now;
        log.warn({ mod: 'http', path: req.path, err: err instanceof Error ? err.message : String(err) }, 'redis unavailable: answering 503');
      }
      res.setHeader('Retry-After', '2');
      const message = req.method === 'GET' || req.method === 'HEAD'
        ? 'storage is unavailable; retry after the Retry-After seconds'
        : 'storage is unavailable; nothing from this request was lost or half-written — retry';
      return sendError(res, 503, 'REDIS_UNAVAILABLE', message);
    }
    if (err instanceof OverloadedError) {
      res.setHeader('Retry-After', String(err.retryAfterSeconds));
      return sendError(res, 503, err.code, err.message);
    }
    const bp = err as BodyParserError;
    if (bp?.type === 'entity.too.large') return sendError(res, 413, 'too_large', 'body is larger than 5 MB');
    if (bp?.type === 'encoding.unsupported' || bp?.type === 'charset.unsupported') return sendError(res, 415, 'unsupported_encoding', 'unsupported body encoding');
    if (bp?.type === 'request.aborted') return sendError(res, 400, 'aborted', 'request aborted');
    if (typeof bp?.status === 'number' && bp.status >= 400 && bp.status < 500 && bp.expose) return sendError(res, bp.status, 'bad_request', 'bad request');
    log.error({ mod: 'http', err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'unhandled error');
    return sendError(res, 500, 'internal', 'internal error');
  };
}
