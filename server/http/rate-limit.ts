// Rate limits: per ingest key on the ingest routes, per IP on sign-in and on the demo
// presenter controls. Counters live in Redis (rate-limit-redis), so a budget holds across
// every server process behind a load balancer, not once per process.
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Options } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { Logger } from '../log.ts';
import type { SendRateLimitCommand } from '../store/rate-limit-commands.ts';
import { sendError } from './errors.ts';

export interface RateLimitDeps {
  /** store/rate-limit-commands.ts: the counters' commands, without a connection in hand. */
  send: SendRateLimitCommand;
  /** Where counters live: SpaceKeys.rateLimitPrefix (`<prefix>:rl:`). */
  prefix: string;
  ingestPerMinute: number;
  signInPerMinute?: number;
  demoPerMinute?: number;
  log: Logger;
}

export interface RateLimits {
  /** POST /api/v1/events and the adapters: per ingest key (per IP for requests without one). */
  ingest: RequestHandler;
  /** GET /api/v1/whoami, where a token is tried: per IP. */
  signIn: RequestHandler;
  /** /api/v1/demo/*: public presenter controls, per IP. */
  demo: RequestHandler;
}

const WINDOW_MS = 60_000;

const ipKey = (req: Request): string => `ip:${ipKeyGenerator(req.ip ?? '')}`;

export function createRateLimits(deps: RateLimitDeps): RateLimits {
  // While Redis is down every request would log the store error: once per 10 s is enough.
  let lastLogMs = 0;
  const logger = {
    warn: (err: unknown, msg?: string) => deps.log.warn({ mod: 'rate-limit', err: String(err) }, msg ?? 'rate limit warning'),
    error: (err: unknown, msg?: string) => {
      const now = Date.now();
      if (now - lastLogMs < 10_000) return;
      lastLogMs = now;
      deps.log.warn({ mod: 'rate-limit', err: err instanceof Error ? err.message : String(err) }, msg ?? 'rate limit store failed');
    },
  };

  const limiter = (name: string, limit: number | ((req: Request) => number), keyOf: (req: Request) => string, what: string): RequestHandler => {
    const store = new RedisStore({ sendCommand: (...args: string[]) => deps.send(args[0] ?? '', ...args.slice(1)), prefix: `${deps.prefix}${name}:` });
    // The store loads its scripts in its constructor and awaits them only on first use: a
    // Redis outage at that moment must not become an unhandled rejection (the store reloads).
    store.incrementScriptSha.catch(() => undefined);
    store.getScriptSha.catch(() => undefined);
    const options: Partial<Options> = {
      windowMs: WINDOW_MS,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: keyOf,
      // Redis down: let the request through; ingest itself then answers 503 (nothing is
      // written), which tells the client to retry. A 500 from the limiter would not.
      passOnStoreError: true,
      logger,
      store,
      handler: (req, res) => {
        sendError(res, 429, 'rate_limited', `at most ${typeof limit === 'number' ? limit : limit(req)} requests a minute ${what}; retry after the Retry-After seconds`);
      },
    };
    return rateLimit(options);
  };

  return {
    ingest: limiter('ingest', deps.ingestPerMinute, (req) => (req.principal?.kind === 'ingest' ? `key:${req.principal.name}` : ipKey(req)), 'per ingest key'),
    signIn: limiter('signin', deps.signInPerMinute ?? 20, ipKey, 'per address for sign-in'),
    // Controls (POST) are limited tightly; the status a presenter screen polls (GET) counts apart.
    demo: limiter(
      'demo',
      (req) => (req.method === 'GET' ? 10 : 1) * (deps.demoPerMinute ?? 60),
      (req) => `${ipKey(req)}:${req.method === 'GET' ? 'read' : 'control'}`,
      'per address for the demo controls',
    ),
  };
}
