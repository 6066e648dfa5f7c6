// The ten most active apps today, each with its last hour as a per-minute sparkline
// (AppsSummary.sparklines). Animations off: motion is for news, not for every refresh.
import { Line, LineChart, ResponsiveContainer, YAxis } from 'recharts';
import type { AppTop } from '../../shared/contract/views.ts';
import { formatCount, type Lang } from '../components/format.ts';
import { withLabels, type AppLabels } from './labels.ts';
import { cellName } from './AppGrid.tsx';
import './apps.css';

export interface TopAppsProps {
  top: readonly AppTop[];
  sparklines?: Readonly<Record<string, readonly number[]>>;
  rows?: number;
  /** Pixel size of each sparkline; width defaults to the row's width. */
  sparkWidth?: number;
  sparkHeight?: number;
  stale?: boolean;
  lang?: Lang;
  labels?: Partial<AppLabels>;
}

const total = (a: AppTop): number => a.sessions + a.transactions + a.complaints + a.errors;

function Sparkline({ values, width, height }: { values: readonly number[]; width: number | undefined; height: number }) {
  const data = values.map((v, i) => ({ i, v }));
  const chart = (
    <LineChart data={data} margin={{ top: 2, right: 2, bottom: 2, left: 2 }} {...(width !== undefined ? { width, height } : {})}>
      <YAxis hide domain={[0, 'dataMax']} />
      <Line type="monotone" dataKey="v" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
    </LineChart>
  );
  return width !== undefined ? chart : <ResponsiveContainer width="100%" height={height}>{chart}</ResponsiveContainer>;
}

export function TopApps({ top, sparklines = {}, rows = 10, sparkWidth, sparkHeight = 40, stale = false, lang = 'id', labels }: TopAppsProps) {
  const l = withLabels(labels);
  const shown = top.slice(0, rows);
  return (
    <section className={`top-apps${stale ? ' apps-stale' : ''}`} data-testid="top-apps" aria-label={l.topTitle}>
      <h2 className="top-apps-title">
        {l.topTitle} <span className="top-apps-sub">· {l.lastHour}</span>
      </h2>
      {shown.length === 0 ? (
        <div className="top-apps-none">{l.noActivity}</div>
      ) : (
        <ol className="top-apps-list">
          {shown.map((a, i) => {
            const spark = sparklines[a.appId];
            // As in the grid: an example app loses its "Contoh:" prefix to italics, so the row shows its name.
            const name = cellName(a.name);
            return (
              <li key={a.appId} className="top-app" data-testid={`top-app-${a.appId}`}>
                <span className="top-app-rank fig">{i + 1}</span>
                <span className={`top-app-name${name.example ? ' top-app-name--example' : ''}`} title={a.name}>
                  {name.text}
                  {a.registered ? null : <span className="top-app-unreg"> · {l.unregistered}</span>}
                </span>
                <span className="top-app-spark" aria-hidden="true">
                  {spark && spark.length > 1 ? <Sparkline values={spark} width={sparkWidth} height={sparkHeight} /> : null}
                </span>
                <span className="top-app-total fig">{formatCount(total(a), lang)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
