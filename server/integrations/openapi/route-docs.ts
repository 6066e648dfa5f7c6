// The one registry of what each HTTP route is for: method, path, who may call it, a summary,
// and the zod schemas of its query, body and answers (imported from the routes and the shared
// contract, never restated). The OpenAPI document is generated from it (document.ts), and a test
// walks the Express app and fails on a route that has no entry here, or an entry with no route.
import { z } from 'zod';
import { AlertsAnswer, AppActivityAnswer, AppSeriesAnswer, AppTrendsAnswer, ComplaintsAnswer } from '../../../shared/contract/apps.ts';
import { PublicCity } from '../../../shared/contract/city.ts';
import { PantauEvent } from '../../../shared/contract/events.ts';
import { AsteriskAnswer, IngestAnswer } from '../../../shared/contract/ingest.ts';
import { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { DEMO_CONTROL_ROLES, Role, Snapshot, Space } from '../../../shared/contract/views.ts';
import { ActivityQuery, AlertsQuery, SeriesQuery, TrendsQuery, windowFields } from '../../http/routes/apps.ts';
import { CallbackMark, CallbackParams } from '../../http/routes/callbacks.ts';
import { Scenario, Speed } from '../../http/routes/demo.ts';
import { KpiQuery } from '../../http/routes/views.ts';
import { CallListQuery, IncidentListQuery, IncidentParams } from '../../http/routes/drilldown.ts';
import { CallListAnswer, IncidentListAnswer, IncidentTimelineAnswer } from '../../../shared/contract/drilldown.ts';
import { CapQuery } from '../cap/cap-query.ts';
import { DeadLetterAnswer } from '../webhooks/webhook-payload.ts';
import { DeadLetterQuery } from '../../http/routes/webhooks.ts';
import { ReportListQuery, ReportParams, ReportQuery } from '../../http/routes/reports.ts';
import { ReportInfo, ReportsAnswer } from '../../../shared/contract/reports.ts';

/** Who may call a route: anyone, an ingest key, or a viewer with one of the roles (demo viewers always read the demo space). */
export type Access = 'public' | 'ingest' | { roles: readonly Role[] };

export interface Answer {
  description: string;
  /** Defaults to application/json. */
  contentType?: string;
  schema?: z.ZodType;
}

export interface RouteDoc {
  method: 'get' | 'post';
  /** The Express path, e.g. /api/v1/apps/:appId/series. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  query?: z.ZodObject;
  params?: z.ZodObject;
  body?: { description: string; content: Record<string, z.ZodType> };
  answers: Record<number, Answer>;
}

const ok = (schema: z.ZodType, description = 'OK'): Record<number, Answer> => ({ 200: { description, schema } });
/** An ingest route's answers: 200 all stored, 207 some rejected, 400 none stored, 413, 415. */
const ingestAnswers = (schema: z.ZodType, what: 'items' | 'lines', types: string): Record<number, Answer> => ({
  200: { description: `Every one of the ${what} stored or a duplicate`, schema },
  207: { description: `Some ${what} stored, some rejected (listed${what === 'lines' ? ' by line number' : ''})`, schema },
  400: { description: `Every one of the ${what} rejected (listed)`, schema },
  413: { description: 'More than 10,000 events or 5 MB' },
  415: { description: `Not ${types}` },
});
const spaceQuery = z.object({ space: Space.optional() });
const Ok = z.object({ ok: z.boolean() });
const Accepted = z.object({ ok: z.literal(true) });
const Whoami = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ingest'), name: z.string(), spaces: z.array(Space) }),
  z.object({ kind: z.literal('viewer'), role: Role, space: Space }),
]);
const GeoJson = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.record(z.string(), z.unknown())) });
const OPERATORS = { roles: ['operator', 'executive'] } as const;
/** The demo's presenter controls: the presenter or an operator (401 without a credential). */
const DEMO_CONTROLS = { roles: DEMO_CONTROL_ROLES } as const;
const INGEST_BODY = 'One event, a JSON array of events (at most 10,000, 5 MB), or NDJSON (one event per line). Items are validated one by one: the answer lists every rejected item with its index, field and rule; the others are stored.';

