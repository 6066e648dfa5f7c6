// Event contract v1 (design.md "Event contract, v1"), plus the agent.* and call.expired
// extensions documented in the README's API section. Every bound here is deliberate: an
// ingest route that accepts unbounded strings or counts is a memory and log-injection risk.
import { z } from 'zod';

/** ISO-8601 with an explicit offset: events come from many clocks and "local" is ambiguous. */
export const IsoWithOffset = z.iso.datetime({
  offset: true,
  local: false,
  error: 'an ISO-8601 time with an offset, e.g. 2026-11-23T14:05:32+07:00',
});

export const LINES = ['112', '119'] as const;
export const Line = z.enum(LINES);
export type Line = z.infer<typeof Line>;

export const DISPOSITIONS = ['emergency', 'non-emergency', 'info', 'prank', 'ghost', 'wrong-number'] as const;
export const Disposition = z.enum(DISPOSITIONS);
export type Disposition = z.infer<typeof Disposition>;

export const CATEGORIES = [
  'fire', 'medical', 'traffic-accident', 'crime', 'flood', 'fallen-tree', 'animal-rescue',
  'domestic-violence', 'missing-person', 'public-order', 'utility', 'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const AGENCIES = ['police', 'fire', 'ambulance', 'disaster', 'satpol-pp', 'transport', 'other'] as const;
export const Agency = z.enum(AGENCIES);
export type Agency = z.infer<typeof Agency>;

export const OUTCOMES = ['resolved', 'prank', 'duplicate', 'info', 'transferred'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

export const APP_KINDS = ['session', 'transaction', 'complaint', 'error'] as const;
export const AppKind = z.enum(APP_KINDS);
export type AppKind = z.infer<typeof AppKind>;

/** BPS code of a kecamatan, e.g. 36.71.07. */
export const KecamatanCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/, 'a BPS kecamatan code such as 36.71.07').brand<'KecamatanCode'>();
export type KecamatanCode = z.infer<typeof KecamatanCode>;

const Id = z.string().min(1).max(128);
const ShortText = z.string().min(1).max(128);

export const Point = z.object({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});

export const Location = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    kecamatan: KecamatanCode.optional(),
    address: z.string().max(256).optional(),
  })
  .strict()
  .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
    message: 'lat and lon come together',
    path: ['lon'],
  })
  .refine((l) => l.lat !== undefined || l.kecamatan !== undefined, {
    message: 'a location needs { lat, lon } or { kecamatan } (or both)',
    path: ['kecamatan'],
  });
export type Location = z.infer<typeof Location>;

const envelope = {
  id: Id,
  at: IsoWithOffset,
  source: ShortText,
};

