// GET /api/v1/snapshot?at=<ISO-8601>: the snapshot as it was at a past moment (live/replay-service.ts).
// The same path as the live snapshot, which answers when `at` is absent; with `at` only the
// operator and executive roles may read, in either space (a wall's display token or a demo
// visitor replays nothing).
import { Router } from 'express';
import type { Space } from '../../../shared/contract/views.ts';
import type { PastAnswer } from '../../live/replay-service.ts';
import { pickEncoding } from '../../live/wire-gzip.ts';
import { requireRole } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';

export const REPLAY_ROLES = ['operator', 'executive'] as const;

export interface ReplayRouteDeps {
  snapshotAt(space: Space, at: unknown): Promise<PastAnswer>;
}

export function replayRoutes(deps: ReplayRouteDeps): Router {
  const r = Router();
  r.get(
    '/api/v1/snapshot',
    (req, _res, next) => (req.query.at === undefined ? next('route') : next()),
    requireRole(REPLAY_ROLES),
    async (req, res) => {
      const v = req.viewer;
      if (!v) return;
      const answer = await deps.snapshotAt(v.space, req.query.at);
      if (!answer.ok) return sendError(res, 400, 'invalid_query', answer.message, 'at');
      const { snapshot } = answer;
      const from = snapshot.from;
      // Where the state was folded from: for operations and tests (a checkpoint, the stream's start, an earlier moment).
      res.setHeader('X-Pantau-Replay-From', from.kind === 'checkpoint' ? `checkpoint ${from.boundaryMs}` : from.kind === 'earlier-moment' ? `earlier-moment ${from.position}` : from.kind);
      res.setHeader('Cache-Control', 'private, max-age=60');
      res.setHeader('Vary', 'Accept-Encoding, Authorization');
      res.type('application/json');
      if (pickEncoding(req.headers['accept-encoding']) === 'gzip') res.setHeader('Content-Encoding', 'gzip').send(snapshot.gzip(v.role));
      else res.send(snapshot.json(v.role));
    },
  );
  return r;
}
