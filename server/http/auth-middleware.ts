// Express middleware that resolves the bearer token once per request.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { canControlDemo, DEMO_CONTROL_ROLES, type Role, type Space } from '../../shared/contract/views.ts';
import { bearer, resolveToken, viewerSpace, type CredentialTable, type Principal } from '../auth.ts';
import { sendError } from './errors.ts';
import type { CredentialGuard } from '../credential-guard.ts';

export interface Viewer { role: Role; space: Space; name: string }

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal | null;
    viewer?: Viewer;
    ingest?: { name: string; space: Space };
  }
}

/**
 * Resolves the bearer token on every route. A token is compared only when the credential guard
 * admits it from the client's address (else 429 with Retry-After), and the outcome is recorded,
 * so guessing is limited everywhere, not only where a token is first typed in.
 */
export function resolvePrincipal(table: CredentialTable, guard: CredentialGuard): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const token = bearer(req.headers.authorization);
    if (token === undefined || token === '') {
      req.principal = resolveToken(token, table);
      next();
      return;
    }
    const address = req.ip ?? req.socket.remoteAddress ?? '';
    guard.admit(address, token).then(async (wait) => {
      if (wait !== null) {
        res.setHeader('Retry-After', String(wait));
        sendError(res, 429, 'rate_limited', `too many failed credentials from this address; retry after ${wait} s`);
        return;
      }
      req.principal = resolveToken(token, table);
      await guard.outcome(address, token, req.principal !== null);
      next();
    }, next);
  };
}

function requestedSpace(req: Request): string | undefined {
  const s = req.query.space;
  return typeof s === 'string' ? s : undefined;
}

/** Viewer routes: any role in `roles`; demo viewers only ever read the demo space. */
export function requireViewer(roles: readonly Role[]): RequestHandler {
  return (req, res, next) => {
    const p = req.principal;
    if (p === null || p === undefined) return sendError(res, 401, 'unauthorized', 'invalid credential');
    if (p.kind !== 'viewer') return sendError(res, 403, 'forbidden', 'an ingest key cannot read views');
    const space = viewerSpace(p.role, requestedSpace(req));
    // Any role may read the demo space; live figures need one of the route's roles.
    if (space === 'live' && !roles.includes(p.role)) {
      return sendError(res, p.role === 'demo' ? 401 : 403, p.role === 'demo' ? 'unauthorized' : 'forbidden', `this view needs one of: ${roles.join(', ')}`);
    }
    req.viewer = { role: p.role, space, name: p.name };
    next();
  };
}

/** Ingest routes: a key of PANTAU_INGEST_KEYS (live or demo) or the demo key (demo only). */
export function requireIngestKey(): RequestHandler {
  return (req, res, next) => {
    const p = req.principal;
    if (!req.headers.authorization) return sendError(res, 401, 'unauthorized', 'an ingest key is required (Authorization: Bearer <key>)');
    // A header that is not "Bearer <key>" resolves to the anonymous viewer; say what is wrong with it instead.
    if (bearer(req.headers.authorization) === undefined) return sendError(res, 401, 'unauthorized', 'the Authorization header must be "Bearer <key>" (one key, at most 512 characters)');
    if (p === null || p === undefined) return sendError(res, 401, 'unauthorized', 'unknown ingest key');
    if (p.kind !== 'ingest') return sendError(res, 403, 'forbidden', 'a viewer token cannot ingest');
    const space: Space = requestedSpace(req) === 'demo' ? 'demo' : 'live';
    if (!p.spaces.includes(space)) return sendError(res, 403, 'forbidden', `this key may not ingest into ${space}`);
    req.ingest = { name: p.name, space };
    next();
  };
}

/**
 * The demo's presenter controls: a visitor without a credential only watches (401), a viewer of
 * another role is refused (403). The controls touch only the simulated space, whoever uses them.
 */
export function requireDemoControl(): RequestHandler {
  return (req, res, next) => {
    const p = req.principal;
    if (p === null || p === undefined || (p.kind === 'viewer' && p.role === 'demo')) {
      return sendError(res, 401, 'unauthorized', 'the demo controls need the presenter token (PANTAU_PRESENTER_TOKEN) or the operator token');
    }
    if (p.kind !== 'viewer' || !canControlDemo(p.role)) {
      return sendError(res, 403, 'forbidden', `the demo controls need one of: ${DEMO_CONTROL_ROLES.join(', ')}`);
    }
    req.viewer = { role: p.role, space: 'demo', name: p.name };
    next();
  };
}

/**
 * Routes for one role whatever the space (operational data such as webhook dead letters, which
 * name the city's targets): a visitor or presenter does not read them even for the demo space.
 */
export function requireRole(roles: readonly Role[]): RequestHandler {
  const viewer = requireViewer(roles);
  return (req, res, next) => {
    const p = req.principal;
    if (p?.kind === 'viewer' && !roles.includes(p.role)) {
      return sendError(res, p.role === 'demo' ? 401 : 403, p.role === 'demo' ? 'unauthorized' : 'forbidden', `this route needs one of: ${roles.join(', ')}`);
    }
    viewer(req, res, next);
  };
}
