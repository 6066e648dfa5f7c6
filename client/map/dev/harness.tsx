// Renders IncidentMap with the real Kota Tangerang boundaries and generated incidents.
// URL parameters: n (incident count), mode (wall|desk), choro (off|count|per10k), zoom, seed,
// tiles (a tile URL; omitted = offline). window.__mapHarness lets the screenshot script add
// incidents and time updates. Everything generated here is synthetic, populations included.
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import '@fontsource/inter/800.css';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { FeatureCollection } from 'geojson';
import { CATEGORIES } from '../../../shared/contract/events.ts';
import type { KecamatanInfo } from '../../../shared/contract/city.ts';
import type { IncidentView } from '../../../shared/contract/views.ts';
import { IncidentMap } from '../IncidentMap.tsx';
import type { ChoroplethMode } from '../choropleth.ts';
import { pointInRings } from '../label-point.ts';
import { mulberry32 as rng } from '../../../shared/seeded-random.ts';

interface Harness {
  ready: boolean;
  /** Adds one incident (as a live delta would) and resolves after the next two frames with the ms taken. */
  addIncident: (o?: Partial<IncidentView>) => Promise<number>;
  /** Changes the status of n incidents (no placement change: the index must not be rebuilt). */
  touch: (n: number) => Promise<number>;
  /** Replaces 20 incidents with new ones, `steps` times, as days of deltas would. */
  churn: (steps: number) => Promise<number>;
  selected: string[];
  incidentIds: () => string[];
}
declare global {
  interface Window { __mapHarness?: Harness }
}

const params = new URLSearchParams(location.search);
const count = Number(params.get('n') ?? '50');
const mode = params.get('mode') === 'desk' ? 'desk' : 'wall';
const choroParam = params.get('choro');
const choro: ChoroplethMode = choroParam === 'count' || choroParam === 'per10k' ? choroParam : 'off';
const zoom = Number(params.get('zoom') ?? '13');
const seed = Number(params.get('seed') ?? '7');
const tileUrl = params.get('tiles') ?? undefined;
const CENTER: [number, number] = [-6.1766, 106.6502];


interface Area { code: string; rings: number[][][]; bbox: [number, number, number, number] }

function areasOf(fc: FeatureCollection): Area[] {
  const out: Area[] = [];
  for (const f of fc.features) {
    const code: unknown = f.properties?.['code'];
    const g = f.geometry;
    if (typeof code !== 'string' || !g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) continue;
    const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const p of rings[0] ?? []) {
      minX = Math.min(minX, p[0] ?? 0); maxX = Math.max(maxX, p[0] ?? 0);
      minY = Math.min(minY, p[1] ?? 0); maxY = Math.max(maxY, p[1] ?? 0);
    }
    out.push({ code, rings, bbox: [minX, minY, maxX, maxY] });
  }
  return out;
}

const PRIORITY_WEIGHTS = [0.1, 0.25, 0.4, 0.25];
let serial = 0;

