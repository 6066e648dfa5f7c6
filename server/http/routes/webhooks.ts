// GET /api/v1/webhooks/dead-letters: webhook deliveries given up on, for operators.
import { Router } from 'express';
import { z } from 'zod';
import type { Space } from '../../../shared/contract/views.ts';
import { DeadLetter, type DeadLetterAnswer } from '../../integrations/webhooks/webhook-payload.ts';
import type { WebhookOutbox } from '../../store/webhook-outbox.ts';
import { requireRole } from '../auth-middleware.ts';
import { parseQuery } from '../parse-query.ts';

export const DeadLetterQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1_000).default(100),
  space: z.enum(['live', 'demo']).optional(),
});

export function webhookRoutes(outbox: (space: Space) => WebhookOutbox): Router {
  const r = Router();
  r.get('/api/v1/webhooks/dead-letters', requireRole(['operator']), async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(DeadLetterQuery, req.query, res);
    if (!v || !q.ok) return;
    const found = await outbox(v.space).deadLetters(q.data.limit);
    const answer: DeadLetterAnswer = {
      total: found.total,
      // Written by this code only; an unreadable item (an older version's) is left out rather than failing the list.
      deadLetters: found.items.flatMap((raw) => {
        const p = DeadLetter.safeParse(JSON.parse(raw));
        return p.success ? [p.data] : [];
      }),
    };
    res.json(answer);
  });
  return r;
}
