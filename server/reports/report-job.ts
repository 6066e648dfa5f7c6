// The daily report job (issue 18; docs/operations.md "Daily report"). At the profile's time
// (06:00 city time by default) the report of the day before is printed to PDF, kept in Redis
// and delivered (e-mail, webhooks); a start makes up what was missed while no process ran.
// Every process runs the job; a lease per day and language in Redis lets exactly one of them
// write and deliver a report, and the others find it kept. Reports asked for by hand
// (`POST /api/v1/reports/<day>`) go through the same lease and queue but are not delivered.
//
// No timer reads Redis while nothing is due: the job sleeps until the next due moment (at most
// MAX_SLEEP_MS at a time, so a clock that jumps is noticed) and remembers what it found done.
import { performance } from 'node:perf_hooks';
import type { ReportInfo, ReportLang } from '../../shared/contract/reports.ts';
import type { Space } from '../../shared/contract/views.ts';
import { includesWeek, minutesOf } from '../../shared/report/report-day.ts';
import { catchUpDays, latestDueDay, nextDueMs } from '../domain/report-schedule.ts';
import { startOfCityDayKey } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { ReportStore } from '../store/report-store.ts';
import { ReportRenderError, type RenderReport } from './report-renderer.ts';

/** Another process (or an earlier request) is writing that report now. */
export class ReportBusyError extends Error {
  override name = 'ReportBusyError';
  readonly code = 'REPORT_BUSY';
}

const MAX_SLEEP_MS = 10 * 60_000;
/** Longer than a render (≤ 50 s) and a delivery: a process that died mid-way frees the day after it. */
const LEASE_MS = 5 * 60_000;
/** When another process holds the lease, look again this much later (it may have died). */
const BUSY_RETRY_MS = 60_000;
/** After a failed print (the page, Redis), try again this much later; not every minute all day. */
const FAILED_RETRY_MS = 15 * 60_000;
const STOP_WAIT_MS = 5_000;

export type DeliverReport = (space: Space, info: ReportInfo, pdf: Buffer) => Promise<void>;

export interface ReportJobDeps {
  store: (space: Space) => ReportStore;
  render: RenderReport;
  deliver: DeliverReport;
  clock: () => number;
  timeZone: string;
  /** The profile's report time, `HH:MM`. */
  at: string;
  /** The language of the scheduled reports. */
  lang: ReportLang;
  /** The spaces that get a scheduled report. */
  spaces: readonly Space[];
  /** This process, as the lease's owner. */
  owner: string;
  iso: (ms: number) => string;
  log: Logger;
  metrics: Metrics;
}

export interface ReportJob {
  /** Makes up missed reports, then follows the schedule; returns the stop. */
  start(): () => Promise<void>;
  /** Writes (or rewrites) one report now, not delivered; throws ReportBusyError while it is being written. */
  writeNow(space: Space, day: string, lang: ReportLang): Promise<ReportInfo>;
  /** Resolves when the work queued so far is done (tests). */
  settled(): Promise<void>;
}

