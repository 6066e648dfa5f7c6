// Trends per line over the chosen range, one point per hour (a day or two), day (up to a
// quarter) or week (longer): service level and ASA against their targets, calls offered and
// incidents; and the same figures as a table for export. Props in, nothing fetched.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import { wholeAxis } from '../../charts/axis-ticks.ts';
import { KpiTrend, type TrendPoint, type TrendSeries } from '../../charts/KpiTrend.tsx';
import { CsvButton } from '../../components/CsvButton.tsx';
import type { CsvColumn } from '../../components/csv.ts';
import { formatCount, formatDayLabel, formatPercent, formatSeconds, type Lang } from '../../components/format.ts';
import type { Granularity } from './range.ts';
import type { BucketAnswer } from './use-executive-data.ts';

/** Blue and orange stay apart for the common colour-blindnesses; the dash tells them apart in print. */
const LINE_SERIES = (t: (k: 'line.112' | 'line.119') => string): TrendSeries[] => [
  { key: '112', name: `112 ${t('line.112')}`, color: '#1f5fbf' },
  { key: '119', name: `119 ${t('line.119')}`, color: '#c25e00', dash: '6 3' },
];

interface TrendSectionProps {
  buckets: readonly BucketAnswer[];
  granularity: Granularity;
  targets: Partial<Targets> | null;
  lang: Lang;
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

/** `14:00` for an hour, `23 Nov` for a day or the week starting that day. */
export function bucketLabel(key: string, granularity: Granularity, lang: Lang): string {
  return granularity === 'hour' ? `${key.slice(11, 13)}:00` : formatDayLabel(key.slice(0, 10), lang);
}

/** Every value of every point, for an axis that must hold them all (stacked bars: their sums). */
function valuesOf(points: readonly TrendPoint[], stacked: boolean): number[] {
  return points.map((p) => {
    const vs = Object.values(p.values).filter((v): v is number => v !== null);
    return stacked ? vs.reduce((a, b) => a + b, 0) : Math.max(0, ...vs);
  });
}

export function TrendSection({ buckets, granularity, targets, lang }: TrendSectionProps) {
  const { t } = useTranslation();
  const series = LINE_SERIES(t);
  const points = useMemo(() => {
    const label = (b: BucketAnswer) => bucketLabel(b.bucket.key, granularity, lang);
    const per = (pick: (d: BucketAnswer, line: '112' | '119') => number | null): TrendPoint[] =>
      buckets.map((d) => ({ label: label(d), values: { '112': pick(d, '112'), '119': pick(d, '119') } }));
    return {
      sl20: per((d, l) => d.kpis?.calls[l].sl20 ?? null),
      asa: per((d, l) => d.kpis?.calls[l].asa ?? null),
      offered: per((d, l) => d.kpis?.calls[l].offered ?? null),
      incidents: buckets.map((d) => ({ label: label(d), values: { incidents: d.kpis?.incidents.count ?? null } })),
    };
  }, [buckets, granularity, lang]);
  const csvColumns: CsvColumn<BucketAnswer>[] = [
    { header: t(`exec.col.${granularity}`), value: (d) => d.bucket.key },
    ...(['112', '119'] as const).flatMap((l): CsvColumn<BucketAnswer>[] => [
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
    <section className="exec-section" data-testid="exec-trends" data-granularity={granularity} aria-labelledby="exec-trends-title">
      <header className="exec-section-head">
        <h2 id="exec-trends-title">{t(`exec.trendTitle.${granularity}`)}</h2>
        <CsvButton rows={buckets} columns={csvColumns} filename={`pantau-trend-${buckets[0]?.bucket.key ?? ''}-${granularity}`} testId="exec-trends-csv" />
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
          {...wholeAxis(valuesOf(points.asa, false), asaTarget)}
          integer
          {...(asaTarget === undefined ? {} : { target: { value: asaTarget, label: t('kpi.targetMax', { value: formatSeconds(asaTarget, lang) }) } })}
          testId="exec-trend-asa"
        />
        <KpiTrend
          title={t('exec.chart.offered')}
          data={points.offered}
          series={series}
          format={(v) => formatCount(v, lang)}
          kind="bar"
          integer
          {...wholeAxis(valuesOf(points.offered, true))}
          testId="exec-trend-offered"
        />
        <KpiTrend
          title={t(`exec.chart.incidents.${granularity}`)}
          data={points.incidents}
          series={[{ key: 'incidents', name: t('kpi.incidents'), color: '#2c877f' }]}
          format={(v) => formatCount(v, lang)}
          kind="bar"
          integer
          {...wholeAxis(valuesOf(points.incidents, true))}
          testId="exec-trend-incidents"
        />
      </div>
    </section>
  );
}
