// The daily reports (issue 18): GET /api/v1/reports lists those kept, GET
// /api/v1/reports/<YYYY-MM-DD>.pdf serves one, POST /api/v1/reports/<YYYY-MM-DD> writes one now.
// Operators and executives, in the space they read (`?space=demo` for the demo's).
import { Router } from 'express';
import { z } from 'zod';
import { ReportLang, type ReportsAnswer } from '../../../shared/contract/reports.ts';
import { ReportDay } from '../../../shared/report/report-day.ts';
import type { Space } from '../../../shared/contract/views.ts';
import { cityDayKey } from '../../domain/time.ts';
import { ReportBusyError, type ReportJob } from '../../reports/report-job.ts';
import { ReportRenderError } from '../../reports/report-renderer.ts';
import type { ReportStore } from '../../store/report-store.ts';
import { requireRole } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';
import { parseQuery } from '../parse-query.ts';

export const ReportQuery = z.object({ lang: ReportLang.default('id'), space: z.enum(['live', 'demo']).optional() });
export const ReportListQuery = z.object({ space: z.enum(['live', 'demo']).optional() });
export const ReportParams = z.object({ day: ReportDay });

export interface ReportRouteDeps {
  store: (space: Space) => ReportStore;
  job: ReportJob;
  cityId: string;
  timeZone: string;
  clock: () => number;
}

export function reportRoutes(deps: ReportRouteDeps): Router {
  const r = Router();
  const roles = requireRole(['operator', 'executive']);

  r.get('/api/v1/reports', roles, async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(ReportListQuery, req.query, res);
    if (!v || !q.ok) return;
    const answer: ReportsAnswer = { timezone: deps.timeZone, reports: await deps.store(v.space).list() };
    res.json(answer);
  });

  r.get('/api/v1/reports/:day.pdf', roles, async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(ReportQuery, req.query, res);
    if (!v || !q.ok) return;
    const p = ReportParams.safeParse(req.params);
    if (!p.success) return sendError(res, 400, 'invalid_query', p.error.issues[0]?.message ?? 'a day as YYYY-MM-DD', 'day');
    const pdf = await deps.store(v.space).pdf(p.data.day, q.data.lang);
    if (pdf === null) return sendError(res, 404, 'not_found', `no report of ${p.data.day} in ${q.data.lang}: POST /api/v1/reports/${p.data.day} writes one`, 'day');
    res.type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="pantau-${deps.cityId}-${p.data.day}-${q.data.lang}.pdf"`)
      .send(pdf);
  });

  r.post('/api/v1/reports/:day', roles, async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(ReportQuery, req.query, res);
    if (!v || !q.ok) return;
    const p = ReportParams.safeParse(req.params);
    if (!p.success) return sendError(res, 400, 'invalid_query', p.error.issues[0]?.message ?? 'a day as YYYY-MM-DD', 'day');
    // A report covers a whole day: today's is not over, so it would be a different report tomorrow.
    if (p.data.day >= cityDayKey(deps.clock(), deps.timeZone)) return sendError(res, 400, 'invalid_query', 'the day has not ended yet in the city: a report covers a whole past day', 'day');
    try {
      res.status(201).json(await deps.job.writeNow(v.space, p.data.day, q.data.lang));
    } catch (err: unknown) {
      if (err instanceof ReportBusyError) return sendError(res, 409, 'busy', err.message, 'day');
      if (err instanceof ReportRenderError) return sendError(res, 503, err.code === 'CHROMIUM_MISSING' ? 'chromium_missing' : 'render_failed', err.message);
      throw err;
    }
  });
  return r;
}