export const CallReceived = z.object({
  ...envelope,
  type: z.literal('call.received'),
  callId: Id,
  line: Line,
  caller: z.object({ number: z.string().max(32).regex(/^[+0-9*#() -]*$/, 'digits, + * # ( ) - and spaces').optional() }).strict().optional(),
  location: Location.optional(),
});
export const CallAnswered = z.object({ ...envelope, type: z.literal('call.answered'), callId: Id, agentId: ShortText });
export const CallAbandoned = z.object({ ...envelope, type: z.literal('call.abandoned'), callId: Id });
export const CallEnded = z.object({ ...envelope, type: z.literal('call.ended'), callId: Id, disposition: Disposition.optional() });
/** Extension: a call that never ended, closed by the stale-call sweeper so the queue cannot fill with ghosts. */
export const CallExpired = z.object({ ...envelope, type: z.literal('call.expired'), callId: Id });
/**
 * An abandoned call was called back (issue 16): by a call-taker marking it on the desk (source
 * `pantau-operator`) or by a PBX that logs its callbacks. `no-answer` and `busy` are attempts
 * (the call stays on the callback list); `reached` and `invalid-number` settle it.
 */
export const CALLBACK_OUTCOMES = ['reached', 'no-answer', 'busy', 'invalid-number'] as const;
export const CallbackOutcome = z.enum(CALLBACK_OUTCOMES);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;
export const CallCallback = z.object({ ...envelope, type: z.literal('call.callback'), callId: Id, agentId: ShortText, outcome: CallbackOutcome });

export const IncidentReported = z.object({
  ...envelope,
  type: z.literal('incident.reported'),
  incidentId: Id,
  callId: Id.optional(),
  line: Line,
  category: Category,
  priority: z.number().int().min(1).max(4),
  location: Location,
  summary: z.string().max(280).optional(),
});
export const IncidentDispatched = z.object({ ...envelope, type: z.literal('incident.dispatched'), incidentId: Id, agency: Agency, unitId: ShortText.optional() });
export const IncidentOnScene = z.object({ ...envelope, type: z.literal('incident.on_scene'), incidentId: Id, unitId: ShortText.optional() });
export const IncidentClosed = z.object({ ...envelope, type: z.literal('incident.closed'), incidentId: Id, outcome: Outcome });

export const AppActivity = z.object({
  ...envelope,
  type: z.literal('app.activity'),
  appId: ShortText,
  kind: AppKind,
  count: z.number().int().min(1).max(1_000_000).optional(),
  kecamatan: KecamatanCode.optional(),
});

/** Extensions for agent state (issue 4): an agent is logged in, paused or not; "on a call" comes from call events. */
const agentFields = { agentId: ShortText, line: Line.optional() };
export const AgentLogin = z.object({ ...envelope, type: z.literal('agent.login'), ...agentFields });
export const AgentLogout = z.object({ ...envelope, type: z.literal('agent.logout'), ...agentFields });
export const AgentPaused = z.object({ ...envelope, type: z.literal('agent.paused'), ...agentFields, reason: z.string().max(64).optional() });
export const AgentUnpaused = z.object({ ...envelope, type: z.literal('agent.unpaused'), ...agentFields });

/**
 * Extensions for alerts (issue "apps"): raised and cleared by Pantau's own detectors,
 * acknowledged by operators. They travel through the stream like every other event, so
 * every server process and every resuming client sees the same alerts in the same order.
 * Ingest keys cannot send them: only the server's own principal may (see ingest-service).
 */
export const ALERT_KINDS = ['spike', 'drop', 'silent', 'error-rate', 'complaint-spike', 'queue'] as const;
export const AlertRaised = z.object({
  ...envelope,
  type: z.literal('alert.raised'),
  alertId: Id,
  kind: z.enum(ALERT_KINDS),
  subject: ShortText,
  severity: z.enum(['warning', 'critical']),
  detail: z.record(z.string().max(64), z.union([z.string().max(256), z.number(), z.null()])).optional(),
});
export const AlertCleared = z.object({ ...envelope, type: z.literal('alert.cleared'), alertId: Id });
export const AlertAcked = z.object({ ...envelope, type: z.literal('alert.acked'), alertId: Id, by: ShortText });
export const INTERNAL_EVENT_TYPES: readonly string[] = ['alert.raised', 'alert.cleared', 'alert.acked'];
/**
 * Sources Pantau itself writes under (`pantau-operator`, `pantau-sweeper`, `pantau-alerts`).
 * Ingest keys may not use them: an event sent under one with the id Pantau will use later
 * would turn Pantau's own event into a silent duplicate.
 */
export const INTERNAL_SOURCE_PREFIX = 'pantau-';

export const PantauEvent = z.discriminatedUnion('type', [
  CallReceived, CallAnswered, CallAbandoned, CallEnded, CallExpired, CallCallback,
  IncidentReported, IncidentDispatched, IncidentOnScene, IncidentClosed,
  AppActivity,
  AgentLogin, AgentLogout, AgentPaused, AgentUnpaused,
  AlertRaised, AlertCleared, AlertAcked,
]);
export type PantauEvent = z.infer<typeof PantauEvent>;
export type EventType = PantauEvent['type'];
export type EventOf<T extends EventType> = Extract<PantauEvent, { type: T }>;
export const EVENT_TYPES = PantauEvent.options.map((o) => o.shape.type.value) as readonly EventType[];

export type CallEvent = EventOf<'call.received' | 'call.answered' | 'call.abandoned' | 'call.ended' | 'call.expired' | 'call.callback'>;
export type IncidentEvent = EventOf<'incident.reported' | 'incident.dispatched' | 'incident.on_scene' | 'incident.closed'>;
export type AgentEvent = EventOf<'agent.login' | 'agent.logout' | 'agent.paused' | 'agent.unpaused'>;
export type AlertEvent = EventOf<'alert.raised' | 'alert.cleared' | 'alert.acked'>;
