// The wall's JS heap over a time-lapsed hour (issue #7: "its heap stays flat over a one-hour
// soak at 100 events/s"). An hour at 100 events/s is 360,000 events; they are stamped across a
// simulated hour (10 ms apart) but posted faster, so the run takes minutes, not an hour. The
// wall rotates through all its pages meanwhile, as it does on a real wall, because mounting and
// unmounting pages is where a leak would hide. The heap is read after a forced GC at several
// points, always on the same page, and its growth is fitted as MB per simulated hour.
import type { Browser, CDPSession } from 'playwright-core';
import { openPage } from '../test/support/browser.ts';
import type { BenchContext } from './support/context.ts';
import { eventMix } from './support/events.ts';
import { round, target, withBaseline } from './support/figure.ts';
import { httpClient } from './support/http.ts';
import { DISPLAY_TOKEN, INGEST_KEY } from './support/pantau-process.ts';
import { sleep } from './support/stats.ts';

export const SOAK_FIGURES = ['browser.wall.heapBeforeSoak', 'browser.wall.heapAfterSoak', 'browser.wall.heapGrowthPerHour'] as const;

/** The rate the issue names; simulated time advances 1 / EVENTS_PER_SECOND per event. */
const EVENTS_PER_SECOND = 100;
const PAGES = ['overview', 'map', 'apps', 'kpis'] as const;
/** --quick keeps the smoke test short: two pages, so a rotation takes one interval. */
const QUICK_PAGES = ['overview', 'apps'] as const;
/** The shortest rotation the wall accepts (client/views/wall/playlist.ts). */
const ROTATE_SECONDS = 5;
/** Targets: the heap after the hour within 10 % of before, and under 5 MB of growth per hour. */
const MAX_RATIO = 1.1;
const MAX_GROWTH_MB_PER_HOUR = 5;

interface HeapSample { simulatedHours: number; heapMb: number; nodes: number; listeners: number }

async function sampleHeap(cdp: CDPSession, simulatedHours: number): Promise<HeapSample> {
  // Twice: the first pass can leave garbage that only becomes unreachable after finalizers ran.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { simulatedHours, heapMb: metric('JSHeapUsedSize') / 2 ** 20, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

/** Least-squares slope of heap against simulated hours. */
function slope(samples: readonly HeapSample[]): number {
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.simulatedHours, 0) / n;
  const my = samples.reduce((a, s) => a + s.heapMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.simulatedHours - mx) * (s.heapMb - my);
    den += (s.simulatedHours - mx) ** 2;
  }
  return den === 0 ? Number.NaN : num / den;
}

export interface SoakOptions {
  serverUrl: string;
  browser: Browser;
}

