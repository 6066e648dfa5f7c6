// Drill-down read routes (issue #18): from a figure of the executive view to the incidents or
// calls behind it, and from an incident to its timeline. Operators and executives; each answer
// is cut to the role (server/domain/redact.ts): executives see no caller number and no summary.
import { Router } from 'express';
import { z } from 'zod';
import type { Targets } from '../../../shared/contract/city.ts';
import type { CallListAnswer, IncidentListAnswer, IncidentTimelineAnswer } from '../../../shared/contract/drilldown.ts';
import { Agency, Category, Disposition, IsoWithOffset, Line } from '../../../shared/contract/events.ts';
import { CallStatus, type Space } from '../../../shared/contract/views.ts';
import { toCallView, type CallRecord } from '../../domain/call-record.ts';
import { callFilterNeedsScan, callMatches, incidentMatches, newestIncidentsFirst } from '../../domain/drilldown-filter.ts';
import { toIncidentView, type IncidentRecord } from '../../domain/incident-record.ts';
import { buildIncidentTimeline, type UnitStep } from '../../domain/incident-timeline.ts';
import { redactIncidentView } from '../../domain/redact.ts';
import { parseIsoMs, toIsoWithOffset, todayWindow } from '../../domain/time.ts';
import { requireViewer } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';
import { parseQuery } from '../parse-query.ts';

export interface DrilldownDeps {
  timeZone: string;
  targets: Targets;
  clock: () => number;
  /** Incidents reported in [fromMs, toMs) (any order). */
  incidents: (space: Space, fromMs: number, toMs: number) => Promise<IncidentRecord[]>;
  callPage: (space: Space, q: { fromMs: number; toMs: number; offset: number; limit: number; match: (r: CallRecord) => boolean }) => Promise<{ calls: CallRecord[]; next: number | null; indexed: number }>;
  incident: (space: Space, incidentId: string) => Promise<{ record: IncidentRecord; units: UnitStep[] } | null>;
}

const DAY_MS = 86_400_000;
/** As GET /api/v1/kpis: a drill-down follows the range of the figure it came from. */
const MAX_WINDOW_MS = 400 * DAY_MS;
const Kecamatan = z.string().regex(/^(\d{2}\.\d{2}\.\d{2}|outside)$/, 'a BPS kecamatan code such as 36.71.07, or "outside"');
const windowFields = {
  from: IsoWithOffset.optional(),
  to: IsoWithOffset.optional(),
  space: z.enum(['live', 'demo']).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

export const IncidentListQuery = z.object({
  ...windowFields,
  line: Line.optional(),
  kecamatan: Kecamatan.optional(),
  category: Category.optional(),
  agency: Agency.optional(),
  priority: z.coerce.number().int().min(1).max(4).optional(),
});

export const CallListQuery = z.object({
  ...windowFields,
  line: Line.optional(),
  kecamatan: Kecamatan.optional(),
  status: CallStatus.optional(),
  disposition: Disposition.optional(),
});

export const IncidentParams = z.object({ incidentId: z.string().min(1).max(128) });

export function drilldownRoutes(deps: DrilldownDeps): Router {
  const r = Router();
  const tz = deps.timeZone;
  const viewers = requireViewer(['operator', 'executive']);

  /** The window of a query (default today in the city), or null after answering 400. */
  const windowOf = (q: { from?: string | undefined; to?: string | undefined }, send: (message: string, field: string) => void): { fromMs: number; toMs: number } | null => {
    const now = deps.clock();
    const today = todayWindow(now, tz);
    const fromMs = q.from ? parseIsoMs(q.from) : today.fromMs;
    const toMs = q.to ? parseIsoMs(q.to) : q.from ? now : today.toMs;
    if (toMs <= fromMs) {
      send('`to` must be after `from`', 'to');
      return null;
    }
    if (toMs - fromMs > MAX_WINDOW_MS) {
      send('the window may span at most 400 days', 'from');
      return null;
    }
    return { fromMs, toMs };
  };

  r.get('/api/v1/incidents', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(IncidentListQuery, req.query, res);
    if (!v || !q.ok) return;
    const w = windowOf(q.data, (m, f) => sendError(res, 400, 'invalid_query', m, f));
    if (!w) return;
    const { offset, limit } = q.data;
    const matching = (await deps.incidents(v.space, w.fromMs, w.toMs)).filter(incidentMatches(q.data)).sort(newestIncidentsFirst);
    const answer: IncidentListAnswer = {
      from: toIsoWithOffset(w.fromMs, tz),
      to: toIsoWithOffset(w.toMs, tz),
      timezone: tz,
      total: matching.length,
      next: offset + limit < matching.length ? offset + limit : null,
      incidents: matching.slice(offset, offset + limit).map((i) => redactIncidentView(toIncidentView(i, tz), v.role)),
    };
    res.json(answer);
  });

  r.get('/api/v1/calls', viewers, async (req, res) => {
    const v = req.viewer;
    const q = parseQuery(CallListQuery, req.query, res);
    if (!v || !q.ok) return;
    const w = windowOf(q.data, (m, f) => sendError(res, 400, 'invalid_query', m, f));
    if (!w) return;
    const { offset, limit } = q.data;
    const page = await deps.callPage(v.space, { ...w, offset, limit, match: callMatches(q.data) });
    const counted = !callFilterNeedsScan(q.data) ? page.indexed : offset === 0 && page.next === null ? page.calls.length : null;
    const answer: CallListAnswer = {
      from: toIsoWithOffset(w.fromMs, tz),
      to: toIsoWithOffset(w.toMs, tz),
      timezone: tz,
      total: counted,
      next: page.next,
      // toCallView cuts the caller per role: operators the number, executives nothing.
      calls: page.calls.map((c) => toCallView(c, tz, v.role)),
    };
    res.json(answer);
  });

  r.get('/api/v1/incidents/:incidentId', viewers, async (req, res) => {
    const v = req.viewer;
    const p = IncidentParams.safeParse(req.params);
    if (!p.success) return sendError(res, 400, 'invalid_params', p.error.issues[0]?.message ?? 'invalid incident id', 'incidentId');
    if (!v) return;
    const found = await deps.incident(v.space, p.data.incidentId);
    if (!found) return sendError(res, 404, 'not_found', 'no such incident in this space', 'incidentId');
    const timeline = buildIncidentTimeline(found.record, found.units, deps.targets, tz);
    const answer: IncidentTimelineAnswer = { ...timeline, incident: redactIncidentView(timeline.incident, v.role) };
    res.json(answer);
  });
  return r;
}
