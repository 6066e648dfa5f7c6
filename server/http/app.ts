// The Express app: security headers, credentials, routes, the built client, errors.
// Thin: every route hands its work to ingest/, store/ or live/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { CredentialTable } from '../auth.ts';
import type { CredentialGuard } from '../credential-guard.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { resolvePrincipal } from './auth-middleware.ts';
import { errorHandler, sendError } from './errors.ts';
import type { RateLimits } from './rate-limit.ts';

export interface HttpAppDeps {
  credentials: CredentialTable;
  /** Limits failed credentials per address on every route (server/credential-guard.ts). */
  credentialGuard: CredentialGuard;
  routers: RequestHandler[];
  metrics: Metrics;
  log: Logger;
  /** The built client (dist/client), served when present. */
  clientDir: string | null;
  /** Origin of the profile's tile server, the one extra image source the CSP allows. */
  tileOrigin: string | null;
  /** Per-key and per-IP limits (server/http/rate-limit.ts); none when absent. */
  rateLimits?: RateLimits;
}

/**
 * The CSP source for a profile's tile URL: its origin, with a `{s}` subdomain placeholder
 * widened to `*.` (Leaflet spreads tiles over subdomains a, b, c). Only http(s) tile servers
 * count; anything else gives null and the CSP keeps images to 'self', data: and blob:.
 */
export function tileSource(tileUrl: string | undefined): string | null {
  if (!tileUrl) return null;
  let url: URL;
  try {
    url = new URL(tileUrl.replace(/\{s\}/g, 'tile-subdomain'));
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.origin.replace('tile-subdomain', '*');
}

/** The client's pages: HTML, not API, so the OpenAPI document leaves them out. */
export const SPA_ROUTES = ['/', '/wall', '/executive', '/operator', '/demo', '/signin', '/replay', '/report/:day'];

function timing(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? (res.statusCode === 404 ? 'unmatched' : req.path.startsWith('/assets/') ? '/assets' : 'other');
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  const img = ["'self'", 'data:', 'blob:'];
  if (deps.tileOrigin) img.push(deps.tileOrigin);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'img-src': img,
          // Leaflet positions tiles and markers with inline styles.
          'style-src': ["'self'", "'unsafe-inline'"],
          'connect-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          // helmet's default would send a plain-HTTP page's scripts and styles to https://, and a
          // wall on a city LAN without TLS (http://pantau.lan:8080/wall) would stay blank. TLS, when
          // there is one, belongs to the reverse proxy in front, with HSTS (docs/operations.md).
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(timing(deps.metrics));
  app.use(resolvePrincipal(deps.credentials, deps.credentialGuard));
  // After the principal is known, so ingest is counted per key rather than per address.
  if (deps.rateLimits) {
    app.use(['/api/v1/events', '/api/v1/adapters'], deps.rateLimits.ingest);
    app.use('/api/v1/whoami', deps.rateLimits.signIn);
    app.use('/api/v1/demo', deps.rateLimits.demo);
  }
  for (const r of deps.routers) app.use(r);
  app.use('/api', (_req, res) => sendError(res, 404, 'not_found', 'no such API route'));
  const clientDir = deps.clientDir;
  if (clientDir && existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get(SPA_ROUTES, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  } else {
    app.get(SPA_ROUTES, (_req, res) => {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build`.');
    });
  }
  app.use(errorHandler(deps.log, deps.metrics));
  return app;
}
