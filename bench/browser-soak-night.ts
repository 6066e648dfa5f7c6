// The real-time soak (issue #21; not in CI, not in `npm run bench`): a wall left running for a
// night, in real time, to confirm what bench/browser-soak.ts shows time-lapsed. It opens the
// wall in Chromium (rotating its pages, as a wall does), optionally posts a synthetic event mix
// at `--rate` events/s through the ingest API (use a test deployment or the `demo` space: the
// events are fake), and every `--every` minutes forces a GC and prints one JSON line with the
// JS heap, DOM nodes and listeners. At the end it prints the heap ratio (last ÷ first) and
// exits 1 if it is above 1.10. Usage (README, "Performance figures"):
//
//   node --import tsx bench/browser-soak-night.ts --url http://127.0.0.1:3000 \
//     --display-token "$PANTAU_DISPLAY_TOKEN" [--ingest-key KEY --rate 100] [--hours 10] [--every 10]
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { loadCityProfile } from '../server/city/load-profile.ts';
import { cityPoints, eventMix } from './support/events.ts';
import { httpClient } from './support/http.ts';
import { sleep } from './support/stats.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'display-token': { type: 'string' },
    'ingest-key': { type: 'string' },
    city: { type: 'string', default: 'kota-tangerang' },
    rate: { type: 'string', default: '100' },
    hours: { type: 'string', default: '10' },
    every: { type: 'string', default: '10' },
    pages: { type: 'string', default: 'overview,map,apps,kpis' },
    rotate: { type: 'string', default: '30' },
  },
});
const fail = (message: string): never => {
  process.stderr.write(`browser-soak-night: ${message}\n`);
  process.exit(2);
};
const url = values.url ?? fail('--url is required (the Pantau server the wall opens)');
const token = values['display-token'] ?? fail('--display-token is required');
const rate = Number(values.rate);
const hours = Number(values.hours);
const everyMs = Number(values.every) * 60_000;
if (!(rate >= 0) || !(hours > 0) || !(everyMs > 0)) fail('--rate, --hours and --every must be positive numbers');
const MAX_RATIO = 1.1;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await page.goto(`${url}/wall?token=${encodeURIComponent(token)}&pages=${values.pages}&rotate=${values.rotate}`);
await page.locator('[data-testid="conn-state"][data-state="live"]').waitFor({ timeout: 120_000 });

let stop = false;
let sent = 0;
let postErrors = 0;
async function post(): Promise<void> {
  const key = values['ingest-key'];
  if (!key || rate === 0) return;
  const city = await loadCityProfile(values.city);
  const next = eventMix({ runId: `night-${Date.now()}`, point: cityPoints((lat, lon) => city.geo.locate(lat, lon), 5_000), atMs: () => Date.now() });
  const http = httpClient(url, 4);
  const t0 = performance.now();
  try {
    while (!stop) {
      // One batch a second at the rate, stamped now: the wall sees it in real time.
      const due = Math.floor((rate * (performance.now() - t0)) / 1_000) - sent;
      if (due > 0) {
        const r = await http.post('/api/v1/events', JSON.stringify(Array.from({ length: due }, next)), 'application/json', key).catch(() => ({ status: 0 }));
        if (r.status !== 200) postErrors++;
        sent += due;
      }
      await sleep(1_000);
    }
  } finally {
    http.close();
  }
}

async function sample(): Promise<{ heapMb: number; nodes: number; listeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapMb: metric('JSHeapUsedSize') / 2 ** 20, nodes: metric('Nodes'), listeners: metric('JSEventListeners') };
}

const posting = post();
const t0 = Date.now();
const samples: { heapMb: number }[] = [];
for (;;) {
  const s = await sample();
  samples.push(s);
  process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), hours: Math.round(((Date.now() - t0) / 3_600_000) * 100) / 100, ...s, sent, postErrors })}\n`);
  if (Date.now() - t0 >= hours * 3_600_000) break;
  await sleep(everyMs);
}
stop = true;
await posting;
await browser.close();
const first = samples[0]?.heapMb ?? Number.NaN;
const last = samples.at(-1)?.heapMb ?? Number.NaN;
const ratio = last / first;
process.stdout.write(`${JSON.stringify({ heapRatio: Math.round(ratio * 1000) / 1000, limit: MAX_RATIO, met: ratio <= MAX_RATIO })}\n`);
process.exit(ratio <= MAX_RATIO ? 0 : 1);
