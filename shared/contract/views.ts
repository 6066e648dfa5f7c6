// What views receive: the snapshot, deltas and their changes (design.md "Shapes the checks read").
// Changes carry absolute entity states, never increments, so applying an old change again
// and then the newer ones in order always converges: replay is idempotent.
import { z } from 'zod';
import { ALERT_KINDS, Agency, CallbackOutcome, Category, Disposition, Line, Outcome } from './events.ts';
import { KpisAnswer } from './kpis.ts';

/** A Redis stream id, `<ms>-<seq>`: the position a view is consistent with. */
export const StreamPosition = z.string().regex(/^\d{1,20}-\d{1,20}$/, 'a stream id <ms>-<seq>').brand<'StreamPosition'>();
export type StreamPosition = z.infer<typeof StreamPosition>;
/** The position of an empty stream. */
export const ORIGIN = '0-0' as StreamPosition;

export const SPACES = ['live', 'demo'] as const;
export const Space = z.enum(SPACES);
export type Space = z.infer<typeof Space>;

// `presenter` drives the demo (scenario, speed, reset) and, like `demo`, sees only simulated data.
export const ROLES = ['operator', 'executive', 'display', 'presenter', 'demo'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that may drive the demo (scenario, speed, reset): its presenter, or an operator. */
export const DEMO_CONTROL_ROLES: readonly Role[] = ['presenter', 'operator'];
export const canControlDemo = (role: Role): boolean => DEMO_CONTROL_ROLES.includes(role);
/** Roles that only ever see the simulated space: the anonymous visitor and the presenter. */
export const demoOnly = (role: Role): boolean => role === 'demo' || role === 'presenter';

export const CALL_STATUSES = ['waiting', 'answered', 'abandoned', 'ended', 'expired', 'unknown'] as const;
export const CallStatus = z.enum(CALL_STATUSES);
export type CallStatus = z.infer<typeof CallStatus>;

export const CallView = z.object({
  callId: z.string(),
  line: Line.nullable(),
  status: CallStatus,
  receivedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  abandonedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  agentId: z.string().nullable(),
  disposition: Disposition.nullable(),
  kecamatan: z.string().nullable(),
  /** Full number for operators, masked for displays, absent for executives and demo viewers. */
  caller: z.object({ number: z.string().optional() }).optional(),
  /**
   * Operators only, on a waiting call with a number: calls from that number received in the 24 h
   * up to this one (itself included), and how many of them ended as prank or ghost (issue 16;
   * absent when none).
   */
  repeatCalls24h: z.number().int().optional(),
  prankCalls24h: z.number().int().optional(),
});
export type CallView = z.infer<typeof CallView>;

/**
 * One entry of the callback list (snapshot `calls.callbacks`): a number whose abandoned calls are
 * not settled yet, merged. `callId` and `abandonedAt` are its first pending call's; `attempts`
 * how many of its abandoned calls are pending; `tries` and `lastOutcome` the callbacks made
 * since (no answer, busy). `caller` for operators only.
 */
export const CallbackEntry = z.object({
  callId: z.string(),
  line: Line.nullable(),
  abandonedAt: z.string(),
  lastAbandonedAt: z.string(),
  attempts: z.number().int(),
  tries: z.number().int(),
  lastOutcome: CallbackOutcome.nullable(),
  lastCallbackAt: z.string().nullable(),
  caller: z.object({ number: z.string() }).optional(),
});
export type CallbackEntry = z.infer<typeof CallbackEntry>;

/** What the snapshot lists under calls.waiting (design: `{ callId, line, receivedAt, caller? }`). */
export const WaitingCall = CallView.extend({ line: Line, receivedAt: z.string() });
export type WaitingCall = z.infer<typeof WaitingCall>;

export const INCIDENT_STATUSES = ['reported', 'dispatched', 'on_scene', 'closed', 'unknown'] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const IncidentView = z.object({
  incidentId: z.string(),
  line: Line.nullable(),
  category: Category.nullable(),
  priority: z.number().int().min(1).max(4).nullable(),
  status: IncidentStatus,
  location: z.object({ lat: z.number().optional(), lon: z.number().optional(), kecamatan: z.string().optional() }).nullable(),
  kecamatan: z.string().nullable(),
  kelurahan: z.string().nullable(),
  /** The point lies outside the city's boundaries: kept and flagged, not dropped. */
  outside: z.boolean(),
  callId: z.string().nullable(),
  reportedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  onSceneAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  agencies: z.array(Agency),
  outcome: Outcome.nullable(),
  summary: z.string().nullable(),
});
export type IncidentView = z.infer<typeof IncidentView>;

export const AGENT_STATES = ['available', 'on_call', 'paused', 'logged_out'] as const;
export const AgentState = z.enum(AGENT_STATES);
export type AgentState = z.infer<typeof AgentState>;
export const AgentView = z.object({
  agentId: z.string(),
  line: Line.nullable(),
  state: AgentState,
  since: z.string().nullable(),
  callId: z.string().nullable(),
});
export type AgentView = z.infer<typeof AgentView>;

export const AppTop = z.object({
  appId: z.string(),
  name: z.string(),
  registered: z.boolean(),
  sessions: z.number(),
  transactions: z.number(),
  complaints: z.number(),
  errors: z.number(),
});
export type AppTop = z.infer<typeof AppTop>;

export const AlertView = z.object({
  alertId: z.string(),
  kind: z.enum(ALERT_KINDS),
  subject: z.string(),
  severity: z.enum(['warning', 'critical']),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  ackedAt: z.string().nullable(),
  ackedBy: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type AlertView = z.infer<typeof AlertView>;

export const APP_STATES = ['normal', 'spiking', 'silent', 'failing', 'idle'] as const;
export const AppState = z.enum(APP_STATES);
export type AppState = z.infer<typeof AppState>;

export const AppsSummary = z.object({
  /** Window the figures cover (today in the city's timezone). */
  from: z.string(),
  to: z.string(),
  top: z.array(AppTop),
  /** Per registered app, its state for the wall grid. */
  states: z.record(z.string(), AppState).optional(),
  /** How many registered apps are in each state. */
  stateCounts: z.object({ normal: z.number(), spiking: z.number(), silent: z.number(), failing: z.number(), idle: z.number() }).optional(),
  /** Per top app, events per minute (all kinds) over the last 60 complete minutes, oldest first. */
  sparklines: z.record(z.string(), z.array(z.number())).optional(),
  /** Start of the sparklines' first minute. */
  sparklineFrom: z.string().optional(),
});
export type AppsSummary = z.infer<typeof AppsSummary>;

/**
 * A change says whether its entity is in its live set afterwards (`waiting`, `open`, `active`):
 * that is the projection's decision, carried as is, so no reader decides it again from a status
 * (an incident dispatched before it was reported is not open, whatever its status says).
 */
export const Change = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), call: CallView, waiting: z.boolean() }),
  z.object({ t: z.literal('incident'), incident: IncidentView, open: z.boolean() }),
  z.object({ t: z.literal('agent'), agent: AgentView }),
  z.object({ t: z.literal('kpis'), kpis: KpisAnswer }),
  z.object({ t: z.literal('apps'), apps: AppsSummary }),
  z.object({ t: z.literal('alert'), alert: AlertView, active: z.boolean() }),
  z.object({ t: z.literal('counter'), eventsToday: z.number().int() }),
  /** The callback list's entry of `callId`: its state, or null when it leaves the list. */
  z.object({ t: z.literal('callback'), callId: z.string(), entry: CallbackEntry.nullable() }),
]);
export type Change = z.infer<typeof Change>;

export const Snapshot = z.object({
  position: StreamPosition,
  at: z.string(),
  space: Space,
  city: z.object({ id: z.string(), name: z.string(), timezone: z.string() }),
  /** `callbacks`: the callback list, oldest first (absent from servers before issue 16). */
  calls: z.object({ waiting: z.array(WaitingCall), agents: z.array(AgentView), callbacks: z.array(CallbackEntry).optional() }),
  incidents: z.object({ open: z.array(IncidentView) }),
  kpis: KpisAnswer,
  apps: AppsSummary,
  alerts: z.array(AlertView),
  eventsToday: z.number().int(),
});
export type Snapshot = z.infer<typeof Snapshot>;

export const Delta = z.object({
  prev: StreamPosition,
  position: StreamPosition,
  changes: z.array(Change),
});
export type Delta = z.infer<typeof Delta>;
