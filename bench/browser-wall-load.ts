// The wall loading 10,000 open incidents in Chromium (issue #21): when the boundaries are
// drawn, when the first incident marker or cluster is, and the main thread's long tasks
// (PerformanceObserver 'longtask', which Chromium reports for every task over 50 ms) from
// navigation until the incidents are on the map: the snapshot is inflated, checked and
// applied in that span, so its longest task is the longest the snapshot caused.
import type { Page } from 'playwright-core';

export interface WallLoad {
  /** ms from navigation to the first kecamatan boundary drawn. */
  mapPaintMs: number;
  /** ms from navigation to the first incident marker or cluster drawn. */
  incidentsOnMapMs: number;
  /** Longest main-thread task (ms) from the socket's first frame until the incidents are drawn (0: none over 50 ms). */
  longestTaskMs: number;
  /** Longest task (ms) over the whole load, page start-up included. */
  longestTaskAnyMs: number;
  /** Every long task of the load: [start, duration] ms from navigation. */
  longTasks: [number, number][];
}

declare global {
  interface Window { pmLongTasks?: [number, number][] }
}

/** Installs the long-task recorder; call before `page.goto`. */
export async function recordLongTasks(page: Page): Promise<void> {
  // A string, not a function: tsx wraps named inner functions in a helper the page lacks.
  await page.addInitScript(`(() => {
    window.pmLongTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.pmLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  })()`);
}

/** Navigates to `url` (recordLongTasks must have run) and measures the load. */
export async function measureWallLoad(page: Page, url: string, timeoutMs = 60_000): Promise<WallLoad> {
  // The time the first socket frame arrives: the snapshot's work starts there.
  const firstFrame = new Promise<number>((resolve) => {
    page.on('websocket', (ws) => ws.once('framereceived', () => {
      void page.evaluate(() => performance.now()).then(resolve, () => resolve(0));
    }));
  });
  await page.goto(url, { waitUntil: 'commit' });
  const mapPaintMs = Number(await page.waitForFunction(
    () => (document.querySelector('[data-testid="incident-map"] path') ? performance.now() : false),
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  ).then((h) => h.jsonValue()));
  const incidentsOnMapMs = Number(await page.waitForFunction(
    () => (document.querySelector('[data-testid="incident-map"] .pm-inc, [data-testid="incident-map"] .pm-cluster') ? performance.now() : false),
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  ).then((h) => h.jsonValue()));
  // Long tasks are reported after they end: one more frame lets the last one in.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  const longTasks = await page.evaluate(() => window.pmLongTasks ?? []);
  const socketAt = await Promise.race([firstFrame, Promise.resolve(0)]);
  const during = longTasks.filter(([start, duration]) => start + duration >= socketAt && start <= incidentsOnMapMs);
  return {
    mapPaintMs,
    incidentsOnMapMs,
    longestTaskMs: Math.max(0, ...during.map(([, d]) => d)),
    longestTaskAnyMs: Math.max(0, ...longTasks.filter(([start]) => start <= incidentsOnMapMs).map(([, d]) => d)),
    longTasks: longTasks.map(([s, d]) => [Math.round(s), Math.round(d)]),
  };
}
