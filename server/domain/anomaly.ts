// The anomaly detector: pure, one app (or one kecamatan) at a time, given its recent minutes
// and what is usual for them. Each kind answers two questions: should an alert be raised
// now, and does an alert already raised still hold? The second is looser (hysteresis), so an
// app hovering at the threshold does not raise and clear every minute.
//
// "Usual" is, in order of preference, the same minutes of the same weekday over past weeks
// (from hour buckets, so weekly and daily rhythms are both in it), or a rolling baseline of
// the hour before. A rolling baseline cannot know the daily curve, so it is used as an
// envelope: a spike must beat the busiest recent block, a drop must fall under the quietest,
// and a smooth morning rise or evening fall stays inside it.
import type { AlertThresholds } from '../../shared/contract/city.ts';
import { median, poissonLowerTail, poissonUpperTail, sum } from './app-poisson.ts';

export type AppAlertKind = 'spike' | 'drop' | 'silent' | 'error-rate';
export type Severity = 'warning' | 'critical';
export type Detail = Record<string, string | number | null>;

export interface DetectorConfig {
  thresholds: AlertThresholds;
  /** Minutes compared for spikes, drops and error rates. */
  windowMinutes: number;
  /** Minutes before the compared ones that form the rolling baseline. */
  rollingMinutes: number;
  /** How unlikely (Poisson) a count must be under the usual rate before it counts. */
  alpha: number;
  errorAlpha: number;
  /** A silence is judged only over whole minutes, and never on one: a gateway may be a minute late. */
  silentMinMinutes: number;
}

export function detectorConfig(thresholds: AlertThresholds): DetectorConfig {
  // 1e-6 per app and minute: ~200 apps checked 1,440 times a day make well under one false alarm a day.
  return { thresholds, windowMinutes: 10, rollingMinutes: 60, alpha: 1e-6, errorAlpha: 1e-4, silentMinMinutes: 2 };
}

/** Complete minutes the detector needs: a silence of up to silentMinutes plus the baseline before it. */
export function lookbackMinutes(cfg: DetectorConfig): number {
  return Math.max(cfg.thresholds.silentMinutes, cfg.windowMinutes) + cfg.rollingMinutes;
}

export interface AppMinutes {
  /** Sessions + transactions per complete minute, oldest first; the last is the minute just ended. */
  usage: readonly number[];
  errors: readonly number[];
  /** Usual usage per minute for the same minutes (past weeks), or null when history is short. */
  usual: readonly number[] | null;
  errorRateMax: number;
}

export type DetectedKind = AppAlertKind | 'complaint-spike';

export interface Finding {
  kind: DetectedKind;
  severity: Severity;
  detail: Detail;
  /** Minutes before the end of the input at which the anomaly began (silences), else undefined. */
  sinceMinutesAgo?: number;
}

export interface KindVerdict {
  /** Raise an alert now (when none is active). */
  raise: Finding | null;
  /** An active alert of this kind still holds. */
  holds: boolean;
}

interface Baseline { expected: number; low: number; high: number; source: 'weekly' | 'rolling' }

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** What is usual over usage[from, to): weekly figures when known, else blocks of the hour before. */
function baseline(m: AppMinutes, from: number, to: number, cfg: DetectorConfig): Baseline | null {
  if (m.usual !== null) {
    const e = sum(m.usual, from, to);
    return { expected: e, low: e, high: e, source: 'weekly' };
  }
  const block = cfg.windowMinutes;
  const start = from - cfg.rollingMinutes;
  if (start < 0) return null;
  const blocks: number[] = [];
  for (let b = start; b + block <= from; b += block) blocks.push(sum(m.usage, b, b + block));
  if (blocks.length === 0) return null;
  const scale = (to - from) / block;
  return { expected: median(blocks) * scale, low: Math.min(...blocks) * scale, high: Math.max(...blocks) * scale, source: 'rolling' };
}

function trailingZeros(values: readonly number[]): number {
  let n = 0;
  for (let i = values.length - 1; i >= 0 && (values[i] ?? 0) === 0; i--) n++;
  return n;
}

function silentVerdict(m: AppMinutes, cfg: DetectorConfig): KindVerdict {
  const n = m.usage.length;
  const run = trailingZeros(m.usage);
  // Cleared only once activity is back in a whole minute or two, not on one stray event.
  const holds = run >= 2;
  const span = Math.min(run, cfg.thresholds.silentMinutes);
  if (span < cfg.silentMinMinutes) return { raise: null, holds };
  const b = m.usual !== null ? baseline(m, n - span, n, cfg) : run < n ? baseline(m, n - run, n - run + span, cfg) : null;
  // e^-expected is the chance of so long a silence by luck alone.
  if (b === null || b.expected < Math.log(1 / cfg.alpha)) return { raise: null, holds };
  return {
    raise: {
      kind: 'silent', severity: 'critical', sinceMinutesAgo: run,
      detail: { minutes: run, expected: round1(b.expected), baseline: b.source },
    },
    holds,
  };
}

function spikeVerdict(cfg: DetectorConfig, observed: number, b: Baseline | null): KindVerdict {
  if (b === null) return { raise: null, holds: false };
  const ratio = cfg.thresholds.spikeRatio;
  // minExpected floors the reference: a jump from 2 to 6 events on a tiny app is noise, not a spike.
  const ref = Math.max(b.source === 'weekly' ? b.expected : b.high, cfg.thresholds.minExpected);
  const holds = observed >= Math.sqrt(ratio) * ref;
  if (observed < ratio * ref || poissonUpperTail(observed, ref) >= cfg.alpha) return { raise: null, holds };
  const severity: Severity = observed >= ratio * ratio * ref ? 'critical' : 'warning';
  return { raise: { kind: 'spike', severity, detail: detailOf(observed, b, cfg) }, holds };
}

