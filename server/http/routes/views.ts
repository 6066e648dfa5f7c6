// Read routes: the snapshot, KPIs over a window, app activity, the city profile.
import { Router } from 'express';
import { z } from 'zod';
import type { CityProfile } from '../../city/city-profile.ts';
import type { Space } from '../../../shared/contract/views.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { Line } from '../../../shared/contract/events.ts';
import { IsoWithOffset } from '../../../shared/contract/events.ts';
import type { SpaceFeed } from '../../live/space-feed.ts';
import { brotliOf, pickEncoding } from '../../live/wire-gzip.ts';
import { todayWindow, parseIsoMs } from '../../domain/time.ts';
import { viewerSpace } from '../../auth.ts';
import { requireViewer } from '../auth-middleware.ts';
import { sendError } from '../errors.ts';

export interface ViewDeps {
  feeds: Record<Space, SpaceFeed>;
  city: CityProfile;
  clock: () => number;
  readKpis: (space: Space, q: { fromMs: number; toMs: number; line?: Line; kecamatan?: string }) => Promise<KpisAnswer>;
}

export const KpiQuery = z.object({
  from: IsoWithOffset.optional(),
  to: IsoWithOffset.optional(),
  line: Line.optional(),
  kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'a BPS kecamatan code such as 36.71.07').optional(),
  space: z.enum(['live', 'demo']).optional(),
});

/** Windows longer than this are refused: the buckets keep 90 days of detail. */
const MAX_WINDOW_MS = 400 * 86_400_000;

export function viewRoutes(deps: ViewDeps): Router {
  const r = Router();
  const tz = deps.city.profile.timezone;

  r.get('/api/v1/snapshot', requireViewer(['operator', 'executive', 'display']), async (req, res) => {
    const v = req.viewer;
    if (!v) return;
    const feed = deps.feeds[v.space];
    await feed.pullNow({ fresh: true });
    // Megabytes of JSON with 10,000 open incidents: compressed when the client takes it (gzip
    // from a body compressed once per state and role; server/live/wire-gzip.ts).
    const encoding = pickEncoding(req.headers['accept-encoding']);
    res.setHeader('Vary', 'Accept-Encoding');
    res.type('application/json');
    if (encoding === 'gzip') res.setHeader('Content-Encoding', 'gzip').send(feed.snapshotGzip(v.role));
    else if (encoding === 'br') res.setHeader('Content-Encoding', 'br').send(brotliOf(feed.snapshotJson(v.role)));
    else res.send(feed.snapshotJson(v.role));
  });

  r.get('/api/v1/kpis', requireViewer(['operator', 'executive']), async (req, res) => {
    const v = req.viewer;
    if (!v) return;
    const q = KpiQuery.safeParse(req.query);
    if (!q.success) {
      const issue = q.error.issues[0];
      return sendError(res, 400, 'invalid_query', issue?.message ?? 'invalid query', issue?.path.join('.'));
    }
    const today = todayWindow(deps.clock(), tz);
    const fromMs = q.data.from ? parseIsoMs(q.data.from) : today.fromMs;
    const toMs = q.data.to ? parseIsoMs(q.data.to) : q.data.from ? deps.clock() : today.toMs;
    if (toMs <= fromMs) return sendError(res, 400, 'invalid_query', '`to` must be after `from`', 'to');
    if (toMs - fromMs > MAX_WINDOW_MS) return sendError(res, 400, 'invalid_query', 'the window may span at most 400 days', 'from');
    const query: { fromMs: number; toMs: number; line?: Line; kecamatan?: string } = { fromMs, toMs };
    if (q.data.line) query.line = q.data.line;
    if (q.data.kecamatan) query.kecamatan = q.data.kecamatan;
    res.json(await deps.readKpis(v.space, query));
  });

  r.get('/api/v1/city', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(deps.city.publicCity());
  });
  r.get('/api/v1/city/kecamatan.geojson', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/geo+json').send(JSON.stringify(deps.city.kecamatanGeo));
  });
  r.get('/api/v1/city/kelurahan.geojson', (_req, res) => {
    if (!deps.city.kelurahanGeo) return sendError(res, 404, 'not_found', 'this city profile has no kelurahan boundaries');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/geo+json').send(JSON.stringify(deps.city.kelurahanGeo));
  });

  r.get('/api/v1/whoami', (req, res) => {
    const p = req.principal;
    if (!p) return sendError(res, 401, 'unauthorized', 'invalid credential');
    if (p.kind === 'ingest') return res.json({ kind: 'ingest', name: p.name, spaces: p.spaces });
    res.json({ kind: 'viewer', role: p.role, space: viewerSpace(p.role, undefined) });
  });
  return r;
}
