// The Express app: security headers, credentials, routes, the built client, errors.
// Thin: every route hands its work to ingest/, store/ or live/.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { CredentialTable } from '../auth.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { resolvePrincipal } from './auth-middleware.ts';
import { errorHandler, sendError } from './errors.ts';

export interface HttpAppDeps {
  credentials: CredentialTable;
  routers: RequestHandler[];
  metrics: Metrics;
  log: Logger;
  /** The built client (dist/client), served when present. */
  clientDir: string | null;
  /** Origin of the profile's tile server, the one extra image source the CSP allows. */
  tileOrigin: string | null;
}

const SPA_ROUTES = ['/', '/wall', '/executive', '/operator', '/demo', '/signin'];

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
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(timing(deps.metrics));
  app.use(resolvePrincipal(deps.credentials));
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
  app.use(errorHandler(deps.log));
  return app;
}