function dropVerdict(cfg: DetectorConfig, observed: number, b: Baseline | null, silent: boolean): KindVerdict {
  if (b === null || b.expected < cfg.thresholds.minExpected) return { raise: null, holds: false };
  const ratio = cfg.thresholds.dropRatio;
  const ref = b.source === 'weekly' ? b.expected : b.low;
  const holds = observed < Math.sqrt(ratio) * ref;
  // A window of nothing at all is the silence detector's to report.
  if (silent || observed > ratio * ref || poissonLowerTail(observed, ref) >= cfg.alpha) return { raise: null, holds };
  const severity: Severity = observed <= 0.1 * ref ? 'critical' : 'warning';
  return { raise: { kind: 'drop', severity, detail: detailOf(observed, b, cfg) }, holds };
}

function errorVerdict(m: AppMinutes, cfg: DetectorConfig): KindVerdict {
  const n = m.usage.length;
  const used = sum(m.usage, n - cfg.windowMinutes, n);
  const errors = sum(m.errors, n - cfg.windowMinutes, n);
  const max = m.errorRateMax;
  const holds = used === 0 ? errors > 0 : errors / used > max;
  const lambda = max * Math.max(used, 1);
  // Three errors at least: one or two failed requests on an idle app are not an outage.
  if (errors < 3 || errors <= max * used || poissonUpperTail(errors, lambda) >= cfg.errorAlpha) return { raise: null, holds };
  const rate = used === 0 ? null : Math.round((errors / used) * 10_000) / 10_000;
  const severity: Severity = rate === null || rate >= 2 * max ? 'critical' : 'warning';
  return {
    raise: { kind: 'error-rate', severity, detail: { errors, used, rate, max, windowMinutes: cfg.windowMinutes } },
    holds,
  };
}

function detailOf(observed: number, b: Baseline, cfg: DetectorConfig): Detail {
  return {
    observed,
    expected: round1(b.expected),
    ratio: b.expected > 0 ? round1(observed / b.expected) : null,
    windowMinutes: cfg.windowMinutes,
    baseline: b.source,
  };
}

/**
 * An app is judged once something is known about it: past weeks, or activity in the rolling
 * baseline's hour. An app that only just started reporting (a new integration, a fresh
 * install, a load test) has nothing to be compared with, and its first minutes are no spike.
 */
function isWarm(m: AppMinutes, cfg: DetectorConfig): boolean {
  const end = m.usage.length - Math.max(cfg.thresholds.silentMinutes, cfg.windowMinutes);
  return m.usual !== null || sum(m.usage, 0, end) + sum(m.errors, 0, end) > 0;
}

/** Verdicts for every app alert kind, from the app's recent complete minutes. */
export function evaluateApp(m: AppMinutes, cfg: DetectorConfig): Record<AppAlertKind, KindVerdict> {
  const n = m.usage.length;
  const w = Math.min(cfg.windowMinutes, n);
  const observed = sum(m.usage, n - w, n);
  const b = w === cfg.windowMinutes ? baseline(m, n - w, n, cfg) : null;
  const silent = silentVerdict(m, cfg);
  const verdicts: Record<AppAlertKind, KindVerdict> = {
    silent,
    spike: spikeVerdict(cfg, observed, b),
    drop: dropVerdict(cfg, observed, b, silent.raise !== null || (observed === 0 && silent.holds)),
    'error-rate': errorVerdict(m, cfg),
  };
  if (isWarm(m, cfg)) return verdicts;
  // Not yet judged: nothing is raised, but alerts already raised still clear as usual.
  for (const v of Object.values(verdicts)) v.raise = null;
  return verdicts;
}

export interface ComplaintWindow {
  /** Complaints in the window. */
  observed: number;
  /** Usual complaints for the window from past weeks, or null when history is short. */
  usual: number | null;
  /** Complaints per full hour before the window (rolling baseline). */
  recentHourly: readonly number[];
  windowHours: number;
  /** Whether the space has history to compare with (see isWarm for apps). */
  historyKnown: boolean;
}

/** Complaints are rare (a few a day per kecamatan), so the usual rate is floored at one per window. */
const COMPLAINT_FLOOR = 1;

export function evaluateComplaints(w: ComplaintWindow, cfg: DetectorConfig): KindVerdict {
  const rolling = w.recentHourly.length > 0 ? (sum(w.recentHourly) / w.recentHourly.length) * w.windowHours : null;
  const expected = w.usual ?? rolling ?? 0;
  const ref = Math.max(expected, COMPLAINT_FLOOR);
  const ratio = cfg.thresholds.complaintSpikeRatio;
  const holds = w.observed >= Math.sqrt(ratio) * ref;
  if (!w.historyKnown || w.observed < ratio * ref || poissonUpperTail(w.observed, ref) >= cfg.alpha) return { raise: null, holds };
  return {
    raise: {
      kind: 'complaint-spike',
      severity: w.observed >= 2 * ratio * ref ? 'critical' : 'warning',
      detail: { observed: w.observed, expected: round1(expected), windowMinutes: Math.round(w.windowHours * 60), baseline: w.usual !== null ? 'weekly' : 'rolling' },
    },
    holds,
  };
}