function makeIncident(areas: Area[], r: () => number, nowMs: number): IncidentView {
  // Skewed towards a few kecamatan, as a flood or a busy district would be.
  const area = areas[Math.floor((r() ** 1.6) * areas.length)] ?? areas[0];
  if (!area) throw new Error('no boundaries');
  let lat: number | undefined;
  let lon: number | undefined;
  if (r() > 0.12) {
    for (let i = 0; i < 50; i++) {
      const x = area.bbox[0] + r() * (area.bbox[2] - area.bbox[0]);
      const y = area.bbox[1] + r() * (area.bbox[3] - area.bbox[1]);
      if (pointInRings(x, y, area.rings)) { lon = x; lat = y; break; }
    }
  }
  let u = r();
  let priority = 4;
  for (let i = 0; i < PRIORITY_WEIGHTS.length; i++) {
    u -= PRIORITY_WEIGHTS[i] ?? 0;
    if (u <= 0) { priority = i + 1; break; }
  }
  const reported = nowMs - Math.floor(r() * 90 * 60_000);
  const stage = r();
  const dispatched = stage > 0.3 ? reported + Math.floor((1 + r() * 6) * 60_000) : null;
  const onScene = stage > 0.6 && dispatched !== null ? dispatched + Math.floor((4 + r() * 20) * 60_000) : null;
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  serial += 1;
  return {
    incidentId: `INC-${String(serial).padStart(6, '0')}`,
    line: r() > 0.5 ? '112' : '119',
    category: CATEGORIES[Math.floor(r() * CATEGORIES.length)] ?? 'other',
    priority,
    status: onScene !== null ? 'on_scene' : dispatched !== null ? 'dispatched' : 'reported',
    location: lat !== undefined && lon !== undefined ? { lat, lon } : { kecamatan: area.code },
    kecamatan: area.code,
    kelurahan: null,
    outside: false,
    callId: null,
    reportedAt: iso(reported),
    dispatchedAt: iso(dispatched),
    onSceneAt: iso(onScene),
    closedAt: null,
    agencies: dispatched !== null ? ['fire'] : [],
    outcome: null,
    summary: r() > 0.5 ? 'Laporan warga melalui 112 (data simulasi)' : null,
  };
}

function nextFrames(): Promise<void> {
  return new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(() => res())));
}

function App() {
  const [boundaries, setBoundaries] = useState<FeatureCollection | null>(null);
  const [kecamatan, setKecamatan] = useState<KecamatanInfo[]>([]);
  const [incidents, setIncidents] = useState<IncidentView[]>([]);

  useEffect(() => {
    void fetch('/geo/kecamatan.geojson').then(async (res) => {
      const fc = (await res.json()) as FeatureCollection;
      const r = rng(seed);
      const areas = areasOf(fc);
      const now = Date.now();
      const list = Array.from({ length: count }, () => makeIncident(areas, r, now));
      const info: KecamatanInfo[] = fc.features.map((f, i) => ({
        code: String(f.properties?.['code']),
        name: String(f.properties?.['name']),
        // Synthetic populations; two left unknown to show the "no data" hatch.
        population: i % 6 === 1 ? null : 90_000 + Math.floor(r() * 160_000),
      }));
      let current = list;
      const update = async (next: IncidentView[]): Promise<number> => {
        const t0 = performance.now();
        current = next;
        setIncidents(next);
        await nextFrames();
        return performance.now() - t0;
      };
      window.__mapHarness = {
        ready: false,
        selected: [],
        incidentIds: () => current.map((i) => i.incidentId),
        addIncident: (o = {}) => update([...current, { ...makeIncident(areas, r, Date.now()), status: 'reported', reportedAt: new Date().toISOString(), dispatchedAt: null, onSceneAt: null, ...o }]),
        churn: async (steps) => {
          const t0 = performance.now();
          for (let i = 0; i < steps; i++) {
            const fresh = Array.from({ length: 20 }, () => makeIncident(areas, r, Date.now()));
            await update([...current.slice(20), ...fresh]);
          }
          return performance.now() - t0;
        },
        touch: (n) => update(current.map((inc, i) => (i < n ? { ...inc, status: 'dispatched', dispatchedAt: new Date().toISOString() } : inc))),
      };
      setBoundaries(fc);
      setKecamatan(info);
      setIncidents(list);
      await nextFrames();
      window.__mapHarness.ready = true;
    });
  }, []);

  return (
    <IncidentMap
      incidents={incidents}
      boundaries={boundaries}
      kecamatan={kecamatan}
      center={CENTER}
      zoom={zoom}
      mode={mode}
      defaultChoropleth={choro}
      onSelectIncident={(id) => window.__mapHarness?.selected.push(id)}
      {...(tileUrl ? { tileUrl, tileAttribution: '© OpenStreetMap contributors' } : {})}
    />
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><App /></StrictMode>);