export const ROUTE_DOCS: readonly RouteDoc[] = [
  // Ingest
  {
    method: 'post', path: '/api/v1/events', tag: 'ingest', access: 'ingest',
    summary: 'Send events (calls, incidents, app activity, agents)',
    description: `${INGEST_BODY} An event id already stored for the same source is a duplicate, counted and not stored again. alert.* events are Pantau's own: ingest keys are refused with rule "internal". \`?space=demo\` sends to the demo space (keys allowed for it).`,
    query: spaceQuery,
    body: { description: INGEST_BODY, content: { 'application/json': z.union([PantauEvent, z.array(PantauEvent)]), 'application/x-ndjson': z.string() } },
    answers: ingestAnswers(IngestAnswer, 'items', 'application/json or application/x-ndjson'),
  },
  {
    method: 'post', path: '/api/v1/adapters/asterisk/queue-log', tag: 'ingest', access: 'ingest',
    summary: 'Send Asterisk queue_log lines',
    description: 'Lines of Asterisk\'s queue_log (text/plain), turned into call and agent events. Queues are mapped to lines by the city profile; unmapped queues are listed.',
    query: spaceQuery,
    body: { description: 'queue_log lines', content: { 'text/plain': z.string() } },
    answers: ingestAnswers(AsteriskAnswer, 'lines', 'text/plain'),
  },
  // Views
  {
    method: 'get', path: '/api/v1/snapshot', tag: 'views', access: { roles: ['operator', 'executive', 'display'] },
    summary: 'The live state of a space, or its state at a past moment', description: 'Waiting calls, agents, open incidents, today\'s KPIs, apps and alerts, at a stream position. Socket.IO (`/socket.io`, event `delta`) carries the changes after it. With `at` (ISO-8601 with offset; operator and executive only, in either space): the snapshot as it was then — every event that had arrived by then, that day\'s KPIs — rebuilt from the event stream; 400 naming `at` when it is not a time, in the future, or before the retained history.',
    query: spaceQuery.extend({ at: z.string().optional() }), answers: { ...ok(Snapshot), 400: { description: 'A bad `at` (the error names the field)' } },
  },
  { method: 'get', path: '/api/v1/kpis', tag: 'views', access: OPERATORS, summary: 'Call and incident KPIs over a window', description: 'Defaults to today in the city\'s timezone; windows up to 400 days.', query: KpiQuery, answers: ok(KpisAnswer) },
  {
    method: 'get', path: '/api/v1/incidents', tag: 'views', access: OPERATORS, summary: 'Incidents reported in a window, newest first (drill-down)',
    description: 'Filters by line, kecamatan (as the KPIs count it; `outside` for points outside the city), category, agency (incidents a unit of it was sent to) and priority; pages with `offset`/`limit` (`next` is the next offset). Defaults to today in the city\'s timezone. Executives get no incident summaries.',
    query: IncidentListQuery, answers: ok(IncidentListAnswer),
  },
  {
    method: 'get', path: '/api/v1/incidents/:incidentId', tag: 'views', access: OPERATORS, summary: 'One incident\'s timeline',
    description: 'Reported, each unit\'s dispatch and arrival, closed, with seconds since the report and since the step before; each arrival against the on-scene target of its agency (city profile `targets.responseMinutesByAgency`, else `responseMinutes`).',
    params: IncidentParams, query: spaceQuery,
    answers: { ...ok(IncidentTimelineAnswer), 404: { description: 'No such incident in this space' } },
  },
  {
    method: 'get', path: '/api/v1/calls', tag: 'views', access: OPERATORS, summary: 'Calls received in a window, newest first (drill-down)',
    description: 'Filters by line, kecamatan, status and disposition; pages with `offset`/`limit`, at most 5,000 calls scanned per request (`next` continues). Caller numbers for operators only; executives get none.',
    query: CallListQuery, answers: ok(CallListAnswer),
  },
  { method: 'get', path: '/api/v1/city', tag: 'city', access: 'public', summary: 'The city profile a browser needs', answers: ok(PublicCity) },
  { method: 'get', path: '/api/v1/city/kecamatan.geojson', tag: 'city', access: 'public', summary: 'Kecamatan boundaries', answers: { 200: { description: 'GeoJSON FeatureCollection, properties.code = BPS code', contentType: 'application/geo+json', schema: GeoJson } } },
  { method: 'get', path: '/api/v1/city/kelurahan.geojson', tag: 'city', access: 'public', summary: 'Kelurahan boundaries, when the profile has them', answers: { 200: { description: 'GeoJSON FeatureCollection', contentType: 'application/geo+json', schema: GeoJson }, 404: { description: 'This profile has no kelurahan boundaries' } } },
  { method: 'get', path: '/api/v1/whoami', tag: 'auth', access: 'public', summary: 'What the presented credential is', description: 'Without a credential: the demo viewer. A wrong one: 401.', answers: ok(Whoami) },
  // Apps and alerts
  { method: 'get', path: '/api/v1/apps/activity', tag: 'apps', access: OPERATORS, summary: 'Apps ranked by activity over a window', query: ActivityQuery, answers: ok(AppActivityAnswer) },
  { method: 'get', path: '/api/v1/apps/trends', tag: 'apps', access: OPERATORS, summary: 'Activity of the last N days against the N before', query: TrendsQuery, answers: ok(AppTrendsAnswer) },
  { method: 'get', path: '/api/v1/apps/complaints', tag: 'apps', access: OPERATORS, summary: 'Complaints per kecamatan over a window', query: z.object(windowFields), answers: ok(ComplaintsAnswer) },
  {
    method: 'get', path: '/api/v1/apps/:appId/series', tag: 'apps', access: OPERATORS, summary: 'One app\'s activity as a time series',
    params: z.object({ appId: z.string().min(1).max(128) }), query: SeriesQuery,
    answers: { ...ok(AppSeriesAnswer), 404: { description: 'No such app in the catalog or in events' } },
  },
  { method: 'get', path: '/api/v1/alerts', tag: 'alerts', access: OPERATORS, summary: 'Alert history (raised in a window, newest first)', query: AlertsQuery, answers: ok(AlertsAnswer) },
  {
    method: 'get', path: '/api/v1/alerts.cap', tag: 'alerts', access: OPERATORS, summary: 'Alerts as an Atom feed of OASIS CAP 1.2 messages',
    description: 'One entry per alert raised in the window (default: the last 7 days), each linking its CAP message. status is Exercise for the demo space. See docs/integrations.md.',
    query: CapQuery, answers: { 200: { description: 'Atom 1.0 feed', contentType: 'application/atom+xml', schema: z.string() } },
  },
  {
    method: 'get', path: '/api/v1/alerts/:alertId.cap', tag: 'alerts', access: OPERATORS, summary: 'One alert as a CAP 1.2 message (`<alertId>.cap`)',
    description: 'msgType Alert while raised, Update after a change of severity, Cancel (referencing the Alert) once cleared. Alert ids contain `:`; send them URL-encoded.',
    params: z.object({ alertId: z.string().min(1).max(128) }), query: spaceQuery,
    answers: { 200: { description: 'CAP 1.2 alert', contentType: 'application/cap+xml', schema: z.string() }, 404: { description: 'No such alert' } },
  },
  {
    method: 'get', path: '/api/v1/webhooks/dead-letters', tag: 'alerts', access: { roles: ['operator'] }, summary: 'Webhook deliveries given up on',
    description: 'Deliveries that failed every retry, newest first, with the last error. Each names its target and the alert state change.',
    query: DeadLetterQuery, answers: ok(DeadLetterAnswer),
  },
  // Reports
  {
    method: 'get', path: '/api/v1/reports', tag: 'reports', access: OPERATORS, summary: 'The daily reports kept (newest day first)',
    description: 'Written at the city profile\'s `report.at` (06:00 by default) for the day before; a Sunday\'s report also carries its week. Kept 92 days. See docs/operations.md "Daily report".',
    query: ReportListQuery, answers: ok(ReportsAnswer),
  },
  {
    method: 'get', path: '/api/v1/reports/:day.pdf', tag: 'reports', access: OPERATORS, summary: 'One daily report as PDF (`<YYYY-MM-DD>.pdf`)',
    params: ReportParams, query: ReportQuery,
    answers: { 200: { description: 'The report, A4', contentType: 'application/pdf', schema: z.string() }, 404: { description: 'No report of that day in that language' } },
  },
  {
    method: 'post', path: '/api/v1/reports/:day', tag: 'reports', access: OPERATORS, summary: 'Write the report of a past day now (kept, not delivered)',
    description: 'Prints the report page with the server\'s Chromium (PANTAU_CHROMIUM) and keeps it, replacing that day\'s in that language. Only whole past city days.',
    params: ReportParams, query: ReportQuery,
    answers: {
      201: { description: 'Written', schema: ReportInfo },
      400: { description: 'Not a day, or a day that has not ended' },
      409: { description: 'That report is being written now' },
      503: { description: 'Chromium is missing or the page failed' },
    },
  },
  // Demo
  { method: 'get', path: '/api/v1/demo/status', tag: 'demo', access: 'public', summary: 'Whether the demo simulator runs, its speed and scenario', answers: { ...ok(z.record(z.string(), z.unknown())), 404: { description: 'Demo mode is off' } } },
  { method: 'post', path: '/api/v1/demo/scenario', tag: 'demo', access: DEMO_CONTROLS, summary: 'Start a demo scenario', body: { description: 'The scenario', content: { 'application/json': Scenario } }, answers: { 202: { description: 'Started', schema: Accepted }, 404: { description: 'Demo mode is off' } } },
  { method: 'post', path: '/api/v1/demo/speed', tag: 'demo', access: DEMO_CONTROLS, summary: 'Change the demo time-lapse speed', body: { description: 'The speed', content: { 'application/json': Speed } }, answers: { 202: { description: 'Changed', schema: Accepted }, 404: { description: 'Demo mode is off' } } },
  { method: 'post', path: '/api/v1/demo/reset', tag: 'demo', access: DEMO_CONTROLS, summary: 'Wipe the demo space and start over (it is backfilled again: today, then the 30 days before)', answers: { 202: { description: 'Reset', schema: Accepted }, 404: { description: 'Demo mode is off' } } },
  // The desk
  {
    method: 'post', path: '/api/v1/calls/:callId/callback', tag: 'calls', access: { roles: ['operator'] }, params: CallbackParams,
    summary: 'Mark an abandoned call called back (a call.callback event under pantau-operator)',
    description: '`reached` and `invalid-number` take the number off the callback list; `no-answer` and `busy` are attempts (it stays). `?space=demo` marks a demo call.',
    query: spaceQuery, body: { description: 'The outcome, and the agent who phoned (default: the operator credential\'s name)', content: { 'application/json': CallbackMark } },
    answers: { 202: { description: 'Recorded', schema: Accepted }, 400: { description: 'Bad outcome or call id (the field is named)' }, 401: { description: 'No operator credential' }, 403: { description: 'Not an operator' } },
  },
  // This document
  { method: 'get', path: '/api/v1/openapi.json', tag: 'meta', access: 'public', summary: 'This OpenAPI 3.1 document', answers: { 200: { description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) } } },
  { method: 'get', path: '/api/docs', tag: 'meta', access: 'public', summary: 'This document as a readable page (works offline)', answers: { 200: { description: 'HTML', contentType: 'text/html', schema: z.string() } } },
  // Operations
  { method: 'get', path: '/healthz', tag: 'operations', access: 'public', summary: 'Liveness: the process answers', answers: ok(Ok) },
  {
    method: 'get', path: '/readyz', tag: 'operations', access: 'public', summary: 'Readiness: Redis answers',
    answers: { 200: { description: 'Ready', schema: z.object({ ok: z.literal(true), redis: z.literal('up') }) }, 503: { description: 'Redis is down (Retry-After)', schema: z.object({ ok: z.literal(false), redis: z.literal('down') }) } },
  },
  { method: 'get', path: '/metrics', tag: 'operations', access: 'public', summary: 'Prometheus metrics', answers: { 200: { description: 'Prometheus text format', contentType: 'text/plain', schema: z.string() } } },
];
