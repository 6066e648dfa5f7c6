// Every Redis key name is built here and nowhere else. All keys of one city's space share the
// hash tag `{<prefix>:<city>:<space>}`, so a city-space lives in one Redis Cluster slot, a Lua
// script may touch any of its keys, and two cities (or a city and its old single-city keys)
// never share a name. The prefix is `pantau` in production and a fresh one per test.
//
// KEY_SUFFIX is the one table of the names inside a space: spaceKeys() builds full names from
// it, and the Lua scripts receive the same table (scripts.ts), so no name is spelled twice.
import type { Space } from '../../shared/contract/views.ts';

/** Names inside a space, after its base `{<prefix>:<city>:<space>}:`. A trailing ':' marks a prefix of many keys. */
export const KEY_SUFFIX = Object.freeze({
  /** The event stream: one entry per accepted event. */
  stream: 'stream',
  /** Dedupe hashes: field "<source>\u0000<id>". */
  dedupe: 'dedupe:',
  call: 'call:',
  callsWaiting: 'calls:waiting',
  callsByReceived: 'calls:byReceived',
  /** Call KPI buckets: one hash per UTC day, fields "<slot15>|<line>|<metric>". */
  callKpi: 'calls:kpi:',
  agent: 'agent:',
  agents: 'agents',
  incident: 'incident:',
  incidentsOpen: 'incidents:open',
  incidentsByReported: 'incidents:byReported',
  /** App activity buckets: "m:<minuteMs>" | "h:<hourMs>" | "d:<YYYY-MM-DD city day>". */
  apps: 'apps:',
  appsMinute: 'apps:m:',
  appsHour: 'apps:h:',
  appsDay: 'apps:d:',
  appsSeen: 'apps:seen',
  /** Complaints per kecamatan per hour: "<hourMs>", fields kecamatan code. */
  complaints: 'complaints:',
  /** Events accepted per city day: "<YYYY-MM-DD>". */
  eventsPerDay: 'events:',
  /** Per caller number (hash): one summary field per call of the number, `c:<callId>`, and `entry` (callbacks and repeat callers, lua/callback.lua). */
  caller: 'caller:',
  /** The callback list's entries (hash per entry, keyed by the entry's call id). */
  callback: 'callback:',
  /** The callback list: entry callId → abandonedAt ms of its first pending abandoned call. */
  callbacks: 'calls:callbacks',
  alert: 'alert:',
  alertsByRaised: 'alerts:byRaised',
  alertsActive: 'alerts:active',
  simLease: 'sim:lease',
  simStatus: 'sim:status',
  simControl: 'sim:control',
  /** Past moments (store/replay-store.ts): scratch spaces, checkpoints and their list, under the space's tag. */
  replay: 'replay:',
});

export interface SpaceKeys {
  readonly prefix: string;
  readonly city: string;
  readonly space: Space;
  /** The hash tag of the city-space, `{<prefix>:<city>:<space>}`. */
  readonly tag: string;
  /** Every key of the space starts with this (used to wipe the demo space). */
  readonly all: string;
  /** The event stream: one entry per accepted event, fields e (event JSON) and c (change JSON). */
  readonly stream: string;
  /** Dedupe hashes: field "<source>\u0000<id>". */
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
  /** The three kinds of app bucket (appsPrefix + "m:" | "h:" | "d:"); see the *BucketKey functions. */
  readonly appsMinutePrefix: string;
  readonly appsHourPrefix: string;
  readonly appsDayPrefix: string;
  readonly appsSeen: string;
  /** Complaints per kecamatan per hour: prefix + "<hourMs>", fields kecamatan code. */
  readonly complaintsPrefix: string;
  /** Events accepted per city day: prefix + "<YYYY-MM-DD>". */
  readonly eventsPerDayPrefix: string;
  /** Per caller number: prefix + number (hash; lua/callback.lua). */
  readonly callerPrefix: string;
  /** Callback list entries: prefix + callId (hash). */
  readonly callbackPrefix: string;
  /** The callback list: entry callId → abandonedAt ms. */
  readonly callbacks: string;
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
  /** Rate-limit counters (express-rate-limit's Redis store); per deployment, not per city. */
  readonly rateLimitPrefix: string;
  /** The credential guard's keys of one client address (store/credential-failures.ts). */
  credentialKeys(address: string): CredentialKeys;
}

/** Per client address, in one hash slot so one MULTI reads them all on a Redis Cluster. */
export interface CredentialKeys {
  /** Failures of one credential (by fingerprint) from the address: prefix + fingerprint. */
  readonly failuresOfPrefix: string;
  /** How many distinct credentials failed from the address in the window. */
  readonly distinctFailures: string;
  /** Fingerprints of credentials that succeeded from the address lately. */
  readonly knownGood: string;
}

/** A city id as it may stand in a key: the kebab-case ids the profiles and the generator use. */
const CITY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function spaceKeys(prefix: string, city: string, space: Space): SpaceKeys {
  if (!CITY_ID.test(city)) throw new Error(`city id ${JSON.stringify(city)} cannot name keys (lower-case letters, digits and '-')`);
  const tag = `{${prefix}:${city}:${space}}`;
  return keysUnder(prefix, city, space, tag, `${tag}:`);
}

