// CAP 1.2 out: GET /api/v1/alerts.cap (Atom feed of CAP messages) and
// GET /api/v1/alerts/<alertId>.cap (one message). Same roles as GET /api/v1/alerts.
import { Router } from 'express';
import { CapQuery } from '../../integrations/cap/cap-query.ts';
import type { CapService } from '../../integrations/cap/cap-service.ts';
import { parseIsoMs } from '../../domain/time.ts';
import { requireViewer } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';
import { parseQuery } from '../parse-query.ts';

const DAY_MS = 86_400_000;

export function capRoutes(cap: CapService, clock: () => number): Router {
  const r = Router();
  const viewers = requireViewer(['operator', 'executive']);
  r.get('/api/v1/alerts.cap', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(CapQuery, req.query, res);
    if (!v || !q.ok) return;
    const now = clock();
    const toMs = q.data.to ? parseIsoMs(q.data.to) : now + 1;
    const fromMs = q.data.from ? parseIsoMs(q.data.from) : toMs - 7 * DAY_MS;
    if (toMs <= fromMs) return sendError(res, 400, 'invalid_query', '`to` must be after `from`', 'to');
    if (toMs - fromMs > 400 * DAY_MS) return sendError(res, 400, 'invalid_query', 'the window may span at most 400 days', 'from');
    res.type('application/atom+xml').send(await cap.feed(v.space, { fromMs, toMs, limit: q.data.limit }));
  });
  r.get('/api/v1/alerts/:alertId.cap', viewers, async (req, res) => {
    const v = req.viewer;
    const id = req.params.alertId;
    if (!v) return;
    if (typeof id !== 'string' || id.length === 0 || id.length > 128) return sendError(res, 400, 'invalid_query', 'alertId: 1-128 characters', 'alertId');
    const xml = await cap.message(v.space, id);
    if (xml === null) return sendError(res, 404, 'not_found', 'no such alert', 'alertId');
    res.type('application/cap+xml').send(xml);
  });
  return r;
}
