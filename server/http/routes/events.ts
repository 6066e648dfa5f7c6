// POST /api/v1/events: one event, a JSON array, or NDJSON.
import { Router, raw } from 'express';
import type { IngestService } from '../../ingest/ingest-service.ts';
import { MAX_BYTES, parseBody } from '../../ingest/parse-body.ts';
import type { Metrics } from '../../metrics.ts';
import { requireIngestKey } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';

export function eventsRoutes(ingest: IngestService, metrics: Metrics): Router {
  const r = Router();
  r.post('/api/v1/events', requireIngestKey(), raw({ type: () => true, limit: MAX_BYTES }), async (req, res) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const parsed = parseBody(body, req.headers['content-type']);
    const who = req.ingest;
    if (!who) return sendError(res, 401, 'unauthorized', 'an ingest key is required');
    if (!parsed.ok) {
      metrics.ingestRequests.inc({ route: 'events', status: String(parsed.status) });
      return sendError(res, parsed.status, parsed.code, parsed.message);
    }
    const result = await ingest.ingestItems(who.space, who.name, parsed.items);
    metrics.ingestRequests.inc({ route: 'events', status: String(result.status) });
    res.status(result.status).json(result.answer);
  });
  return r;
}
