// Typed fetch for /api/v1: every answer is parsed with the shared schema before a view sees it.
import type { FeatureCollection } from 'geojson';
import { z } from 'zod';
import { PublicCity } from '../../shared/contract/city.ts';
import { AlertsAnswer, AppActivityAnswer, AppTrendsAnswer } from '../../shared/contract/apps.ts';
import { KpisAnswer } from '../../shared/contract/kpis.ts';
import { CallListAnswer, IncidentListAnswer, IncidentTimelineAnswer } from '../../shared/contract/drilldown.ts';
import { Role, Snapshot, Space } from '../../shared/contract/views.ts';
import { readToken } from './credentials.ts';
import { apiPathFor } from './requested-space.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/** What `GET /api/v1/whoami` answers for a valid credential: a viewer, or an ingest key. */
export const WhoAmI = z.union([
  z.object({ kind: z.literal('viewer').optional(), role: Role, space: Space }),
  z.object({ kind: z.literal('ingest') }),
]);
export type WhoAmI = z.infer<typeof WhoAmI>;

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface RequestOptions {
  /** Overrides the stored credential (sign-in checks a token before keeping it). */
  token?: string | null;
  signal?: AbortSignal;
}

async function getJson(path: string, options: RequestOptions = {}): Promise<unknown> {
  const token = options.token === undefined ? readToken() : options.token;
  const res = await fetch(`/api/v1${apiPathFor(path)}`, {
    headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const parsed = ErrorBody.safeParse(body);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(res.status, `http_${res.status}`, res.statusText);
  }
  return res.json();
}

/** POSTs JSON; the demo presenter routes answer 202 `{ ok: true }` or an error body. */
export async function postJson(path: string, body: unknown, options: RequestOptions = {}): Promise<unknown> {
  const token = options.token === undefined ? readToken() : options.token;
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(answer);
    if (parsed.success) throw new ApiError(res.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(res.status, `http_${res.status}`, res.statusText);
  }
  return answer;
}

export async function getParsed<T>(path: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T> {
  const body = await getJson(path, options);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError(0, 'bad_answer', `${path}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function fetchWhoAmI(token: string, signal?: AbortSignal): Promise<WhoAmI> {
  return getParsed('/whoami', WhoAmI, { token, ...(signal ? { signal } : {}) });
}

export function fetchSnapshot(signal?: AbortSignal): Promise<Snapshot> {
  return getParsed('/snapshot', Snapshot, signal ? { signal } : {});
}

export interface KpisQuery {
  from?: string;
  to?: string;
  line?: '112' | '119';
  kecamatan?: string;
}

export function fetchKpis(query: KpisQuery = {}, signal?: AbortSignal): Promise<KpisAnswer> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (typeof v === 'string') params.set(k, v);
  const qs = params.toString();
  return getParsed(`/kpis${qs ? `?${qs}` : ''}`, KpisAnswer, signal ? { signal } : {});
}

export interface AppActivityQuery {
  from?: string;
  to?: string;
  top?: number;
}

export function fetchAppActivity(query: AppActivityQuery = {}, signal?: AbortSignal): Promise<AppActivityAnswer> {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (query.top !== undefined) params.set('top', String(query.top));
  const qs = params.toString();
  return getParsed(`/apps/activity${qs ? `?${qs}` : ''}`, AppActivityAnswer, signal ? { signal } : {});
}

/** Whole city days up to the start of today (or of `to`'s day), against the same number of days before. */
export function fetchAppTrends(days: number, signal?: AbortSignal, to?: string): Promise<AppTrendsAnswer> {
  const qs = `days=${encodeURIComponent(String(days))}${to ? `&to=${encodeURIComponent(to)}` : ''}`;
  return getParsed(`/apps/trends?${qs}`, AppTrendsAnswer, signal ? { signal } : {});
}

export function fetchCity(signal?: AbortSignal): Promise<PublicCity> {
  return getParsed('/city', PublicCity, signal ? { signal } : {});
}

/** GeoJSON has no shared schema; this checks the outer shape the map relies on. */
function isFeatureCollection(v: unknown): v is FeatureCollection {
  if (typeof v !== 'object' || v === null) return false;
  const o: { type?: unknown; features?: unknown } = v;
  return o.type === 'FeatureCollection' && Array.isArray(o.features);
}

export async function fetchKecamatanBoundaries(signal?: AbortSignal): Promise<FeatureCollection> {
  const body = await getJson('/city/kecamatan.geojson', signal ? { signal } : {});
  if (!isFeatureCollection(body)) throw new ApiError(0, 'bad_answer', 'kecamatan.geojson: not a FeatureCollection');
  return body;
}

export interface IncidentListQuery {
  from: string;
  to: string;
  kecamatan?: string;
  category?: string;
  agency?: string;
  line?: '112' | '119';
  offset?: number;
  limit?: number;
}

function queryString(q: Readonly<Record<string, string | number | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}

/** The incidents behind a figure (drill-down): newest first, one page. */
export function fetchIncidents(q: IncidentListQuery, signal?: AbortSignal): Promise<IncidentListAnswer> {
  return getParsed(`/incidents?${queryString({ ...q })}`, IncidentListAnswer, signal ? { signal } : {});
}

export interface CallListQuery {
  from: string;
  to: string;
  line?: '112' | '119';
  kecamatan?: string;
  offset?: number;
  limit?: number;
}

/** The calls behind a figure (drill-down); executives get no caller numbers. */
export function fetchCalls(q: CallListQuery, signal?: AbortSignal): Promise<CallListAnswer> {
  return getParsed(`/calls?${queryString({ ...q })}`, CallListAnswer, signal ? { signal } : {});
}

export function fetchIncidentTimeline(incidentId: string, signal?: AbortSignal): Promise<IncidentTimelineAnswer> {
  return getParsed(`/incidents/${encodeURIComponent(incidentId)}`, IncidentTimelineAnswer, signal ? { signal } : {});
}

/** Alerts raised in a window, newest first (GET /api/v1/alerts). */
export function fetchAlerts(query: { from: string; to: string; limit?: number }, signal?: AbortSignal): Promise<AlertsAnswer> {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return getParsed(`/alerts?${params.toString()}`, AlertsAnswer, signal ? { signal } : {});
}