/** The names of a space whose keys all start with `base` (the space itself, or a replay space inside it). */
function keysUnder(prefix: string, city: string, space: Space, tag: string, base: string): SpaceKeys {
  return Object.freeze({
    prefix,
    city,
    space,
    tag,
    all: base,
    stream: base + KEY_SUFFIX.stream,
    dedupePrefix: base + KEY_SUFFIX.dedupe,
    callPrefix: base + KEY_SUFFIX.call,
    callsWaiting: base + KEY_SUFFIX.callsWaiting,
    callsByReceived: base + KEY_SUFFIX.callsByReceived,
    callKpiPrefix: base + KEY_SUFFIX.callKpi,
    agentPrefix: base + KEY_SUFFIX.agent,
    agents: base + KEY_SUFFIX.agents,
    incidentPrefix: base + KEY_SUFFIX.incident,
    incidentsOpen: base + KEY_SUFFIX.incidentsOpen,
    incidentsByReported: base + KEY_SUFFIX.incidentsByReported,
    appsPrefix: base + KEY_SUFFIX.apps,
    appsMinutePrefix: base + KEY_SUFFIX.appsMinute,
    appsHourPrefix: base + KEY_SUFFIX.appsHour,
    appsDayPrefix: base + KEY_SUFFIX.appsDay,
    appsSeen: base + KEY_SUFFIX.appsSeen,
    complaintsPrefix: base + KEY_SUFFIX.complaints,
    eventsPerDayPrefix: base + KEY_SUFFIX.eventsPerDay,
    callerPrefix: base + KEY_SUFFIX.caller,
    callbackPrefix: base + KEY_SUFFIX.callback,
    callbacks: base + KEY_SUFFIX.callbacks,
    alertPrefix: base + KEY_SUFFIX.alert,
    alertsByRaised: base + KEY_SUFFIX.alertsByRaised,
    alertsActive: base + KEY_SUFFIX.alertsActive,
    simLease: base + KEY_SUFFIX.simLease,
    simStatus: base + KEY_SUFFIX.simStatus,
    simControl: base + KEY_SUFFIX.simControl,
    rateLimitPrefix: `${prefix}:rl:`,
    // Per deployment like the HTTP limits, not per space or city: an address guessing tokens is one guesser.
    credentialKeys(address: string): CredentialKeys {
      const t = `{${prefix}:cred:${address}}`;
      return { failuresOfPrefix: `${t}:fail:`, distinctFailures: `${t}:distinct`, knownGood: `${t}:good` };
    },
  });
}

/**
 * Replay's keys (store/replay-store.ts). A replay space is a whole set of derived names under
 * `{<tag>}:replay:<name>:` — so the very readers and the very projection of the live space run on
 * it unchanged — and it never shares a name with the live space: no live pattern
 * (derivedKeyPatterns) matches `replay:`. It keeps the space's hash tag on purpose: on a Redis
 * Cluster the fold (one script) reads the space's stream and writes the replay space, which
 * must then live in the same slot. A demo wipe (`all*`) removes them with the rest.
 */
export interface ReplayKeys {
  /** Hash: checkpoint boundary (epoch ms) → JSON { position, name }: the stream position its state is at, and its name. */
  readonly checkpoints: string;
  /** The lease of the process that builds checkpoints (one at a time). */
  readonly lease: string;
  /** Every scratch space's base starts with this. */
  readonly scratchPrefix: string;
  /** A checkpoint: the derived state at its boundary. */
  checkpoint(name: string): SpaceKeys;
  /** A scratch space, `name` unique per use. */
  scratch(name: string): SpaceKeys;
}

/** Inside a replay space: the list of its keys (suffixes after its base), so it is copied and dropped without a SCAN. */
export const REPLAY_KEY_LIST = '~keys';
/** Inside a replay space: record suffix → arrival ms of the last entry that touched it (what a checkpoint carries). */
export const REPLAY_TOUCHED = '~touched';

export function replayKeys(k: SpaceKeys): ReplayKeys {
  const base = k.all + KEY_SUFFIX.replay;
  const under = (b: string): SpaceKeys => keysUnder(k.prefix, k.city, k.space, k.tag, b);
  return Object.freeze({
    checkpoints: `${base}checkpoints`,
    lease: `${base}lease`,
    scratchPrefix: `${base}s:`,
    checkpoint: (name: string) => under(`${base}cp:${name}:`),
    scratch: (name: string) => under(`${base}s:${name}:`),
  });
}

/** App activity of one minute (its start, epoch ms): hash "<appId>|<kind>" → count. */
export function minuteBucketKey(keys: SpaceKeys, minuteMs: number): string {
  return `${keys.appsMinutePrefix}${minuteMs}`;
}