export function createReportJob(deps: ReportJobDeps): ReportJob {
  const minutes = minutesOf(deps.at);
  const log = deps.log.child({ mod: 'reports' });
  /** One rendering at a time in this process: each is a browser. */
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = true;
  /** Per space, the newest day found written (by us or another process). */
  const done = new Map<Space, string>();

  function enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Renders and keeps one report under the day's lease; null when a scheduled one was already written. */
  async function write(space: Space, day: string, lang: ReportLang, trigger: ReportInfo['trigger']): Promise<{ info: ReportInfo; pdf: Buffer } | null> {
    const store = deps.store(space);
    if (!(await store.hold(day, lang, deps.owner, LEASE_MS))) throw new ReportBusyError(`the report of ${day} (${lang}) is being written`);
    try {
      if (trigger === 'schedule' && (await store.has(day, lang))) return null;
      const t0 = performance.now();
      const pdf = await deps.render({ day, lang, space }).catch((err: unknown) => {
        deps.metrics.reports.inc({ trigger, result: 'failed' });
        throw err;
      });
      const renderMs = Math.round(performance.now() - t0);
      const info: ReportInfo = {
        day, lang, weekly: includesWeek(day), renderedAt: deps.iso(deps.clock()), trigger, bytes: pdf.length, renderMs,
        path: `/api/v1/reports/${day}.pdf${lang === 'id' ? '' : `?lang=${lang}`}${space === 'demo' ? `${lang === 'id' ? '?' : '&'}space=demo` : ''}`,
      };
      await store.put(info, pdf, startOfCityDayKey(day, deps.timeZone), deps.clock());
      log.info({ space, day, lang, trigger, bytes: pdf.length, renderMs }, 'report written');
      deps.metrics.reports.inc({ trigger, result: 'written' });
      if (trigger === 'schedule') {
        // Delivered inside the lease: no other process can deliver it a second time.
        await deps.deliver(space, info, pdf).catch((err: unknown) => {
          deps.metrics.reports.inc({ trigger, result: 'delivery_failed' });
          log.error({ space, day, err: String(err) }, 'report delivery failed');
        });
      }
      return { info, pdf };
    } finally {
      await store.release(day, lang, deps.owner);
    }
  }

  /**
   * Writes the scheduled reports due now that are missing. Null when all are written (here or
   * elsewhere), else when to look again: soon when another process holds a lease (it may die),
   * later after a failure, and not before the next due time without Chromium (an operator must
   * install it; the start said so, and one line a day says it again).
   */
  async function writeDue(space: Space, days: readonly string[]): Promise<number | null> {
    for (const day of days) {
      try {
        await write(space, day, deps.lang, 'schedule');
        done.set(space, day);
      } catch (err: unknown) {
        if (err instanceof ReportBusyError) return BUSY_RETRY_MS;
        log.error({ space, day, err: err instanceof Error ? err.message : String(err) }, 'report not written');
        if (err instanceof ReportRenderError && err.code === 'CHROMIUM_MISSING') {
          done.set(space, days.at(-1) ?? day);
          return null;
        }
        return FAILED_RETRY_MS;
      }
    }
    return null;
  }

  const sooner = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));

  async function catchUp(): Promise<number | null> {
    let retry: number | null = null;
    const due = latestDueDay(deps.clock(), minutes, deps.timeZone);
    for (const space of deps.spaces) {
      const days = catchUpDays(due, await deps.store(space).newestDay(deps.lang));
      if (days.length === 0) done.set(space, due);
      else retry = sooner(retry, await writeDue(space, days));
    }
    return retry;
  }

  async function tick(): Promise<number | null> {
    const now = deps.clock();
    const due = latestDueDay(now, minutes, deps.timeZone);
    let retry: number | null = null;
    for (const space of deps.spaces) {
      if (done.get(space) === due) continue;
      retry = sooner(retry, await writeDue(space, [due]));
    }
    return retry;
  }

  function schedule(retryMs: number | null): void {
    if (stopped) return;
    const now = deps.clock();
    const untilDue = nextDueMs(now, minutes, deps.timeZone) - now;
    const ms = Math.max(0, Math.min(untilDue, MAX_SLEEP_MS, retryMs ?? Infinity));
    timer = setTimeout(() => {
      void enqueue(tick).then(schedule, (err: unknown) => {
        log.error({ err: String(err) }, 'report schedule failed');
        schedule(BUSY_RETRY_MS);
      });
    }, ms);
    timer.unref();
  }

  return {
    start() {
      stopped = false;
      void enqueue(catchUp).then(schedule, (err: unknown) => {
        log.error({ err: String(err) }, 'report catch-up failed');
        schedule(BUSY_RETRY_MS);
      });
      return async () => {
        stopped = true;
        if (timer) clearTimeout(timer);
        // A report being printed finishes (its lease is released) unless it takes long; the
        // browser is a child of this process and ends with it.
        await Promise.race([queue, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
      };
    },
    async writeNow(space, day, lang) {
      const r = await enqueue(() => write(space, day, lang, 'request'));
      if (r === null) throw new Error('unreachable: a requested report is always written');
      return r.info;
    },
    settled: () => queue.then(() => undefined),
  };
}
