import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppTrendsAnswer, TrendRow } from '../../shared/contract/apps.ts';
import type { AlertView, AppState } from '../../shared/contract/views.ts';
import { AlertStrip, activeAlerts } from '../../client/apps/AlertStrip.tsx';
import { AppGrid, groupByCategory, shortName, tileSize } from '../../client/apps/AppGrid.tsx';
import { AppTrends } from '../../client/apps/AppTrends.tsx';
import { TopApps } from '../../client/apps/TopApps.tsx';
import { trendCsv } from '../../client/apps/csv.ts';
import { appLabels } from '../../client/apps/labels.ts';

const APP_LABELS_ID = appLabels('id');
const APP_LABELS_EN = appLabels('en');

const STATES: AppState[] = ['normal', 'normal', 'normal', 'idle', 'failing', 'silent', 'spiking'];
const apps = Array.from({ length: 210 }, (_, i) => ({ id: `app-${i}`, name: i === 0 ? 'LAKSA (Layanan Aspirasi Kotak Saran Anda)' : `Aplikasi ${i}` }));
const states = Object.fromEntries(apps.map((a, i) => [a.id, STATES[i % STATES.length] ?? 'normal']));

function alert(o: Partial<AlertView> & { alertId: string }): AlertView {
  return { kind: 'silent', subject: 'laksa', severity: 'critical', raisedAt: '2026-11-23T10:00:00.000+07:00', clearedAt: null, ackedAt: null, ackedBy: null, detail: {}, ...o };
}