/** App activity of one hour (its start, epoch ms). */
export function hourBucketKey(keys: SpaceKeys, hourMs: number): string {
  return `${keys.appsHourPrefix}${hourMs}`;
}

/** App activity of one city day (YYYY-MM-DD in the city's timezone). */
export function dayBucketKey(keys: SpaceKeys, cityDay: string): string {
  return `${keys.appsDayPrefix}${cityDay}`;
}

/** Complaints per kecamatan of one hour (its start, epoch ms). */
export function complaintsKey(keys: SpaceKeys, hourMs: number): string {
  return `${keys.complaintsPrefix}${hourMs}`;
}

/** Events accepted on one city day (YYYY-MM-DD). */
export function eventsPerDayKey(keys: SpaceKeys, cityDay: string): string {
  return `${keys.eventsPerDayPrefix}${cityDay}`;
}

/**
 * The daily reports of a space (store/report-store.ts): not derived from events, so neither a
 * rebuild nor the projection touches them; a demo wipe takes the demo space's with it.
 */
export interface ReportKeys {
  /** One PDF (string of bytes): prefix + "<YYYY-MM-DD>:<lang>". */
  readonly pdfPrefix: string;
  /** Reports kept: zset "<YYYY-MM-DD>:<lang>" -> start of that city day (epoch ms). */
  readonly index: string;
  /** Their descriptions: hash "<YYYY-MM-DD>:<lang>" -> ReportInfo JSON. */
  readonly meta: string;
  /** Who is writing the report of a day (one process at a time): prefix + "<YYYY-MM-DD>:<lang>". */
  readonly leasePrefix: string;
}

export function reportKeys(k: SpaceKeys): ReportKeys {
  const b = `${k.all}reports:`;
  return Object.freeze({ pdfPrefix: `${b}pdf:`, index: `${b}index`, meta: `${b}meta`, leasePrefix: `${b}lease:` });
}

/** Keys of derived state only: what a rebuild clears (everything but the stream and dedupe). */
export function derivedKeyPatterns(k: SpaceKeys): string[] {
  return [
    `${k.callPrefix}*`, k.callsWaiting, k.callsByReceived, `${k.callKpiPrefix}*`, `${k.callerPrefix}*`, `${k.callbackPrefix}*`, k.callbacks,
    `${k.agentPrefix}*`, k.agents, `${k.incidentPrefix}*`, k.incidentsOpen, k.incidentsByReported, `${k.appsPrefix}*`,
    `${k.complaintsPrefix}*`, `${k.eventsPerDayPrefix}*`, `${k.alertPrefix}*`, k.alertsByRaised, k.alertsActive,
  ];
}

/**
 * The single-city layout of Pantau 0.1 (`<prefix>:{<space>}:…`), which carried no city. Only the
 * migration (store/migrate-keyspace.ts) and the start-up refusal read it.
 */
export function legacySpaceBase(prefix: string, space: Space): string {
  return `${legacyStem(prefix, space)}:`;
}

/** `<prefix>:{<space>}`: the old base without its ':', and the old epoch without its '#epoch'. */
function legacyStem(prefix: string, space: Space): string {
  return `${prefix}:{${space}}`;
}

/** Escapes Redis glob characters, so a name can stand literally in a SCAN MATCH pattern. */
export function globLiteral(name: string): string {
  return name.replace(/[\\[\]*?]/g, '\\$&');
}

/** A space of the single-city layout, and where each of its keys goes in the city-scoped one. */
export interface LegacySpaceKeys {
  readonly space: Space;
  /** Every key of the old space starts with this: `<prefix>:{<space>}:`. */
  readonly base: string;
  /** SCAN MATCH pattern of every key of the old space, `<prefix>:{<space>}*`: those under `base` and the epoch. */
  readonly pattern: string;
  /**
   * The old wipe counter, `<prefix>:{<space>}#epoch` (outside `base`). The city-scoped layout
   * has none (a reset appends a marker to the stream instead): the migration drops it.
   */
  readonly epoch: string;
  /** The old names that are one key each (the stream, the sets, the sim's keys): any one of them is a sign of an old space. */
  readonly singles: readonly string[];
  /** The name a key of the old space takes in `to`: the same suffix after the new base (the suffix table did not change); null for the epoch, which is dropped. */
  renamed(oldKey: string, to: SpaceKeys): string | null;
}

export function legacySpaceKeys(prefix: string, space: Space): LegacySpaceKeys {
  const base = legacySpaceBase(prefix, space);
  const epoch = `${legacyStem(prefix, space)}#epoch`;
  return Object.freeze({
    space,
    base,
    pattern: `${globLiteral(legacyStem(prefix, space))}*`,
    epoch,
    singles: Object.freeze(Object.values(KEY_SUFFIX).filter((s) => !s.endsWith(':')).map((s) => base + s)),
    renamed(oldKey: string, to: SpaceKeys): string | null {
      if (oldKey === epoch) return null;
      if (!oldKey.startsWith(base)) throw new Error(`${oldKey} is not a key of ${base}*`);
      return to.all + oldKey.slice(base.length);
    },
  });
}
