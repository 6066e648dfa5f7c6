// POST /api/v1/adapters/asterisk/queue-log: Asterisk queue_log lines (text/plain) in, contract
// events out through the same ingest path. Lines that do not parse are answered with their
// line number; queues with no line in the city profile are listed, not silently dropped.
import { Router, raw } from 'express';
import { PantauEvent } from '../../../shared/contract/events.ts';
import type { AsteriskAnswer, Rejected } from '../../../shared/contract/ingest.ts';
import { parseQueueLog } from '../../adapters/asterisk-queue-log.ts';
import type { CityProfile } from '../../city/city-profile.ts';
import type { IngestService } from '../../ingest/ingest-service.ts';
import { MAX_BYTES, MAX_EVENTS } from '../../ingest/parse-body.ts';
import { toFieldErrors } from '../../ingest/validate.ts';
import type { Metrics } from '../../metrics.ts';
import { requireIngestKey } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';

const TEXT = /^text\/plain$|^application\/octet-stream$/i;

export function asteriskRoutes(ingest: IngestService, city: CityProfile, metrics: Metrics): Router {
  const r = Router();
  r.post('/api/v1/adapters/asterisk/queue-log', requireIngestKey(), raw({ type: () => true, limit: MAX_BYTES }), async (req, res) => {
    const who = req.ingest;
    if (!who) return sendError(res, 401, 'unauthorized', 'an ingest key is required');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (!TEXT.test(type)) return sendError(res, 415, 'unsupported_media_type', `content-type must be text/plain, got "${type.slice(0, 60)}"`);
    const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const parsed = parseQueueLog(text, { queueLine: (q) => city.queueLine(q), timeZone: city.profile.timezone, source: `asterisk:${who.name}` });
    if (parsed.events.length > MAX_EVENTS) return sendError(res, 413, 'too_many_events', `at most ${MAX_EVENTS} events per request; send fewer lines`);
    const rejected: Rejected[] = parsed.errors.map((e) => ({ index: e.line - 1, line: e.line, errors: [{ field: 'line', rule: e.rule, message: e.reason }] }));
    const events: PantauEvent[] = [];
    parsed.events.forEach((event, i) => {
      const check = PantauEvent.safeParse(event);
      const lineNo = parsed.eventLines[i] ?? 0;
      if (check.success) events.push(check.data);
      else rejected.push({ index: lineNo - 1, line: lineNo, id: event.id, errors: toFieldErrors(event, check.error.issues) });
    });
    const result = await ingest.ingestEvents(who.space, who.name, events);
    rejected.sort((a, b) => a.index - b.index);
    const { accepted, duplicates } = result.answer;
    const status = rejected.length === 0 ? 200 : accepted + duplicates > 0 ? 207 : 400;
    metrics.ingestRequests.inc({ route: 'asterisk', status: String(status) });
    const answer: AsteriskAnswer = {
      accepted, duplicates, rejected,
      unmappedQueues: parsed.unmappedQueues,
      unmappedLines: parsed.unmappedLines,
      ignored: parsed.ignored,
      ringNoAnswer: parsed.ringNoAnswer,
    };
    res.status(status).json(answer);
  });
  return r;
}
