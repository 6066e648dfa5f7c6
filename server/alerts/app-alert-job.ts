// Every minute, per space: evaluate every app and kecamatan, raise what is new, clear what is
// over. Alerts are events through ingest (principal "pantau"), so they reach every process's
// feed and every client like any other change. The active set is read from Redis, not kept
// in memory, so a restarted or second process continues where the others are.
import { SPACES, type Space } from '../../shared/contract/views.ts';
import type { CityProfile } from '../city/city-profile.ts';
import {
  detectorConfig, evaluateApp, evaluateComplaints, type AppAlertKind, type DetectorConfig, type DetectedKind, type KindVerdict,
} from '../domain/anomaly.ts';
import { MINUTE_MS } from '../domain/app-window.ts';
import { toIsoWithOffset } from '../domain/time.ts';
import type { IngestService } from '../ingest/ingest-service.ts';
import type { Logger } from '../log.ts';
import type { ActiveAlert, AppStore } from '../store/read-app-store.ts';
import { alertIdOf, clearedEvent, raisedEvent } from './alert-events.ts';
import { createCaches, gatherDetectorInput, type DetectorCaches } from './detector-input.ts';

export interface AppAlertJobDeps {
  store: (space: Space) => AppStore;
  ingest: IngestService;
  city: CityProfile;
  clock: () => number;
  log: Logger;
}

export interface RunResult {
  raised: string[];
  cleared: string[];
}

/** errors ÷ use ceiling for appIds the catalog does not know. */
const UNREGISTERED_ERROR_RATE_MAX = 0.05;
const APP_KINDS: readonly AppAlertKind[] = ['silent', 'spike', 'drop', 'error-rate'];

type PantauAlertEvent = ReturnType<typeof raisedEvent> | ReturnType<typeof clearedEvent>;

function decide(
  verdict: KindVerdict, kind: DetectedKind, subject: string, actives: readonly ActiveAlert[], endMs: number, at: string,
  extra: Record<string, string>, out: PantauAlertEvent[],
): void {
  if (actives.length > 0) {
    for (const a of actives) {
      if (!verdict.holds) out.push(clearedEvent(a.alertId, at));
      // Projection only ever escalates severity, so a re-raise under the same id is safe.
      else if (verdict.raise?.severity === 'critical' && a.severity !== 'critical') out.push(raisedEvent(a.alertId, subject, verdict.raise, at, extra, 'escalate'));
    }
    return;
  }
  const f = verdict.raise;
  if (f === null) return;
  const startMs = f.sinceMinutesAgo === undefined ? endMs : endMs - f.sinceMinutesAgo * MINUTE_MS;
  out.push(raisedEvent(alertIdOf(kind, subject, startMs), subject, f, at, extra));
}

/** One evaluation of one space at the clock's minute; returns the alert ids raised and cleared. */
export async function runAppAlerts(
  deps: AppAlertJobDeps, space: Space, caches: DetectorCaches = createCaches(), cfg: DetectorConfig = detectorConfig(deps.city.profile.alerts),
): Promise<RunResult> {
  const tz = deps.city.profile.timezone;
  const kecNames = new Map(deps.city.profile.kecamatan.map((k) => [k.code, k.name]));
  const input = await gatherDetectorInput(deps.store(space), caches, cfg, deps.clock(), tz, deps.city.appsById.keys(), kecNames.keys());
  const at = toIsoWithOffset(input.endMs, tz);
  const activeBy = new Map<string, ActiveAlert[]>();
  for (const a of input.active) {
    const k = `${a.kind}\u0000${a.subject}`;
    activeBy.set(k, [...(activeBy.get(k) ?? []), a]);
  }
  const activeOf = (kind: DetectedKind, subject: string): ActiveAlert[] => activeBy.get(`${kind}\u0000${subject}`) ?? [];
  const events: PantauAlertEvent[] = [];
  for (const [appId, minutes] of input.apps) {
    const app = deps.city.appsById.get(appId);
    const verdicts = evaluateApp({ ...minutes, errorRateMax: app?.targets.errorRateMax ?? UNREGISTERED_ERROR_RATE_MAX }, cfg);
    const extra = { name: (app?.name ?? appId).slice(0, 256) };
    for (const kind of APP_KINDS) {
      decide(verdicts[kind], kind, appId, activeOf(kind, appId), input.endMs, at, extra, events);
    }
  }
  for (const [kec, w] of input.complaints) {
    const extra = { name: kecNames.get(kec) ?? kec };
    decide(evaluateComplaints(w, cfg), 'complaint-spike', kec, activeOf('complaint-spike', kec), input.endMs, at, extra, events);
  }
  if (events.length > 0) await deps.ingest.ingestEvents(space, 'pantau', events);
  const result: RunResult = {
    raised: events.filter((e) => e.type === 'alert.raised').map((e) => e.alertId),
    cleared: events.filter((e) => e.type === 'alert.cleared').map((e) => e.alertId),
  };
  if (events.length > 0) deps.log.info({ mod: 'alerts', space, ...result }, 'app alerts');
  return result;
}

/**
 * Runs the job a few seconds after every minute (gateways report a minute when it ends) for
 * every space, one run at a time. Returns a stop function.
 */
export function startAppAlertJob(deps: AppAlertJobDeps, offsetMs = 5_000): () => void {
  const caches = new Map<Space, DetectorCaches>(SPACES.map((s) => [s, createCaches()]));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (): void => {
    if (stopped) return;
    const now = deps.clock();
    const delay = MINUTE_MS - (now % MINUTE_MS) + offsetMs;
    timer = setTimeout(() => {
      void (async () => {
        for (const space of SPACES) {
          try {
            await runAppAlerts(deps, space, caches.get(space));
          } catch (err: unknown) {
            deps.log.warn({ mod: 'alerts', space, err: String(err) }, 'app alert run failed');
          }
        }
        schedule();
      })();
    }, delay % MINUTE_MS || MINUTE_MS);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