describe('AppGrid', () => {
  it('draws every app with its state as data, a shape and a word', () => {
    const html = renderToStaticMarkup(<AppGrid apps={apps} states={states} />);
    expect(html).toContain('data-testid="app-grid"');
    expect(html.match(/data-app-state="/g)).toHaveLength(210);
    expect(html.match(/data-app-state="failing"/g)).toHaveLength(30);
    for (const word of Object.values(APP_LABELS_ID.state)) expect(html).toContain(word);
    // Trouble first: the first cell is a failing app.
    expect(html.indexOf('data-app-state="failing"')).toBeLessThan(html.indexOf('data-app-state="normal"'));
    // 90 apps need attention: six by name, then a count.
    expect(html).toContain('+84 lainnya');
  });

  it('says all is well when nothing needs attention, in the language given', () => {
    const html = renderToStaticMarkup(<AppGrid apps={apps.slice(0, 3)} states={{}} labels={APP_LABELS_EN} />);
    expect(html).toContain(APP_LABELS_EN.allNormal);
    expect(html).toContain('data-app-state="idle"');
  });

  it('groups tiles by category under the category word, biggest block first, trouble first within', () => {
    const catalog = [
      { id: 'h1', name: 'Puskesmas', category: 'health' as const },
      { id: 'f1', name: 'Pajak', category: 'finance' as const },
      { id: 'h2', name: 'Rumah Sakit', category: 'health' as const },
      { id: 'x', name: 'Tanpa kategori' },
    ];
    const html = renderToStaticMarkup(<AppGrid apps={catalog} states={{ h2: 'failing', h1: 'normal', f1: 'normal' }} byCategory lang="id" />);
    expect(html).toContain('data-testid="app-groups"');
    // No names in the tiles: they are in the tooltip and, for trouble, in the attention list.
    expect(html).not.toContain('app-cell-name');
    expect(html).toContain('title="Puskesmas · Normal · 0"');
    const order = [...html.matchAll(/data-category="([^"]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['health', 'finance', 'other']);
    expect(html).toMatch(/Kesehatan <span[^>]*>2<\/span>/);
    // Within a block the cells keep the order given (the grid's urgency order).
    const groups = groupByCategory([
      { id: 'b', name: 'B', category: 'health', state: 'failing', n: 1 },
      { id: 'c', name: 'C', category: 'finance', state: 'normal', n: 9 },
      { id: 'a', name: 'A', category: 'health', state: 'normal', n: 5 },
    ]);
    expect(groups.map((g) => [g.category, g.cells.map((c) => c.id)])).toEqual([['health', ['b', 'a']], ['finance', ['c']]]);
    // A small city's catalog gets bigger tiles; Tangerang's 218 keep the size that fits one screen.
    expect([tileSize(40), tileSize(100), tileSize(218)]).toEqual(['4rem', '3rem', '2.5rem']);
    expect(renderToStaticMarkup(<AppGrid apps={catalog} states={{}} byCategory />)).toContain('--app-tile:4rem');
  });

  it('shortens names to what people call the app', () => {
    expect(shortName('LAKSA (Layanan Aspirasi Kotak Saran Anda)')).toBe('LAKSA');
    expect(shortName('Tangerang LIVE')).toBe('Tangerang LIVE');
  });
});

describe('AlertStrip', () => {
  const alerts = [
    alert({ alertId: 'a', raisedAt: '2026-11-23T09:00:00.000+07:00', detail: { name: 'LAKSA (Layanan Aspirasi)' } }),
    alert({ alertId: 'b', kind: 'spike', severity: 'warning', subject: 'x', raisedAt: '2026-11-23T10:30:00.000+07:00' }),
    alert({ alertId: 'c', clearedAt: '2026-11-23T10:40:00.000+07:00' }),
    alert({ alertId: 'd', ackedAt: '2026-11-23T10:41:00.000+07:00', ackedBy: 'operator', raisedAt: '2026-11-23T08:00:00.000+07:00' }),
  ];

  it('lists active alerts newest first', () => {
    expect(activeAlerts(alerts).map((a) => a.alertId)).toEqual(['b', 'a', 'd']);
    const html = renderToStaticMarkup(<AlertStrip alerts={alerts} />);
    expect(html.indexOf('alert-b')).toBeLessThan(html.indexOf('alert-a'));
    expect(html).not.toContain('alert-c');
    expect(html).toContain('LAKSA');
    expect(html).toContain('sejak 09.00');
    expect(html).not.toContain('<button');
  });

  it('offers an ack button only with onAck, and not on acknowledged alerts', () => {
    const html = renderToStaticMarkup(<AlertStrip alerts={alerts} onAck={() => undefined} />);
    expect(html.match(/<button/g)).toHaveLength(2);
    expect(html).toContain('Diterima');
  });
});

describe('TopApps', () => {
  it('lists the top apps with their totals and a sparkline each', () => {
    const top = [{ appId: 'a', name: 'Tangerang LIVE', registered: true, sessions: 1234, transactions: 10, complaints: 0, errors: 0 }];
    const html = renderToStaticMarkup(<TopApps top={top} sparklines={{ a: [1, 3, 2, 5] }} sparkWidth={120} />);
    expect(html).toContain('Tangerang LIVE');
    expect(html).toContain('1.244');
    // Recharts draws in the browser only (the harness screenshot shows it); here its slot is there.
    expect(html).toContain('top-app-spark');
  });
});

const row = (key: string, name: string, cur: number, prev: number): TrendRow => ({
  key, name,
  current: { sessions: cur, transactions: 0, complaints: 0, errors: 0, total: cur },
  previous: { sessions: prev, transactions: 0, complaints: 0, errors: 0, total: prev },
  change: prev === 0 ? null : (cur - prev) / prev,
});

describe('AppTrends and CSV', () => {
  const period: AppTrendsAnswer = {
    days: 7, timezone: 'Asia/Jakarta',
    current: { from: '2026-11-16T00:00:00.000+07:00', to: '2026-11-23T00:00:00.000+07:00' },
    previous: { from: '2026-11-09T00:00:00.000+07:00', to: '2026-11-16T00:00:00.000+07:00' },
    totals: row('all', 'Semua', 150, 100),
    byAgency: [row('Diskominfo', 'Diskominfo', 100, 80), row('unregistered', 'Tidak terdaftar', 50, 20)],
    bySuperApp: [row('none', 'Tanpa super-app', 150, 100)],
    byCategory: [row('health', 'health', 150, 100)],
    daily: [{ day: '2026-11-22', current: 20, previousDay: '2026-11-15', previous: 10 }],
  };

  it('renders each period with its change and a CSV button per table', () => {
    const html = renderToStaticMarkup(<AppTrends periods={[period]} chartWidth={600} />);
    expect(html).toContain('7 hari terakhir');
    expect(html).toContain('▲ +50,0 %');
    expect(html.match(/Unduh CSV/g)).toHaveLength(3);
    expect(html).toContain('Tanpa super-app');
  });

  it('writes the trend table through the one CSV writer, defusing formulas in names (issue #20 finding 8)', () => {
    const csv = trendCsv(period.byAgency, APP_LABELS_ID);
    expect(csv.split('\r\n').filter((l) => l.length > 0)).toHaveLength(3);
    expect(csv).toContain('Diskominfo,Diskominfo,100,0,0,0,100,80,0,0,0,80,0.25');
    const first = period.byAgency[0];
    if (!first) throw new Error('fixture has no row');
    for (const evil of ['\t=cmd', '\r=cmd', '=SUM(A1)', '+1', '-1', '@x']) {
      const line = trendCsv([{ ...first, key: 'k', name: evil }], APP_LABELS_ID).slice(1).split('\r\n')[1] ?? '';
      expect(line.startsWith(`k,"'`) || line.startsWith(`k,'`)).toBe(true);
    }
  });
});
