// The city profile (design.md "City profile"): everything city-specific, so that any
// kabupaten/kota replicates Pantau by swapping one folder. Files of a profile folder:
//   profile.json        CityProfileFile below
//   kecamatan.geojson   FeatureCollection, one feature per kecamatan, properties.code = BPS code
//   kelurahan.geojson   optional, properties.code = BPS kelurahan code, properties.kecamatan
//   apps.json           AppCatalogFile below
import { z } from 'zod';
import { DEFAULT_REPORT_TIME, ReportTime } from '../report/report-day.ts';
import { AGENCIES, LINES, type Agency } from './events.ts';

export const KecamatanInfo = z.object({
  code: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/),
  name: z.string().min(1),
  /** Residents, where a source is known; null marks a placeholder. */
  population: z.number().int().positive().nullable(),
  populationSource: z.string().optional(),
});
export type KecamatanInfo = z.infer<typeof KecamatanInfo>;

export const KelurahanInfo = z.object({
  code: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/),
  name: z.string().min(1),
  kecamatan: z.string().regex(/^\d{2}\.\d{2}\.\d{2}$/),
});
export type KelurahanInfo = z.infer<typeof KelurahanInfo>;

export const Targets = z.object({
  /** Service level targets as fractions (NENA 2020: 0.90 within 15 s, 0.95 within 20 s). */
  sl15: z.number().min(0).max(1),
  sl20: z.number().min(0).max(1),
  asaSeconds: z.number().positive(),
  abandonmentRate: z.number().min(0).max(1),
  /** Minutes from report to arrival on scene (Damkar SPM: 15). */
  responseMinutes: z.number().positive(),
  /**
   * Per agency, minutes from report to the first arrival on scene (e.g. fire 15, Permendagri
   * 114/2018); an agency not listed is judged by `responseMinutes`.
   */
  responseMinutesByAgency: z.partialRecord(z.enum(AGENCIES), z.number().positive()).optional(),
  /** Share of abandoned calls with a number called back within 2 minutes (issue 16; default 0.9). */
  callbackWithin2m: z.number().min(0).max(1).default(0.9),
});
export type Targets = z.infer<typeof Targets>;

/** The on-scene target of an agency in seconds: its own, else the city's general one. */
export function responseTargetSeconds(targets: Pick<Targets, 'responseMinutes' | 'responseMinutesByAgency'>, agency: Agency): number {
  const own = targets.responseMinutesByAgency?.[agency];
  return (own ?? targets.responseMinutes) * 60;
}

export const WaitThresholds = z.object({
  /** A waiting call turns warning / critical after this many seconds. */
  warningSeconds: z.number().positive(),
  criticalSeconds: z.number().positive(),
  /** A call that never ends is closed as stale after this many minutes. */
  staleMinutes: z.number().positive(),
});
export type WaitThresholds = z.infer<typeof WaitThresholds>;

export const AlertThresholds = z.object({
  /** Ratio of observed to expected activity that counts as a spike. */
  spikeRatio: z.number().positive(),
  /** Ratio under which activity counts as a drop. */
  dropRatio: z.number().min(0).max(1),
  /** Minutes without any activity, while some was expected, before an app counts as silent. */
  silentMinutes: z.number().positive(),
  /** Minimum expected events in the window before spike/drop is judged (avoids noise on tiny apps). */
  minExpected: z.number().nonnegative(),
  complaintSpikeRatio: z.number().positive(),
});
export type AlertThresholds = z.infer<typeof AlertThresholds>;

const Pair = (what: string) => z.object({ warning: z.number(), critical: z.number() }).describe(what);

/**
 * The server's queue alerts (kind `queue`, subject the line; server/alerts/queue-alert-job.ts).
 * The wait alerts use `waits.warningSeconds` / `criticalSeconds`, the same thresholds the
 * screens colour a waiting call by, so a red timer and a critical alert always agree.
 */
export const QueueAlertThresholds = z.object({
  /** A call of a line has waited this many seconds while no agent of that line is available. */
  noAgentSeconds: z.number().nonnegative(),
  /** The 15-minute rates are judged only from this many calls in the window (one abandon on a quiet night is not a rate). */
  minCalls: z.number().int().positive(),
  /** Abandoned ÷ offered over the last 15 minutes, per line: over warning / critical. */
  abandonmentRate: Pair('fractions 0-1').refine((p) => p.warning >= 0 && p.critical <= 1 && p.warning <= p.critical, 'warning ≤ critical, both in 0-1'),
  /** SL(20 s) over the last 15 minutes, per line: below warning / critical. */
  sl20: Pair('fractions 0-1').refine((p) => p.critical >= 0 && p.warning <= 1 && p.critical <= p.warning, 'critical ≤ warning, both in 0-1'),
  /** One call of one agent lasting this many minutes (usual 112 calls last 1-3 minutes). */
  longCallMinutes: Pair('minutes').refine((p) => p.warning > 0 && p.warning <= p.critical, '0 < warning ≤ critical'),
});
export type QueueAlertThresholds = z.infer<typeof QueueAlertThresholds>;

