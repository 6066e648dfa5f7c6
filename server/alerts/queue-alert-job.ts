// Queue alerts (kind `queue`, subject the line): judged from the queue in Redis and written as
// `alert.raised` / `alert.cleared` through ingest, like the app alerts, so every process and
// every screen sees the same alerts and an operator acknowledges them the same way.
//
// When it runs: shortly after call or agent changes arrive (the feeds nudge it, so a call that
// is already late when posted raises within a second), at the next moment a threshold will be
// crossed by time alone (computed from the last run, not polled), every 15 s while a 15-minute
// rate alert is active (the window slides it back), and once a minute for rates that worsen
// as good calls leave the window. With nothing waiting and nothing active it reads Redis once
// a minute.
import { SPACES, type Space } from '../../shared/contract/views.ts';
import type { CityProfile } from '../city/city-profile.ts';
import { QUEUE_RATE_WINDOW_MS, evaluateQueue, nextCrossingMs, type QueueFinding, type QueueRules } from '../domain/queue-alert-rules.ts';
import { toIsoWithOffset } from '../domain/time.ts';
import type { IngestService } from '../ingest/ingest-service.ts';
import type { Logger } from '../log.ts';
import type { ReadQueueState } from '../store/read-queue-state.ts';
import { keyOfQueueAlertId, queueAlertId, queueAlertKey, queueClearedEvent, queueRaisedEvent } from './queue-alert-events.ts';

export interface QueueAlertDeps {
  read: (space: Space) => ReadQueueState;
  ingest: IngestService;
  city: CityProfile;
  clock: () => number;
  log: Logger;
}

export interface QueueRunResult {
  raised: string[];
  escalated: string[];
  cleared: string[];
  /** When time alone will next change a finding (ms), or null. */
  nextCrossingMs: number | null;
  /** Whether a rate alert (abandonment, SL20) is active after this run. */
  rateActive: boolean;
}

type AlertEvent = ReturnType<typeof queueRaisedEvent> | ReturnType<typeof queueClearedEvent>;

export function queueRules(city: CityProfile): QueueRules {
  return { waits: city.profile.waits, queue: city.profile.queueAlerts };
}

/** One judgement of one space now: raise what is new, escalate what got worse, clear what is over. */
export async function runQueueAlerts(deps: QueueAlertDeps, space: Space): Promise<QueueRunResult> {
  const nowMs = deps.clock();
  const rules = queueRules(deps.city);
  const state = await deps.read(space)(nowMs - QUEUE_RATE_WINDOW_MS, nowMs);
  const input = { nowMs, waiting: state.waiting, agents: state.agents, window: state.window };
  const findings = new Map<string, QueueFinding>();
  for (const f of evaluateQueue(input, rules)) findings.set(queueAlertKey(f), f);
  const at = toIsoWithOffset(nowMs, deps.city.profile.timezone);
  const events: AlertEvent[] = [];
  const result: QueueRunResult = { raised: [], escalated: [], cleared: [], nextCrossingMs: nextCrossingMs(input, rules), rateActive: false };
  const activeKeys = new Set<string>();
  for (const a of state.active) {
    if (a.kind !== 'queue') continue;
    const key = keyOfQueueAlertId(a.alertId);
    activeKeys.add(key);
    const f = findings.get(key);
    if (f === undefined) {
      events.push(queueClearedEvent(a.alertId, at));
      result.cleared.push(a.alertId);
      continue;
    }
    if (f.condition === 'abandonment' || f.condition === 'sl20') result.rateActive = true;
    // The projection only ever escalates severity: a re-raise under the same id is safe.
    if (f.severity === 'critical' && a.severity !== 'critical') {
      events.push(queueRaisedEvent(a.alertId, f, at, 'escalate'));
      result.escalated.push(a.alertId);
    }
  }
  for (const [key, f] of findings) {
    if (activeKeys.has(key)) continue;
    const alertId = queueAlertId(f);
    events.push(queueRaisedEvent(alertId, f, at, 'raise'));
    result.raised.push(alertId);
    if (f.condition === 'abandonment' || f.condition === 'sl20') result.rateActive = true;
  }
  if (events.length > 0) {
    await deps.ingest.ingestEvents(space, 'pantau', events);
    deps.log.info({ mod: 'alerts', space, raised: result.raised, escalated: result.escalated, cleared: result.cleared }, 'queue alerts');
  }
  return result;
}

