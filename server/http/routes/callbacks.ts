// The desk's callback list (issue 16): an operator marks an abandoned call called back. The mark
// is a `call.callback` event under Pantau's own source, through ingest like every event, so the
// list, the KPIs and every screen change through the one projection.
import { Router, json } from 'express';
import { z } from 'zod';
import { CallbackOutcome, type CallbackOutcome as Outcome } from '../../../shared/contract/events.ts';
import type { Space } from '../../../shared/contract/views.ts';
import { viewerSpace } from '../../auth.ts';
import { sendError } from '../errors.ts';

export const CallbackMark = z.object({
  outcome: CallbackOutcome,
  /** The call-taker who phoned; the operator's credential name when absent. */
  agentId: z.string().min(1).max(128).optional(),
}).strict();

export const CallbackParams = z.object({ callId: z.string().min(1).max(128) });

/** Records the callback; rejects when it was not stored. */
export type MarkCallback = (space: Space, callId: string, outcome: Outcome, agentId: string) => Promise<void>;

export function callbackRoutes(mark: MarkCallback): Router {
  const r = Router();
  const body = json({ limit: '4kb' });
  r.post('/api/v1/calls/:callId/callback', body, async (req, res) => {
    const p = req.principal;
    if (p === null || p === undefined || (p.kind === 'viewer' && p.role === 'demo')) return sendError(res, 401, 'unauthorized', 'an operator credential is required');
    // Only call-takers phone callers back: executives, walls and ingest keys may not mark one.
    if (p.kind !== 'viewer' || p.role !== 'operator') return sendError(res, 403, 'forbidden', 'only operators mark callbacks');
    const params = CallbackParams.safeParse(req.params);
    if (!params.success) return sendError(res, 400, 'invalid_params', params.error.issues[0]?.message ?? 'invalid', 'callId');
    const parsed = CallbackMark.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 400, 'invalid_body', issue?.message ?? 'invalid', issue?.path.join('.') || undefined);
    }
    const space = viewerSpace(p.role, typeof req.query.space === 'string' ? req.query.space : undefined);
    await mark(space, params.data.callId, parsed.data.outcome, parsed.data.agentId ?? p.name);
    res.status(202).json({ ok: true });
  });
  return r;
}
