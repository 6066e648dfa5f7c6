// City app activity, reported as pre-aggregated minutes the way a gateway would: one
// app.activity per app and kind with a count, complaints split by the kecamatan they concern.
import type { AppKind, KecamatanCode } from '../../shared/contract/events.ts';
import {
  APP_RATES, OFFICE_APP_CATEGORIES, OFFICE_APP_CURVE, PUBLIC_APP_CURVE, WEEKEND_FACTOR,
} from './facts.ts';
import { pickKecamatan } from './places.ts';
import { createRng, lognormalMedian, poisson, seedRng, uniform } from './rng.ts';
import { schedule, type StepCtx } from './schedule.ts';
import type { AppProfile, SimCity } from './state.ts';
import { MINUTE_MS, curveAt, isWeekend, localHour, normaliseCurve } from './time.ts';

/** The simulated app gateway that reports every app's activity. */
export const APP_GATEWAY_SOURCE = 'sim-app-gateway';
const CURVES = { office: normaliseCurve(OFFICE_APP_CURVE), public: normaliseCurve(PUBLIC_APP_CURVE) } as const;
const KINDS: readonly AppKind[] = ['session', 'transaction', 'error', 'complaint'];

/** How scenarios bend one app's minute: scale the usual rate, add extra, place complaints. */
export interface AppEffect {
  factor: number;
  /** Extra events in the reported minute. */
  extraPerMin: number;
  kecamatan: KecamatanCode | null;
}

/**
 * One reported minute of app activity. App usage is not time-lapsed: gateways report per
 * wall-clock minute, following the day's curve at the wall clock's time of day. The anomaly
 * detector judges real minutes against the hour before them, and a day compressed tenfold has
 * slopes no real day has: the office-hours rise would read as spikes on a hundred apps, the
 * evening fall as as many silences. Calls and incidents are time-lapsed; scenarios reach apps
 * on their own clock (scenarios.ts).
 */
export interface AppMinute {
  /** End of the wall-clock minute, epoch ms. */
  wallEnd: number;
  /** Wall minutes the report covers: 1 live; 60 in a backfilled history (SimState.appReportMs). */
  minutes: number;
  /** Simulated time at the middle of the minute (time-lapsed scenario timelines are read there). */
  simMid: number;
  /** Simulated time the minute's events are stamped at (their wall time is wallEnd − 1). */
  simAt: number;
  /** Simulated minutes this wall minute spans: the speed. */
  simMinutes: number;
}

export type AppEffectFn = (appId: string, kind: AppKind, minute: AppMinute, sessionsPerMin: number) => AppEffect;

/** The citizens' complaint channel: LAKSA by name, else the first complaints app. */
export function findComplaintApp(city: SimCity): string | null {
  const laksa = city.apps.find((a) => /laksa/i.test(a.id));
  return (laksa ?? city.apps.find((a) => a.category === 'complaints'))?.id ?? null;
}

/**
 * Stable sizes per app, each drawn from a stream of its own id: adding, removing or reordering
 * apps in a catalog reshuffles neither the calls nor the other apps' sizes.
 */
export function buildAppProfiles(city: SimCity, seed: string, complaintAppId: string | null): AppProfile[] {
  return city.apps.map((app) => {
    const rng = createRng(seedRng(`${seed}/apps/${app.id}`));
    const curve = OFFICE_APP_CATEGORIES.has(app.category) ? 'office' : 'public';
    const errorShare = uniform(rng, APP_RATES.errorShare.min, APP_RATES.errorShare.max);
    let session: number;
    let transaction: number;
    let complaint: number;
    if (app.isSuperApp) {
      session = APP_RATES.superApp.sessions * uniform(rng, 0.8, 1.2);
      transaction = session * APP_RATES.superApp.transactionsPerSession;
      complaint = APP_RATES.superApp.complaints;
    } else if (app.id === complaintAppId) {
      session = APP_RATES.complaintApp.sessions;
      transaction = session * APP_RATES.complaintApp.transactionsPerSession;
      complaint = APP_RATES.complaintApp.complaints;
    } else {
      const o = APP_RATES.ordinary;
      session = Math.min(20_000, Math.max(5, lognormalMedian(rng, o.sessions.median, o.sessions.sigma)));
      transaction = session * uniform(rng, o.transactionsPerSession.min, o.transactionsPerSession.max);
      complaint = o.complaints;
    }
    return { id: app.id, curve, perDay: { session, transaction, complaint, error: (session + transaction) * errorShare } };
  });
}

/**
 * The curve's mean over a report of `minutes` centred on `midHour`: its value there for a minute
 * or an hour, the mean of its hourly values for a longer report (a backfilled day, whose mean
 * shape is 1 by construction of the normalised curves).
 */
function shapeOver(curve: readonly number[], midHour: number, minutes: number): number {
  const hours = minutes / 60;
  if (hours <= 1) return curveAt(curve, midHour);
  let sum = 0;
  for (let h = 0; h < Math.round(hours); h++) sum += curveAt(curve, midHour - hours / 2 + h + 0.5);
  return sum / Math.round(hours);
}

/** Queues the activity of one reported minute (or longer span), stamped just inside its end. */
export function reportAppMinute(ctx: StepCtx, minute: AppMinute, effect: AppEffectFn): void {
  const { s, rng } = ctx;
  // The middle of what the report covers: of its minute live, of its hour in a backfilled history
  // (the curve read at an hour's end would give each past hour the next one's rate).
  const mid = minute.wallEnd - (minute.minutes * MINUTE_MS) / 2;
  const hour = localHour(mid, s.config.offsetMinutes);
  const weekdayMode = s.scenarios.some((sc) => sc.name === 'normal-monday');
  const weekend = !weekdayMode && isWeekend(mid, s.config.offsetMinutes);
  const at = minute.simAt;
  for (const app of s.config.apps) {
    const dayShape = shapeOver(CURVES[app.curve], hour, minute.minutes) * (weekend ? WEEKEND_FACTOR[app.curve] : 1);
    const sessionsPerMin = (app.perDay.session * dayShape) / 1440;
    for (const kind of KINDS) {
      const e = effect(app.id, kind, minute, sessionsPerMin);
      const usual = poisson(rng, ((app.perDay[kind] * dayShape) / 1440) * minute.minutes * e.factor);
      const extra = poisson(rng, e.extraPerMin * minute.minutes);
      if (kind !== 'complaint') {
        const count = usual + extra;
        if (count > 0) schedule(ctx, at, { type: 'app.activity', source: APP_GATEWAY_SOURCE, appId: app.id, kind, count });
        continue;
      }
      const byKec = new Map<KecamatanCode, number>();
      for (let i = 0; i < usual; i++) {
        const k = pickKecamatan(rng, s.config.kecamatanWeights);
        byKec.set(k, (byKec.get(k) ?? 0) + 1);
      }
      for (let i = 0; i < extra; i++) {
        const k = e.kecamatan ?? pickKecamatan(rng, s.config.kecamatanWeights);
        byKec.set(k, (byKec.get(k) ?? 0) + 1);
      }
      for (const [kecamatan, count] of byKec) {
        schedule(ctx, at, { type: 'app.activity', source: APP_GATEWAY_SOURCE, appId: app.id, kind, count, kecamatan });
      }
    }
  }
}
