// Reads what the detector needs for one space at one minute: the recent complete minutes of
// every app, past weeks' hour buckets and day buckets (which weeks saw each app), the
// complaint hours, and the active alerts.
import type { AppMinutes, ComplaintWindow, DetectorConfig } from '../domain/anomaly.ts';
import { lookbackMinutes } from '../domain/anomaly.ts';
import { BASELINE_WEEKS, WEEK_MS, baselineHours, usualComplaints, usualPerMinute } from '../domain/app-baseline.ts';
import { usageOf, type AppCounts } from '../domain/app-rollup.ts';
import { HOUR_MS, MINUTE_MS, floorHour, floorMinute, hourStarts, minuteStarts } from '../domain/app-window.ts';
import { cityDayKey } from '../domain/time.ts';
import type { ActiveAlert, AppStore, KecamatanCounts } from '../store/read-app-store.ts';
import { BucketCache } from './bucket-cache.ts';

/** Minutes this old are settled: gateways report a minute within seconds, a retry within a few minutes. */
const SETTLED_MS = 5 * MINUTE_MS;
const RECENT_COMPLAINT_HOURS = 24;

export interface DetectorCaches {
  minutes: BucketCache<number, AppCounts>;
  hours: BucketCache<number, AppCounts>;
  days: BucketCache<string, AppCounts>;
  complaints: BucketCache<number, KecamatanCounts>;
}

export function createCaches(): DetectorCaches {
  return {
    minutes: new BucketCache(200),
    hours: new BucketCache(BASELINE_WEEKS * 8 + 64),
    days: new BucketCache(64),
    complaints: new BucketCache(BASELINE_WEEKS * 4 + RECENT_COMPLAINT_HOURS + 8),
  };
}

export interface DetectorInput {
  /** End (exclusive) of the last complete minute. */
  endMs: number;
  active: ActiveAlert[];
  /** Per app seen recently, in the catalog, or subject of an active alert. */
  apps: Map<string, Omit<AppMinutes, 'errorRateMax'>>;
  complaints: Map<string, ComplaintWindow>;
}

function seriesOf(appId: string, counts: readonly AppCounts[]): { usage: number[]; errors: number[] } {
  return {
    usage: counts.map((c) => usageOf(c.get(appId))),
    errors: counts.map((c) => c.get(appId)?.error ?? 0),
  };
}

export async function gatherDetectorInput(
  store: AppStore, caches: DetectorCaches, cfg: DetectorConfig, nowMs: number, timeZone: string, appIds: Iterable<string>, kecamatan: Iterable<string>,
): Promise<DetectorInput> {
  const endMs = floorMinute(nowMs);
  const minutes = minuteStarts(endMs - lookbackMinutes(cfg) * MINUTE_MS, endMs);
  const firstMinute = minutes[0] ?? endMs;
  const weekDays = Array.from({ length: BASELINE_WEEKS }, (_, i) => cityDayKey(endMs - 1 - (i + 1) * WEEK_MS, timeZone));
  const hours = baselineHours(firstMinute, endMs);
  const currentHour = floorHour(endMs - 1);
  const complaintWindow = [
    { hourMs: currentHour - HOUR_MS, share: 1 },
    { hourMs: currentHour, share: (endMs - currentHour) / HOUR_MS },
  ];
  const recentHours = hourStarts(currentHour - (RECENT_COMPLAINT_HOURS + 1) * HOUR_MS, currentHour - HOUR_MS);
  const weeklyComplaintHours = complaintWindow.flatMap((h) => Array.from({ length: BASELINE_WEEKS }, (_, i) => h.hourMs - (i + 1) * WEEK_MS));

  const [minuteMap, hourMap, dayMap, complaintMap, active] = await Promise.all([
    caches.minutes.getMany(minutes, (m) => m + MINUTE_MS <= nowMs - SETTLED_MS, (k) => store.minutes(k)),
    caches.hours.getMany(hours, (h) => h + HOUR_MS <= nowMs - SETTLED_MS, (k) => store.hours(k)),
    caches.days.getMany(weekDays, () => true, (k) => store.days(k)),
    caches.complaints.getMany(
      [...recentHours, ...weeklyComplaintHours, ...complaintWindow.map((h) => h.hourMs)],
      (h) => h + HOUR_MS <= nowMs - SETTLED_MS,
      (k) => store.complaintHours(k),
    ),
    store.activeAlerts(),
  ]);
  const minuteCounts = minutes.map((m) => minuteMap.get(m) ?? new Map<string, never>());

  const ids = new Set(appIds);
  for (const c of minuteCounts) for (const id of c.keys()) ids.add(id);
  for (const a of active) if (a.kind !== 'complaint-spike' && a.kind !== 'queue') ids.add(a.subject);

  const apps = new Map<string, Omit<AppMinutes, 'errorRateMax'>>();
  for (const id of ids) {
    const weeksSeen: number[] = [];
    weekDays.forEach((d, i) => {
      if (usageOf(dayMap.get(d)?.get(id)) > 0) weeksSeen.push(i + 1);
    });
    apps.set(id, { ...seriesOf(id, minuteCounts), usual: usualPerMinute({ appId: id, minutes, hours: hourMap, weeksSeen }) });
  }

  // Complaint history counts as known for a week when anything at all was recorded that day.
  const weeksWithData: number[] = [];
  weekDays.forEach((d, i) => {
    if ((dayMap.get(d)?.size ?? 0) > 0) weeksWithData.push(i + 1);
  });
  // As for apps: the space had activity an hour or more ago, or in past weeks.
  const settledMinutes = Math.max(0, minuteCounts.length - Math.max(cfg.thresholds.silentMinutes, cfg.windowMinutes));
  const historyKnown = weeksWithData.length >= 2 || minuteCounts.slice(0, settledMinutes).some((c) => c.size > 0);
  const kecs = new Set(kecamatan);
  for (const h of complaintWindow) for (const k of complaintMap.get(h.hourMs)?.keys() ?? []) kecs.add(k);
  for (const a of active) if (a.kind === 'complaint-spike') kecs.add(a.subject);
  const complaints = new Map<string, ComplaintWindow>();
  for (const kec of kecs) {
    let observed = 0;
    for (const h of complaintWindow) observed += complaintMap.get(h.hourMs)?.get(kec) ?? 0;
    complaints.set(kec, {
      observed,
      usual: usualComplaints(kec, weeksWithData, complaintWindow, complaintMap),
      recentHourly: recentHours.map((h) => complaintMap.get(h)?.get(kec) ?? 0),
      windowHours: complaintWindow.reduce((t, h) => t + h.share, 0),
      historyKnown,
    });
  }
  return { endMs, active, apps, complaints };
}
