// Renders the app components with the real catalog (cities/kota-tangerang/apps.json) and
// synthetic states, sparklines and alerts. ?layout=full (the wall's apps page), panel (the
// overview's right column) or trends (executive, light). window.__appsHarness.ready for shots.
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import '../../app/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import catalog from '../../../cities/kota-tangerang/apps.json' with { type: 'json' };
import type { AppTrendsAnswer, TrendRow } from '../../../shared/contract/apps.ts';
import type { AlertView, AppState, AppTop } from '../../../shared/contract/views.ts';
import { AlertStrip } from '../AlertStrip.tsx';
import { AppGrid } from '../AppGrid.tsx';
import { AppTrends } from '../AppTrends.tsx';
import { TopApps } from '../TopApps.tsx';

declare global {
  interface Window { __appsHarness?: { ready: boolean; cells: number } }
}

const params = new URLSearchParams(location.search);
const layout = params.get('layout') ?? 'full';
const apps = catalog.apps.map((a) => ({ id: a.id, name: a.name, agency: a.agency }));

/** Deterministic pseudo-random numbers: the same picture on every run. */
let seed = 11;
const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);

const states: Record<string, AppState> = {};
const activity: Record<string, number> = {};
apps.forEach((a, i) => {
  const r = rnd();
  states[a.id] = i === 0 ? 'silent' : r < 0.02 ? 'failing' : r < 0.035 ? 'silent' : r < 0.05 ? 'spiking' : r < 0.2 ? 'idle' : 'normal';
  activity[a.id] = states[a.id] === 'idle' ? 0 : Math.round(50 + rnd() * rnd() * 40_000);
});

const top: AppTop[] = [...apps]
  .sort((a, b) => (activity[b.id] ?? 0) - (activity[a.id] ?? 0))
  .slice(0, 10)
  .map((a) => ({ appId: a.id, name: a.name, registered: true, sessions: activity[a.id] ?? 0, transactions: Math.round((activity[a.id] ?? 0) / 5), complaints: 0, errors: 3 }));
const sparklines = Object.fromEntries(top.map((t, k) => [t.appId, Array.from({ length: 60 }, (_, i) => Math.round((t.sessions / 900) * (1 + 0.3 * Math.sin((i + k * 7) / 6)) * (0.85 + rnd() * 0.3)))]));

const alertOf = (id: string, kind: AlertView['kind'], severity: AlertView['severity'], minutesAgo: number): AlertView => ({
  alertId: `${kind}:${id}`, kind, subject: id, severity, raisedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  clearedAt: null, ackedAt: null, ackedBy: null, detail: { name: apps.find((a) => a.id === id)?.name ?? id },
});
const alerts: AlertView[] = apps
  .filter((a) => states[a.id] === 'failing' || states[a.id] === 'silent' || states[a.id] === 'spiking')
  .map((a, i) => alertOf(a.id, states[a.id] === 'failing' ? 'error-rate' : states[a.id] === 'silent' ? 'silent' : 'spike', states[a.id] === 'spiking' ? 'warning' : 'critical', 3 + i * 7));
alerts.push({ ...alertOf('36.71.03', 'complaint-spike', 'warning', 12), detail: { name: 'Batuceper' } });

function trend(days: number): AppTrendsAnswer {
  const row = (key: string, name: string): TrendRow => {
    const cur = Math.round(rnd() * 90_000 * days);
    const prev = Math.round(cur * (0.7 + rnd() * 0.6));
    const k = (t: number) => ({ sessions: Math.round(t * 0.8), transactions: Math.round(t * 0.18), complaints: Math.round(t * 0.01), errors: Math.round(t * 0.01), total: t });
    return { key, name, current: k(cur), previous: k(prev), change: Math.round(((cur - prev) / prev) * 10_000) / 10_000 };
  };
  const agencies = [...new Set(apps.map((a) => a.agency))].slice(0, 12);
  return {
    days, timezone: 'Asia/Jakarta',
    current: { from: '2026-11-16T00:00:00.000+07:00', to: '2026-11-23T00:00:00.000+07:00' },
    previous: { from: '2026-11-09T00:00:00.000+07:00', to: '2026-11-16T00:00:00.000+07:00' },
    totals: row('all', 'Semua aplikasi'),
    byAgency: agencies.map((a) => row(a, a)),
    bySuperApp: [row('tangerang-live', 'Tangerang LIVE'), row('contoh-portal-pegawai', 'Portal Pegawai (contoh)'), row('none', 'Tanpa super-app')],
    byCategory: ['health', 'population', 'licensing', 'complaints'].map((c) => row(c, c)),
    daily: Array.from({ length: days }, (_, i) => {
      const day = new Date(Date.UTC(2026, 10, 23 - days + i)).toISOString().slice(0, 10);
      return { day, current: Math.round(80_000 + rnd() * 20_000), previousDay: day, previous: Math.round(75_000 + rnd() * 20_000) };
    }),
  };
}

function Page() {
  if (layout === 'trends') {
    return (
      <div className="theme-light harness--trends">
        <AppTrends periods={[trend(7), trend(30)]} onExport={() => undefined} />
      </div>
    );
  }
  const grid = <AppGrid apps={apps} states={states} activity={activity} {...(layout === 'panel' ? { attentionMax: 4, aspect: 0.62, names: false } : {})} />;
  if (layout === 'panel') {
    return (
      <div className="theme-dark harness harness--panel">
        <div className="box placeholder">antrean 112 / 119</div>
        <div className="box placeholder">peta</div>
        <div className="box">{grid}</div>
      </div>
    );
  }
  return (
    <div className="theme-dark harness harness--full">
      <div className="box">{grid}</div>
      <div className="box">
        <TopApps top={top} sparklines={sparklines} />
        <AlertStrip alerts={alerts} max={5} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('root') ?? document.body).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
requestAnimationFrame(() => {
  window.__appsHarness = { ready: true, cells: document.querySelectorAll('[data-app-state]').length };
});
