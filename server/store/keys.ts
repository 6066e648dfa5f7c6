// Every Redis key name is built here and nowhere else. All keys of one space share the hash
// tag `{<prefix>:<space>}`, so a space lives in one Redis Cluster slot and a Lua script may
// touch any of its keys. The prefix is `pantau` in production and a fresh one per test.
import type { Space } from '../../shared/contract/views.ts';

export interface SpaceKeys {
  readonly prefix: string;
  readonly space: Space;
  /** Every key of the space starts with this (used to wipe the demo space). */
  readonly all: string;
  /**
   * How many times the space was wiped. Outside `all`, so a wipe does not remove it: a live
   * feed that sees it change reloads, even when the restarted simulator has already written
   * past the feed's old position (then the stream alone cannot show that it was reset).
   */
  readonly epoch: string;
  /** The event stream: one entry per accepted event, fields e (event JSON) and c (change JSON). */
  readonly stream: string;
  /** Dedupe hashes per UTC day of the event's `at`: field "<source>\u0000<id>". */
  readonly dedupePrefix: string;
  readonly callPrefix: string;
  readonly callsWaiting: string;
  readonly callsByReceived: string;
  /** Call KPI buckets: one hash per UTC day, fields "<slot15>|<line>|<metric>". */
  readonly callKpiPrefix: string;
  readonly agentPrefix: string;
  readonly agents: string;
  readonly incidentPrefix: string;
  readonly incidentsOpen: string;
  readonly incidentsByReported: string;
  /** App activity buckets: prefix + "m:<minuteMs>" | "h:<hourMs>" | "d:<YYYY-MM-DD city day>". */
  readonly appsPrefix: string;
  readonly appsSeen: string;
  /** Complaints per kecamatan per hour: prefix + "<hourMs>", fields kecamatan code. */
  readonly complaintsPrefix: string;
  /** Events accepted per city day: prefix + "<YYYY-MM-DD>". */
  readonly eventsPerDayPrefix: string;
  /** Alert records: prefix + alertId (hash). */
  readonly alertPrefix: string;
  /** Every alert by raisedAt (history). */
  readonly alertsByRaised: string;
  /** Alerts raised and not cleared. */
  readonly alertsActive: string;
  /** The demo simulator's lease (one process runs it), its status and its control channel. */
  readonly simLease: string;
  readonly simStatus: string;
  readonly simControl: string;
  /** Rate-limit counters (express-rate-limit's Redis store). */
  readonly rateLimitPrefix: string;
  /** Failed Socket.IO handshakes per client address: prefix + address (string counter with a TTL). */
  readonly handshakeFailuresPrefix: string;
}

export function spaceKeys(prefix: string, space: Space): SpaceKeys {
  const base = `${prefix}:{${space}}:`;
  return Object.freeze({
    prefix,
    space,
    all: base,
    epoch: `${prefix}:{${space}}#epoch`,
    stream: `${base}stream`,
    dedupePrefix: `${base}dedupe:`,
    callPrefix: `${base}call:`,
    callsWaiting: `${base}calls:waiting`,
    callsByReceived: `${base}calls:byReceived`,
    callKpiPrefix: `${base}calls:kpi:`,
    agentPrefix: `${base}agent:`,
    agents: `${base}agents`,
    incidentPrefix: `${base}incident:`,
    incidentsOpen: `${base}incidents:open`,
    incidentsByReported: `${base}incidents:byReported`,
    appsPrefix: `${base}apps:`,
    appsSeen: `${base}apps:seen`,
    complaintsPrefix: `${base}complaints:`,
    eventsPerDayPrefix: `${base}events:`,
    alertPrefix: `${base}alert:`,
    alertsByRaised: `${base}alerts:byRaised`,
    alertsActive: `${base}alerts:active`,
    simLease: `${base}sim:lease`,
    simStatus: `${base}sim:status`,
    simControl: `${base}sim:control`,
    rateLimitPrefix: `${prefix}:rl:`,
    // Per deployment like the HTTP limits, not per space: an address guessing tokens is one guesser.
    handshakeFailuresPrefix: `${prefix}:rl:handshake:`,
  });
}

/** Keys of derived state only: what a rebuild clears (everything but the stream and dedupe). */
export function derivedKeyPatterns(k: SpaceKeys): string[] {
  return [
    `${k.callPrefix}*`, k.callsWaiting, k.callsByReceived, `${k.callKpiPrefix}*`,
    `${k.agentPrefix}*`, k.agents, `${k.incidentPrefix}*`, k.incidentsOpen, k.incidentsByReported, `${k.appsPrefix}*`,
    `${k.complaintsPrefix}*`, `${k.eventsPerDayPrefix}*`, `${k.alertPrefix}*`, k.alertsByRaised, k.alertsActive,
  ];
}
