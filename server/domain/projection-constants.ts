// Every number the projection and its readers share, defined once. The Lua scripts get them
// from here too: scripts.ts writes LUA_CONSTANTS into a prelude prepended to every script, so
// neither side spells a slot length, a threshold or a retention of its own.

const SECOND_MS = 1_000;
export const MINUTE_MS = 60 * SECOND_MS;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Call KPI buckets: one slot per quarter hour (design.md "KPI definitions"). */
export const SLOT_MS = 15 * MINUTE_MS;
/** Service level thresholds: answered within (≤), abandoned after (>). */
export const SL15_MS = 15 * SECOND_MS;
export const SL20_MS = 20 * SECOND_MS;

/** KPI "abandoned calls called back within 2 minutes" (issue 16): first callback ≤ this after the abandonment. */
export const CALLBACK_MS = 2 * MINUTE_MS;
/** Repeat and nuisance callers: calls from the same number in the 24 h up to a waiting call's receipt. */
export const REPEAT_WINDOW_MS = DAY_MS;

/** Call, incident and agent records outlive the 30-day KPI window; their time indexes are trimmed to it. */
export const RECORD_RETENTION_MS = 40 * DAY_MS;
/**
 * Incident records (and their time index) are kept longer than calls: the executive view reads
 * incident figures over 90 days and compares them with the 90 days before (issue #18), and
 * incidents are few beside calls (call figures over any range come from the KPI buckets, kept
 * for ever).
 */
export const INCIDENT_RETENTION_MS = 200 * DAY_MS;
/**
 * Each unit's dispatch and arrival is kept in the incident record (`~units`) for its timeline;
 * past this many, only the earliest are kept (a set of events, so the earliest is well defined).
 */
export const INCIDENT_UNIT_STEPS_MAX = 64;
/** App activity per minute: two days. */
export const MINUTE_BUCKET_RETENTION_MS = 2 * DAY_MS;
/** App activity per hour, complaints per hour, alert records and alert history: 90 days. */
export const HOUR_BUCKET_RETENTION_MS = 90 * DAY_MS;
export const ALERT_RETENTION_MS = HOUR_BUCKET_RETENTION_MS;
/** Events-per-day counters. */
export const COUNTER_RETENTION_MS = RECORD_RETENTION_MS;
/**
 * Dedupe is by arrival: one hash per arrival period, and an id is looked up in the current and
 * the previous period, so it is recognised for at least one period (8 days ≥ the promised 7)
 * and at most two after it arrived. A hash lives two periods and a day from its creation.
 */
export const DEDUPE_PERIOD_MS = 8 * DAY_MS;
const DEDUPE_RETENTION_MS = 2 * DEDUPE_PERIOD_MS + DAY_MS;

const seconds = (ms: number): number => Math.round(ms / SECOND_MS);

/** What the Lua scripts see as `C.<name>` (times in ms, TTLs in seconds as EXPIRE takes them). */
export const LUA_CONSTANTS = Object.freeze({
  DAY_MS,
  SLOT_MS,
  SL15_MS,
  SL20_MS,
  CALLBACK_MS,
  REPEAT_WINDOW_MS,
  RECORD_TTL: seconds(RECORD_RETENTION_MS),
  INCIDENT_TTL: seconds(INCIDENT_RETENTION_MS),
  INCIDENT_UNIT_STEPS_MAX,
  MINUTE_TTL: seconds(MINUTE_BUCKET_RETENTION_MS),
  HOUR_TTL: seconds(HOUR_BUCKET_RETENTION_MS),
  ALERT_TTL: seconds(ALERT_RETENTION_MS),
  COUNTER_TTL: seconds(COUNTER_RETENTION_MS),
  DEDUPE_PERIOD_MS,
  DEDUPE_TTL: seconds(DEDUPE_RETENTION_MS),
});