/** For profiles written before queue alerts existed; the generator writes these into every new profile. */
export const DEFAULT_QUEUE_ALERTS: QueueAlertThresholds = {
  noAgentSeconds: 10,
  minCalls: 10,
  abandonmentRate: { warning: 0.15, critical: 0.25 },
  sl20: { warning: 0.8, critical: 0.6 },
  longCallMinutes: { warning: 10, critical: 20 },
};

/** Repeat and nuisance callers on the operator desk (issue 16). */
export const CallerRules = z.object({
  /** A number with at least this many calls ended as prank or ghost in 24 h is flagged "sering iseng" (flag only: its calls are never hidden). */
  frequentPrankCalls: z.number().int().positive(),
});
export type CallerRules = z.infer<typeof CallerRules>;
export const DEFAULT_CALLER_RULES: CallerRules = { frequentPrankCalls: 3 };

export const AgencyName = z.object({ id: z.enum(AGENCIES), name: z.string().min(1) });
export type AgencyName = z.infer<typeof AgencyName>;

export const CityProfileFile = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  bpsCode: z.string().regex(/^\d{2}\.\d{2}$/),
  province: z.string().min(1),
  timezone: z.string().min(1),
  /** Short name of the timezone shown after clock times (WIB, WITA, WIT). */
  timezoneLabel: z.string().min(1).max(8),
  map: z.object({
    center: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]),
    zoom: z.number().min(1).max(20),
    /** Optional base-map tiles; without it the map draws boundaries on a plain background. */
    tileUrl: z.url().optional(),
    tileAttribution: z.string().optional(),
  }),
  kecamatan: z.array(KecamatanInfo).min(1),
  kelurahan: z.array(KelurahanInfo).optional(),
  /** Asterisk queue name -> line. Queues named "112" and "119" map to themselves in every profile. */
  queues: z.record(z.string(), z.enum(LINES)),
  agencies: z.array(AgencyName),
  targets: Targets,
  waits: WaitThresholds,
  alerts: AlertThresholds,
  queueAlerts: QueueAlertThresholds.default(DEFAULT_QUEUE_ALERTS),
  /**
   * The daily report (issue 18): written at `at` city time (the profile's timezone: WIB, WITA or
   * WIT) for the day before; 06:00 when absent.
   */
  report: z.object({ at: ReportTime }).strict().default({ at: DEFAULT_REPORT_TIME }),
  callers: CallerRules.default(DEFAULT_CALLER_RULES),
  /** Attribution of the data the profile carries (boundaries, populations). */
  attribution: z.array(z.string()),
  /** Where the defaults come from and which of them are assumptions, for whoever edits the profile. */
  notes: z.array(z.string()).optional(),
  /**
   * How the city signs its CAP 1.2 alerts (docs/integrations.md): `sender` (no spaces, commas,
   * `<` or `&`, e.g. an address of the agency's domain), the name shown to people, and CAP
   * `<code>`s (e.g. a national profile's). Without it the sender is `pantau.<id>`.
   */
  cap: z.object({
    sender: z.string().regex(/^[^\s,<&]{1,128}$/, 'no spaces, commas, < or &'),
    senderName: z.string().min(1).max(200).optional(),
    codes: z.array(z.string().regex(/^[^<&]{1,128}$/, 'no < or &')).max(20).optional(),
    contact: z.string().max(200).optional(),
    web: z.url().optional(),
  }).optional(),
});
export type CityProfileFile = z.infer<typeof CityProfileFile>;

export const APP_CATEGORIES = [
  'super-app', 'emergency', 'complaints', 'health', 'population', 'licensing', 'education',
  'social', 'transport', 'finance', 'environment', 'information', 'staff', 'economy', 'other',
] as const;

export const AppInfo = z.object({
  id: z.string().min(1).max(128),
  name: z.string().min(1),
  agency: z.string().min(1),
  category: z.enum(APP_CATEGORIES),
  superApp: z.string().nullable(),
  isSuperApp: z.boolean(),
  publicFacing: z.boolean(),
  /** true for apps whose real name is publicly known; false marks an illustrative example. */
  real: z.boolean(),
  targets: z.object({ errorRateMax: z.number().min(0).max(1) }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AppCatalogFile = z.object({ apps: z.array(AppInfo) });
export type AppCatalogFile = z.infer<typeof AppCatalogFile>;

/** What a browser needs of the profile (GET /api/v1/city): no secrets, no internals. */
export const PublicCity = CityProfileFile.extend({
  apps: z.array(AppInfo.pick({ id: true, name: true, agency: true, category: true, superApp: true, isSuperApp: true, real: true })),
});
export type PublicCity = z.infer<typeof PublicCity>;
