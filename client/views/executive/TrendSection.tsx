// Daily trends per line over the last 7 or 30 days: service level and ASA against their
// targets, calls offered and incidents; and the same figures as a table for export.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import { KpiTrend, type TrendPoint, type TrendSeries } from '../../charts/KpiTrend.tsx';
import { CsvButton } from '../../components/CsvButton.tsx';
import type { CsvColumn } from '../../components/csv.ts';
import { formatCount, formatDayLabel, formatPercent, formatSeconds, type Lang } from '../../components/format.ts';
import type { DayAnswer } from './use-executive-data.ts';

export const TREND_DAYS = [7, 30] as const;

/** Blue and orange stay apart for the common colour-blindnesses; the dash tells them apart in print. */
const LINE_SERIES = (t: (k: 'line.112' | 'line.119') => string): TrendSeries[] => [
  { key: '112', name: `112 ${t('line.112')}`, color: '#1f5fbf' },
  { key: '119', name: `119 ${t('line.119')}`, color: '#c25e00', dash: '6 3' },
];

interface TrendSectionProps {
  days: readonly DayAnswer[];
  targets: Partial<Targets> | null;
  lang: Lang;
  trendDays: number;
  onTrendDays: (n: number) => void;
}

/**
 * Bounds and round ticks for a rate axis that keep the target and every point in view: steps of
 * 5 points when the range is narrow, 10 or 20 when it is not (never 78 %, 93 %).
 */
export function rateAxis(points: readonly TrendPoint[], target: number | undefined): { domain: [number, number]; ticks: number[] } {
  let min = target ?? 1;
  for (const p of points) for (const v of Object.values(p.values)) if (v !== null && v < min) min = v;
  const span = 1 - min;
  const step = span <= 0.25 ? 0.05 : span <= 0.5 ? 0.1 : 0.2;
  const floor = Math.max(0, Math.floor((min - 0.01) / step) * step);
  const ticks: number[] = [];
  for (let v = floor; v <= 1 + 1e-9; v += step) ticks.push(Math.round(v * 100) / 100);
  return { domain: [ticks[0] ?? 0, 1], ticks };
}

export function TrendSection({ days, targets, lang, trendDays, onTrendDays }: TrendSectionProps) {
  const { t } = useTranslation();
  const series = LINE_SERIES(t);
  const points = useMemo(() => {
    const per = (pick: (d: DayAnswer, line: '112' | '119') => number | null): TrendPoint[] =>
      days.map((d) => ({ label: formatDayLabel(d.day.day, lang), values: { '112': pick(d, '112'), '119': pick(d, '119') } }));
    return {
      sl20: per((d, l) => d.kpis?.calls[l].sl20 ?? null),
      asa: per((d, l) => d.kpis?.calls[l].asa ?? null),
      offered: per((d, l) => d.kpis?.calls[l].offered ?? null),
      incidents: days.map((d) => ({ label: formatDayLabel(d.day.day, lang), values: { incidents: d.kpis?.incidents.count ?? null } })),
    };
  }, [days, lang]);
  const csvColumns: CsvColumn<DayAnswer>[] = [
    { header: t('exec.col.day'), value: (d) => d.day.day },
    ...(['112', '119'] as const).flatMap((l): CsvColumn<DayAnswer>[] => [
      { header: `${l} ${t('kpi.offered')}`, value: (d) => d.kpis?.calls[l].offered },
      { header: `${l} ${t('kpi.answered')}`, value: (d) => d.kpis?.calls[l].answered },
      { header: `${l} ${t('kpi.abandoned')}`, value: (d) => d.kpis?.calls[l].abandoned },
      { header: `${l} ${t('kpi.sl20')}`, value: (d) => d.kpis?.calls[l].sl20 },
      { header: `${l} ${t('exec.col.asaSeconds')}`, value: (d) => d.kpis?.calls[l].asa },
    ]),
    { header: t('kpi.incidents'), value: (d) => d.kpis?.incidents.count },
    { header: t('exec.col.responseMeanSeconds'), value: (d) => d.kpis?.incidents.response.mean },
  ];
  const sl20Target = targets?.sl20;
  const asaTarget = targets?.asaSeconds;
  return (
    <section className="exec-section" data-testid="exec-trends" aria-labelledby="exec-trends-title">
      <header className="exec-section-head">
        <h2 id="exec-trends-title">{t('exec.trendTitle')}</h2>
        <div className="chips no-print" role="group" aria-label={t('exec.trendTitle')}>
          {TREND_DAYS.map((n) => (
            <button key={n} type="button" className={`chip${trendDays === n ? ' chip--on' : ''}`} aria-pressed={trendDays === n} data-testid={`exec-trend-${n}`} onClick={() => onTrendDays(n)}>
              {t('exec.lastDays', { n })}
            </button>
          ))}
        </div>
        <span className="print-only muted">{t('exec.lastDays', { n: trendDays })}</span>
        <CsvButton rows={days} columns={csvColumns} filename={`pantau-trend-${trendDays}d`} testId="exec-trends-csv" />
      </header>
      <div className="exec-trends">
        <KpiTrend
          title={t('exec.chart.sl20')}
          data={points.sl20}
          series={series}
          format={(v) => formatPercent(v, lang, 0)}
          {...rateAxis(points.sl20, sl20Target)}
          {...(sl20Target === undefined ? {} : { target: { value: sl20Target, label: t('kpi.target', { value: formatPercent(sl20Target, lang, 0) }) } })}
          testId="exec-trend-sl20"
        />
        <KpiTrend
          title={t('exec.chart.asa')}
          data={points.asa}
          series={series}
          format={(v) => formatSeconds(v, lang)}
          {...(asaTarget === undefined ? {} : { target: { value: asaTarget, label: t('kpi.targetMax', { value: formatSeconds(asaTarget, lang) }) } })}
          testId="exec-trend-asa"
        />
        <KpiTrend title={t('exec.chart.offered')} data={points.offered} series={series} format={(v) => formatCount(v, lang)} kind="bar" integer testId="exec-trend-offered" />
        <KpiTrend
          title={t('exec.chart.incidents')}
          data={points.incidents}
          series={[{ key: 'incidents', name: t('kpi.incidents'), color: '#2c877f' }]}
          format={(v) => formatCount(v, lang)}
          kind="bar"
          integer
          testId="exec-trend-incidents"
        />
      </div>
    </section>
  );
}