export interface QueueAlertJob {
  /** Call or agent changes arrived in `space`: judge it again shortly. */
  nudge(space: Space): void;
  stop(): void;
}

export interface QueueJobTiming {
  /** Changes that arrive during a run are judged together this long after it. */
  debounceMs: number;
  /** How often an active rate alert is judged again. */
  rateRecheckMs: number;
  /** The once-a-minute run, this far past the minute. */
  minuteOffsetMs: number;
}

const DEFAULT_TIMING: QueueJobTiming = { debounceMs: 150, rateRecheckMs: 15_000, minuteOffsetMs: 3_000 };

/** One scheduler per space: one run at a time, the earliest wanted moment wins. */
class SpaceSchedule {
  private timer: NodeJS.Timeout | undefined;
  private dueMs: number | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(private readonly run: () => Promise<QueueRunResult | null>, private readonly clock: () => number, private readonly timing: QueueJobTiming) {}

  /** Run at `atMs` (wall clock of the job), unless an earlier run is already due. */
  at(atMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      if (atMs <= this.clock()) this.again = true;
      else this.later(atMs);
      return;
    }
    this.later(atMs);
  }

  private later(atMs: number): void {
    if (this.dueMs !== null && this.dueMs <= atMs) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueMs = atMs;
    this.timer = setTimeout(() => void this.fire(), Math.max(0, atMs - this.clock()));
    this.timer.unref();
  }

  private async fire(): Promise<void> {
    this.timer = undefined;
    this.dueMs = null;
    this.running = true;
    const r = await this.run();
    this.running = false;
    if (this.stopped) return;
    const now = this.clock();
    if (this.again) {
      this.again = false;
      this.later(now + this.timing.debounceMs);
    }
    if (r?.nextCrossingMs != null) this.later(Math.max(r.nextCrossingMs, now + this.timing.debounceMs));
    if (r?.rateActive) this.later(now + this.timing.rateRecheckMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

export function startQueueAlertJob(deps: QueueAlertDeps, timing: QueueJobTiming = DEFAULT_TIMING): QueueAlertJob {
  const schedules = new Map<Space, SpaceSchedule>();
  for (const space of SPACES) {
    schedules.set(space, new SpaceSchedule(async () => {
      try {
        return await runQueueAlerts(deps, space);
      } catch (err: unknown) {
        deps.log.warn({ mod: 'alerts', space, err: String(err) }, 'queue alert run failed');
        return null;
      }
    }, deps.clock, timing));
  }
  let minute: NodeJS.Timeout | undefined;
  let stopped = false;
  const everyMinute = (): void => {
    if (stopped) return;
    const now = deps.clock();
    minute = setTimeout(() => {
      for (const s of schedules.values()) s.at(deps.clock());
      everyMinute();
    }, 60_000 - (now % 60_000) + timing.minuteOffsetMs);
    minute.unref();
  };
  everyMinute();
  // A restarted process judges what it finds at once (a queue may have waited through the restart).
  for (const s of schedules.values()) s.at(deps.clock() + timing.debounceMs);
  return {
    // Leading edge: the first change runs at once; more changes during the run make one more run.
    nudge: (space) => schedules.get(space)?.at(deps.clock()),
    stop: () => {
      stopped = true;
      if (minute) clearTimeout(minute);
      for (const s of schedules.values()) s.stop();
    },
  };
}
