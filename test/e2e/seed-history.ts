// A month of plausible history for the end-to-end views: calls on both lines with answered and
// abandoned waits, incidents across the kecamatan with dispatch and arrival times, and app
// activity. Seeded, so every run draws the same city; posted through the public ingest API.
import type { KecamatanCode, PantauEvent } from '../../shared/contract/events.ts';
import { wib } from '../support/factories.ts';
import { mulberry32 as rng } from '../../shared/seeded-random.ts';

const DAY_MS = 86_400_000;
const CATEGORIES = ['fire', 'medical', 'traffic-accident', 'crime', 'flood', 'fallen-tree', 'public-order'] as const;
const AGENCY_OF = { fire: 'fire', medical: 'ambulance', 'traffic-accident': 'police', crime: 'police', flood: 'disaster', 'fallen-tree': 'disaster', 'public-order': 'satpol-pp' } as const;
const DISPOSITIONS = ['emergency', 'emergency', 'info', 'prank', 'prank', 'ghost', 'non-emergency'] as const;


export interface HistoryOptions {
  days: number;
  nowMs: number;
  /** Prefix for ids, so two seeds into one space never collide. */
  tag: string;
  /** The city's kecamatan codes (test-city-data.ts): incidents land in these. */
  kecamatan: readonly KecamatanCode[];
  /** App ids of the city's catalog: the first eight get daily activity. */
  apps: readonly string[];
  seed?: number;
}

/** Events for the `days` city days before today, and today up to an hour ago. */
export function historyEvents({ days, nowMs, tag, kecamatan: KECAMATAN, apps, seed = 7 }: HistoryOptions): PantauEvent[] {
  if (KECAMATAN.length === 0) throw new Error('historyEvents needs the city\'s kecamatan codes');
  const APPS = apps.slice(0, 8);
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(r() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  };
  const out: PantauEvent[] = [];
  const src = 'e2e-history';
  let n = 0;
  const id = (kind: string) => `${tag}-${kind}-${(n++).toString(36)}`;
  // Midnight WIB of today, then back day by day.
  const todayStart = Math.floor((nowMs + 7 * 3_600_000) / DAY_MS) * DAY_MS - 7 * 3_600_000;
  for (let d = days; d >= 0; d--) {
    const dayStart = todayStart - d * DAY_MS;
    const until = d === 0 ? nowMs - 3_600_000 : dayStart + DAY_MS;
    // A worse week two weeks ago, so the trends have something to show.
    const rough = d >= 10 && d <= 14;
    for (const line of ['112', '119'] as const) {
      const calls = (line === '112' ? 36 : 16) + Math.floor(r() * 10);
      for (let i = 0; i < calls; i++) {
        const at = dayStart + (6 + r() * 16) * 3_600_000;
        if (at >= until) continue;
        const callId = id('call');
        out.push({ id: id('ev'), type: 'call.received', at: wib(at), source: src, callId, line });
        const abandoned = r() < (rough ? 0.12 : 0.05);
        const wait = (abandoned ? 5 + r() * 50 : r() < (rough ? 0.2 : 0.05) ? 20 + r() * 40 : 2 + r() * 13) * 1000;
        if (abandoned) {
          out.push({ id: id('ev'), type: 'call.abandoned', at: wib(at + wait), source: src, callId });
          continue;
        }
        out.push({ id: id('ev'), type: 'call.answered', at: wib(at + wait), source: src, callId, agentId: `${line}-agent-${1 + Math.floor(r() * 4)}` });
        out.push({ id: id('ev'), type: 'call.ended', at: wib(at + wait + (60 + r() * 240) * 1000), source: src, callId, disposition: pick(DISPOSITIONS) });
      }
    }
    const incidents = 6 + Math.floor(r() * 6);
    for (let i = 0; i < incidents; i++) {
      const at = dayStart + (7 + r() * 14) * 3_600_000;
      if (at >= until) continue;
      const incidentId = id('inc');
      const category = pick(CATEGORIES);
      // Skewed towards the first kecamatan, so the choropleth has a gradient.
      const kecamatan = KECAMATAN[Math.min(KECAMATAN.length - 1, Math.floor(r() * r() * KECAMATAN.length * 1.6))];
      if (kecamatan === undefined) throw new Error('kecamatan index out of range');
      const dispatch = (1 + r() * 5) * 60_000;
      const arrive = dispatch + (4 + r() * (rough ? 25 : 14)) * 60_000;
      out.push({ id: id('ev'), type: 'incident.reported', at: wib(at), source: src, incidentId, line: category === 'medical' ? '119' : '112', category, priority: 1 + Math.floor(r() * 4), location: { kecamatan } });
      out.push({ id: id('ev'), type: 'incident.dispatched', at: wib(at + dispatch), source: src, incidentId, agency: AGENCY_OF[category] });
      out.push({ id: id('ev'), type: 'incident.on_scene', at: wib(at + arrive), source: src, incidentId });
      out.push({ id: id('ev'), type: 'incident.closed', at: wib(at + arrive + 40 * 60_000), source: src, incidentId, outcome: r() < 0.1 ? 'prank' : 'resolved' });
    }
    for (const appId of APPS) {
      const at = dayStart + 12 * 3_600_000;
      if (at >= until) continue;
      const base = 200 + Math.floor(r() * 3000);
      out.push({ id: id('ev'), type: 'app.activity', at: wib(at), source: src, appId, kind: 'session', count: base });
      out.push({ id: id('ev'), type: 'app.activity', at: wib(at), source: src, appId, kind: 'transaction', count: Math.floor(base / 3) });
      out.push({ id: id('ev'), type: 'app.activity', at: wib(at), source: src, appId, kind: 'complaint', count: 1 + Math.floor(r() * 20) });
      out.push({ id: id('ev'), type: 'app.activity', at: wib(at), source: src, appId, kind: 'error', count: 1 + Math.floor(r() * 8) });
    }
  }
  return out;
}

/** Posts events in batches the ingest API accepts; throws on anything but a clean 200. */
export async function postAll(post: (body: unknown) => Promise<{ status: number; text: string }>, events: readonly PantauEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 5_000) {
    const res = await post(events.slice(i, i + 5_000));
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${res.text.slice(0, 500)}`);
  }
}
