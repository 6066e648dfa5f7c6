// Executive view of app use: per period (7 and 30 days), the total against the same number of
// days before, a daily chart of both, and tables by agency, super-app and category, each with
// a CSV export of all its rows. Light theme and print friendly; props in, nothing fetched.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AppTrendsAnswer, TrendRow } from '../../shared/contract/apps.ts';
import { NO_SUPER_APP, UNREGISTERED } from '../../shared/contract/apps.ts';
import { formatCount, formatDayLabel, formatPercent, type Lang } from '../components/format.ts';
import { trendCsv } from './csv.ts';
import { wholeAxis } from '../charts/axis-ticks.ts';
import { downloadText } from '../components/download.ts';
import { withLabels, type AppLabels } from './labels.ts';
import './apps.css';

export interface AppTrendsProps {
  /** One answer of GET /api/v1/apps/trends per period, e.g. days=7 and days=30. */
  periods: readonly AppTrendsAnswer[];
  /** Where a CSV goes; by default the browser downloads it. */
  onExport?: (filename: string, csv: string) => void;
  /** Rows shown per table (the CSV always has them all). */
  rows?: number;
  /** Width of the daily charts in pixels; by default they fill their box. */
  chartWidth?: number;
  lang?: Lang;
  labels?: Partial<AppLabels>;
}

function Change({ value, lang }: { value: number | null; lang: Lang }) {
  if (value === null) return <span className="trend-change">—</span>;
  const arrow = value > 0 ? '▲' : value < 0 ? '▼' : '■';
  return (
    <span className={`trend-change trend-change--${value > 0 ? 'up' : value < 0 ? 'down' : 'flat'}`}>
      {arrow} {value > 0 ? '+' : ''}
      {formatPercent(value, lang)}
    </span>
  );
}

function displayName(r: TrendRow, l: AppLabels, categories: boolean): string {
  if (r.key === NO_SUPER_APP) return l.noSuperApp;
  if (r.key === UNREGISTERED) return l.unregistered;
  const category: Readonly<Record<string, string>> = l.category;
  return (categories ? category[r.key] : undefined) ?? r.name;
}

interface TableProps {
  id: string;
  title: string;
  rows: readonly TrendRow[];
  limit: number | undefined;
  filename: string;
  onExport: (filename: string, csv: string) => void;
  lang: Lang;
  l: AppLabels;
}

function TrendTable({ id, title, rows, limit, filename, onExport, lang, l }: TableProps) {
  const shown = limit === undefined ? rows : rows.slice(0, limit);
  return (
    <div className="trend-table" data-testid={id}>
      <div className="trend-table-head">
        <h4>{title}</h4>
        <button type="button" className="trend-csv" data-testid={`${id}-csv`} onClick={() => onExport(filename, trendCsv(rows, l))}>
          {l.exportCsv}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{l.name}</th>
            <th scope="col">{l.currentPeriod}</th>
            <th scope="col">{l.previousPeriod}</th>
            <th scope="col">{l.change}</th>
            <th scope="col">{l.sessions}</th>
            <th scope="col">{l.transactions}</th>
            <th scope="col">{l.complaints}</th>
            <th scope="col">{l.errors}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key}>
              <th scope="row">{displayName(r, l, id.endsWith('kategori'))}</th>
              <td className="fig">{formatCount(r.current.total, lang)}</td>
              <td className="fig">{formatCount(r.previous.total, lang)}</td>
              <td className="fig"><Change value={r.change} lang={lang} /></td>
              <td className="fig">{formatCount(r.current.sessions, lang)}</td>
              <td className="fig">{formatCount(r.current.transactions, lang)}</td>
              <td className="fig">{formatCount(r.current.complaints, lang)}</td>
              <td className="fig">{formatCount(r.current.errors, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DailyChart({ p, width, lang, l }: { p: AppTrendsAnswer; width: number | undefined; lang: Lang; l: AppLabels }) {
  const data = p.daily.map((d) => ({ label: formatDayLabel(d.day, lang), current: d.current, previous: d.previous }));
  // Whole, distinct ticks: counts of a quiet app would otherwise read "0, 1, 1, 2, 2".
  const axis = wholeAxis(p.daily.flatMap((d) => [d.current, d.previous]));
  const chart = (
    <BarChart data={data} {...(width !== undefined ? { width, height: 200 } : {})}>
      <CartesianGrid stroke="var(--line)" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={8} />
      <YAxis tick={{ fontSize: 12 }} tickFormatter={(v: number) => formatCount(v, lang)} width={64} allowDecimals={false} domain={axis.domain} ticks={axis.ticks} />
      <Tooltip formatter={(v) => (typeof v === 'number' ? formatCount(v, lang) : String(v))} />
      <Legend />
      {/* The period before is an outline, this one solid: they differ by more than colour. */}
      <Bar dataKey="previous" name={l.previousPeriod} fill="none" stroke="var(--muted)" strokeWidth={1.5} isAnimationActive={false} />
      <Bar dataKey="current" name={l.currentPeriod} fill="var(--accent)" isAnimationActive={false} />
    </BarChart>
  );
  return width !== undefined ? chart : <ResponsiveContainer width="100%" height={200}>{chart}</ResponsiveContainer>;
}

export function AppTrends({ periods, onExport = downloadText, rows, chartWidth, lang = 'id', labels }: AppTrendsProps) {
  const l = withLabels(labels);
  return (
    <section className="app-trends" data-testid="app-trends">
      {periods.map((p) => {
        const stamp = p.current.to.slice(0, 10);
        const table = (key: 'byAgency' | 'bySuperApp' | 'byCategory', title: string, slug: string) => (
          <TrendTable
            id={`app-trends-${p.days}-${slug}`} title={title} rows={p[key]} limit={rows}
            filename={`aplikasi-${slug}-${p.days}hari-${stamp}.csv`} onExport={onExport} lang={lang} l={l}
          />
        );
        return (
          <article key={p.days} className="app-trends-period" data-testid={`app-trends-${p.days}`}>
            <header className="app-trends-head">
              <h3>{l.trendsTitle(p.days)}</h3>
              <div className="app-trends-total">
                <span className="fig app-trends-figure">{formatCount(p.totals.current.total, lang)}</span>
                <Change value={p.totals.change} lang={lang} />
                <span className="app-trends-before">
                  {l.previousPeriod}: <span className="fig">{formatCount(p.totals.previous.total, lang)}</span>
                </span>
              </div>
            </header>
            <DailyChart p={p} width={chartWidth} lang={lang} l={l} />
            {table('byAgency', l.byAgency, 'opd')}
            {table('bySuperApp', l.bySuperApp, 'super-app')}
            {table('byCategory', l.byCategory, 'kategori')}
          </article>
        );
      })}
    </section>
  );
}
