// Shapes of the simulator's state. The state is plain data (JSON-serialisable apart from the
// city it points at) so that step() can copy it and stay pure, and a test can compare two runs.
import type { Category, Disposition, KecamatanCode, Line, PantauEvent } from '../../shared/contract/events.ts';
import type { RngState } from './rng.ts';

/** What the simulator needs of a city; the lead adapts the real CityProfile to it. */
export interface SimCity {
  readonly kecamatan: readonly { readonly code: string; readonly population: number | null }[];
  /** A random point inside the kecamatan, or null when its shape is unknown. */
  pointIn(code: string, rng: () => number): { lat: number; lon: number } | null;
  readonly apps: readonly { readonly id: string; readonly isSuperApp: boolean; readonly category: string }[];
}

export type ScenarioName = 'flood' | 'large-fire' | 'app-outage' | 'normal-monday';
export const SCENARIO_NAMES: readonly ScenarioName[] = ['flood', 'large-fire', 'app-outage', 'normal-monday'];

/** Distributes Omit over a union, so each event type keeps its own fields. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before it is emitted: its id and wall-clock `at` are only known then. */
export type EventBody = DistributiveOmit<PantauEvent, 'id' | 'at'>;

export interface Pending {
  /** Simulated time it is due, epoch ms. */
  simAt: number;
  /** Tie-breaker, so events due at the same instant keep the order they were planned in. */
  order: number;
  body: EventBody;
}

export interface AgentBreak {
  start: number;
  end: number;
}

/** One call-taker's shift, in simulated ms. */
export interface AgentShift {
  id: string;
  line: Line;
  loginAt: number;
  /** No call is assigned from here on; logoutAt may be later if a call runs over. */
  shiftEndAt: number;
  logoutAt: number;
  breaks: AgentBreak[];
  busyUntil: number;
  /** Transitions (login, pause, unpause, logout) up to this time have been emitted. */
  emittedThrough: number;
}

export interface AppProfile {
  id: string;
  curve: 'office' | 'public';
  /** Expected counts per weekday. */
  perDay: { session: number; transaction: number; complaint: number; error: number };
}

export interface ActiveScenario {
  name: ScenarioName;
  startSim: number;
  /** null for a mode that lasts until replaced (normal-monday), or one timed on the wall clock. */
  endSim: number | null;
  /** Wall-clock start; an app outage runs on the wall clock (see scenarios.ts, WALL_DURATION_MIN). */
  startWall: number;
  /** Wall-clock end of a scenario timed on the wall clock, else null. */
  endWall: number | null;
  kicked: boolean;
  kecamatan: KecamatanCode | null;
  point: { lat: number; lon: number } | null;
  appId: string | null;
  incidentId: string | null;
  duplicates: number;
}

export interface SimConfig {
  readonly seed: string;
  readonly offsetMinutes: number;
  readonly callsPerDay: Readonly<Record<Line, number>>;
  readonly kecamatanWeights: readonly (readonly [KecamatanCode, number])[];
  readonly apps: readonly AppProfile[];
  /** The citizens' complaint channel (LAKSA in Tangerang), if the catalog has one. */
  readonly complaintAppId: string | null;
}

export interface SimState {
  readonly city: SimCity;
  readonly config: SimConfig;
  rng: RngState;
  /** Wall-clock time of the last step, epoch ms. */
  wallMs: number;
  /** Simulated clock: runs `speed` times faster than the wall clock; drives the daily curves. */
  simMs: number;
  speed: number;
  idPrefix: string;
  counters: { event: number; call: number; incident: number; order: number };
  pending: Pending[];
  agents: AgentShift[];
  /** Next shift start that still has to be staffed, simulated ms. */
  nextShiftAt: number;
  /**
   * End of the next app-activity minute to report, wall-clock ms: app usage follows the wall
   * clock whatever the time-lapse (see AppMinute in apps.ts for why).
   */
  nextAppMinuteAt: number;
  /**
   * Wall time one app-activity report covers: a minute, as a gateway reports live; an hour for
   * the history a demo is backfilled with (server/sim/driver.ts HISTORY_APP_REPORT_MS).
   */
  appReportMs: number;
  scenarios: ActiveScenario[];
  repeatCallers: string[];
}

/** A call as planned, handed to incident hooks. */
export interface PlannedCall {
  callId: string;
  line: Line;
  kecamatan: KecamatanCode;
  receivedAt: number;
  answeredAt: number;
  endedAt: number;
  disposition: Disposition;
  category: Category | null;
}

/** Deep enough copy for step() to mutate freely while the caller's state stays untouched. */
export function cloneState(s: SimState): SimState {
  return {
    ...s,
    rng: [...s.rng],
    counters: { ...s.counters },
    pending: s.pending.slice(),
    agents: s.agents.map((a) => ({ ...a, breaks: a.breaks.map((b) => ({ ...b })) })),
    scenarios: s.scenarios.map((sc) => ({ ...sc })),
    repeatCallers: s.repeatCallers.slice(),
  };
}