export async function soakWall(ctx: BenchContext, o: SoakOptions): Promise<void> {
  const size = ctx.quick
    ? { simulatedSeconds: 10, postRate: 500, batch: 250, samples: 1, pages: QUICK_PAGES }
    : { simulatedSeconds: 3_600, postRate: 1_500, batch: 500, samples: 6, pages: PAGES };
  const pages: readonly string[] = size.pages;
  const total = size.simulatedSeconds * EVENTS_PER_SECOND;
  const simulatedMs = size.simulatedSeconds * 1_000;
  // Stamped across the hour that ends about now, so every event falls in today's live figures.
  const startMs = Date.now() - simulatedMs;
  const next = eventMix({ runId: 'soak', point: ctx.point, atMs: (n) => startMs + (n * 1_000) / EVENTS_PER_SECOND });
  const http = httpClient(o.serverUrl, 4);
  const opened = await openPage(o.browser);
  const { page } = opened;
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${o.serverUrl}/wall?token=${DISPLAY_TOKEN}&pages=${pages.join(',')}&rotate=${ROTATE_SECONDS}`, { waitUntil: 'load' });
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 60_000 });

    let sent = 0;
    let pageSwitches = 0;
    let lastPage = '';
    const seenPages = new Set<string>();
    const currentPage = (): Promise<string> =>
      page.evaluate(() => document.querySelector('[data-testid^="page-dot-"][aria-current="true"]')?.getAttribute('data-testid')?.slice('page-dot-'.length) ?? '');
    const notePage = async (): Promise<void> => {
      const p = await currentPage();
      if (p !== '' && p !== lastPage) {
        if (lastPage !== '') pageSwitches++;
        seenPages.add(p);
        lastPage = p;
      }
    };
    /** Posts events up to `upTo` at postRate, noting the wall's page about once a second. */
    const postUntil = async (upTo: number): Promise<void> => {
      const t0 = performance.now();
      const from = sent;
      let lastNote = 0;
      while (sent < upTo) {
        const n = Math.min(size.batch, upTo - sent);
        const r = await http.post('/api/v1/events', JSON.stringify(Array.from({ length: n }, next)), 'application/json', INGEST_KEY);
        if (r.status !== 200) throw new Error(`soak ingest answered ${r.status}: ${r.body.slice(0, 300)}`);
        sent += n;
        if (performance.now() - lastNote > 1_000) {
          lastNote = performance.now();
          await notePage();
        }
        await sleep(Math.max(0, t0 + ((sent - from) / size.postRate) * 1_000 - performance.now()));
      }
    };
    /** Heap on the overview page, after the wall has shown what was posted. */
    const sampleOnOverview = async (): Promise<HeapSample> => {
      await page.locator('[data-testid="page-dot-overview"][aria-current="true"]').waitFor({ timeout: 60_000 });
      // Let the page that just mounted settle (first deltas, map layers) before the GC.
      await sleep(1_000);
      return sampleHeap(cdp, sent / EVENTS_PER_SECOND / 3_600);
    };

    // Warm-up: every page mounts once (their first mount loads code and caches that stay), so
    // "before" is the wall as it runs, not a wall that has not shown its pages yet.
    const warmUp = Math.ceil(total / 60);
    const warmStart = performance.now();
    while (seenPages.size < pages.length) {
      if (performance.now() - warmStart > 120_000) throw new Error(`the wall did not rotate through its pages (saw ${[...seenPages].join(', ')})`);
      if (sent < warmUp) await postUntil(Math.min(warmUp, sent + size.batch));
      else await sleep(500);
      await notePage();
    }
    const samples = [await sampleOnOverview()];
    const soakStart = performance.now();
    for (let k = 1; k <= size.samples; k++) {
      await postUntil(Math.round(warmUp + ((total - warmUp) * k) / size.samples));
      ctx.progress(`soak: ${sent.toLocaleString('en')} of ${total.toLocaleString('en')} events`);
      samples.push(await sampleOnOverview());
    }
    const soakSeconds = (performance.now() - soakStart) / 1_000;
    await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 30_000 });

    const before = samples[0] as HeapSample;
    const after = samples.at(-1) as HeapSample;
    const growthPerHour = slope(samples);
    const conditions = {
      view: `/wall rotating ${pages.join(',')} every ${ROTATE_SECONDS} s`,
      viewport: '1920x1080',
      browser: 'chromium headless, --disable-gpu (software rendering)',
      simulatedSeconds: size.simulatedSeconds,
      simulatedEventsPerSecond: EVENTS_PER_SECOND,
      events: sent,
      postedEventsPerSecond: round((sent - warmUp) / soakSeconds, 0),
      wallSeconds: round(soakSeconds, 0),
      heapMeasuredOn: 'overview page, after HeapProfiler.collectGarbage',
    };
    const extra = {
      pageErrors: opened.errors.length,
      pageSwitches,
      samplesMb: samples.map((s) => round(s.heapMb, 1)).join(' '),
      samplesAtSimulatedHours: samples.map((s) => round(s.simulatedHours, 3)).join(' '),
      domNodesBefore: before.nodes,
      domNodesAfter: after.nodes,
      listenersBefore: before.listeners,
      listenersAfter: after.listeners,
    };
    ctx.report({
      name: 'browser.wall.heapBeforeSoak',
      value: round(before.heapMb, 1),
      unit: 'MB JS heap (after GC, all pages shown once)',
      conditions,
    });
    const ratio = after.heapMb / before.heapMb;
    ctx.report({
      ...withBaseline(
        { name: 'browser.wall.heapAfterSoak', value: round(after.heapMb, 1), unit: 'MB JS heap (after GC, after the soak)', conditions, extra },
        { name: 'browser.wall.heapBeforeSoak', value: before.heapMb, unit: 'MB' },
      ),
      target: target('ratio', '<=', MAX_RATIO, ratio),
    });
    ctx.report({
      name: 'browser.wall.heapGrowthPerHour',
      value: round(growthPerHour, 2),
      unit: 'MB JS heap per simulated hour (least-squares slope over the samples)',
      conditions,
      extra: { samples: samples.length, growthMb: round(after.heapMb - before.heapMb, 2) },
      target: target('value', '<', MAX_GROWTH_MB_PER_HOUR, growthPerHour),
      ...(ctx.quick ? { note: '--quick: ten simulated seconds, the slope is noise' } : {}),
    });
  } finally {
    http.close();
    await opened.close();
  }
}
