// The KPIs of a report's period against the city's targets: one row per executive metric
// (kpi-metrics.ts, the executive view's own list), the value per line, where it stands (the
// shared good / warning / bad rule with its shape and word) and its change against the period
// before (an arrow: direction only). Each value carries its raw figure in `data-value`, so a
// test can hold the printed figure to the API's.
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import type { Lang } from '../../components/format.ts';
import { TargetMark } from '../../components/TargetMark.tsx';
import { metricChange, METRICS, type LineKey, type MetricDef } from '../executive/kpi-metrics.ts';
import { formatChange, formatMetric } from '../executive/metric-format.ts';

const LINES: readonly LineKey[] = ['112', '119', 'all'];

interface ReportKpiTableProps {
  current: KpisAnswer | null;
  previous: KpisAnswer | null;
  targets: Partial<Targets> | null;
  lang: Lang;
  /** Names the figures: `report-kpi-<scope>-<metric>-<line>`. */
  scope: 'day' | 'week';
  previousLabel: string;
}

function Value({ metric, line, answer, target, lang, scope }: { metric: MetricDef; line: LineKey; answer: KpisAnswer | null; target: number | undefined; lang: Lang; scope: string }) {
  if (!metric.perLine && line !== 'all') return <td className="num muted">·</td>;
  const value = answer ? metric.value(answer, line) : null;
  return (
    <td className="num" data-testid={`report-kpi-${scope}-${metric.id}-${line}`} data-value={value ?? ''}>
      <span className="fig">{formatMetric(value, metric.format, lang)}</span>{' '}
      <TargetMark value={value} target={target} better={metric.better ?? 'higher'} />
    </td>
  );
}

export function ReportKpiTable({ current, previous, targets, lang, scope, previousLabel }: ReportKpiTableProps) {
  const { t } = useTranslation();
  return (
    <table className="report-table report-kpis" data-testid={`report-kpis-${scope}`}>
      <thead>
        <tr>
          <th>{t('exec.col.metric')}</th>
          <th className="num">112</th>
          <th className="num">119</th>
          <th className="num">{t('line.all')}</th>
          <th>{t('exec.col.target')}</th>
          <th>{t('report.state')}</th>
          <th className="num">{previousLabel}</th>
        </tr>
      </thead>
      <tbody>
        {METRICS.map((m) => {
          const target = targets && m.target ? m.target(targets) : undefined;
          const value = current ? m.value(current, 'all') : null;
          const before = previous ? m.value(previous, 'all') : null;
          const targetText = target === undefined ? '—' : t(m.better === 'lower' ? 'kpi.targetMax' : 'kpi.target', { value: formatMetric(target, m.format, lang) });
          return (
            <tr key={m.id}>
              <th scope="row">{t(`exec.metric.${m.id}`)}</th>
              {LINES.map((l) => (
                <Value key={l} metric={m} line={l} answer={current} target={target} lang={lang} scope={scope} />
              ))}
              <td className="muted report-target">{targetText}</td>
              <td>{target === undefined || value === null ? <span className="muted">—</span> : <TargetMark value={value} target={target} better={m.better ?? 'higher'} showWord />}</td>
              <td className="num fig">{formatChange(metricChange(value, before, m.change), m.change, lang, t('exec.points'))}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
