// One card per KPI, each with today, 7 days and 30 days side by side: the value, where it
// stands against the target (good / warning / bad, a shape and a word: shared/kpi/target-state.ts),
// and its change against the period before (an arrow: direction only).
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import type { Lang } from '../../components/format.ts';
import { TargetMark } from '../../components/TargetMark.tsx';
import { targetState } from '../../../shared/kpi/target-state.ts';
import { metricChange, METRICS, type LineKey, type MetricDef } from './kpi-metrics.ts';
import { formatChange, formatMetric } from './metric-format.ts';
import { PERIODS, type Period } from './periods.ts';

export interface PeriodAnswers {
  current: KpisAnswer | null;
  previous: KpisAnswer | null;
}

interface KpiScorecardProps {
  answers: Readonly<Record<Period, PeriodAnswers>>;
  line: LineKey;
  targets: Partial<Targets> | null;
  lang: Lang;
}

function PeriodCell({ metric, period, answers, line, target, lang }: {
  metric: MetricDef;
  period: Period;
  answers: PeriodAnswers;
  line: LineKey;
  target: number | undefined;
  lang: Lang;
}) {
  const { t } = useTranslation();
  const value = answers.current ? metric.value(answers.current, line) : null;
  const previous = answers.previous ? metric.value(answers.previous, line) : null;
  const state = targetState(value, target, metric.better ?? 'higher');
  const bad = state === 'warning' || state === 'bad';
  const change = formatChange(metricChange(value, previous, metric.change), metric.change, lang, t('exec.points'));
  const id = `exec-kpi-${metric.id}-${period}`;
  return (
    // The window the figure covers, as the API answered it: a reader (or a test) can ask for it again.
    <div
      className={`exec-cell${state === 'bad' || state === 'warning' ? ` exec-cell--${state}` : ''}`}
      data-testid={id}
      data-off-target={bad}
      {...(answers.current ? { 'data-from': answers.current.from, 'data-to': answers.current.to } : {})}
    >
      <div className="exec-cell-period">{t(`exec.period.${period}`)}</div>
      <div className="exec-cell-value fig" data-testid={`${id}-value`}>
        {formatMetric(value, metric.format, lang)}
      </div>
      <TargetMark value={value} target={target} better={metric.better ?? 'higher'} showWord testId={`${id}-mark`} />
      <div className="exec-cell-change fig" title={t(`exec.changeAgainst.${period}`)}>
        {change}
      </div>
    </div>
  );
}

function MetricCardRow({ metric, answers, line, targets, lang }: Omit<KpiScorecardProps, 'targets'> & { metric: MetricDef; targets: Partial<Targets> | null }) {
  const { t } = useTranslation();
  const target = targets && metric.target ? metric.target(targets) : undefined;
  const targetText =
    target === undefined
      ? t('exec.noTarget')
      : t(metric.better === 'lower' ? 'kpi.targetMax' : 'kpi.target', { value: formatMetric(target, metric.format, lang) });
  return (
    <article className="exec-card" data-testid={`exec-kpi-${metric.id}`}>
      <header className="exec-card-head">
        <h3>
          {t(`exec.metric.${metric.id}`)}
          {metric.perLine ? null : <span className="muted"> · {t('line.all')}</span>}
        </h3>
        <span className="exec-card-target">{targetText}</span>
      </header>
      <div className="exec-cells">
        {PERIODS.map((p) => (
          <PeriodCell key={p} metric={metric} period={p} answers={answers[p]} line={line} target={target} lang={lang} />
        ))}
      </div>
    </article>
  );
}

export function KpiScorecard({ answers, line, targets, lang }: KpiScorecardProps) {
  return (
    <div className="exec-cards" data-testid="exec-scorecard">
      {METRICS.map((m) => (
        <MetricCardRow key={m.id} metric={m} answers={answers} line={line} targets={targets} lang={lang} />
      ))}
    </div>
  );
}

export interface ScorecardCsvRow {
  metric: string;
  period: string;
  value: number | null;
  target: number | null;
  previous: number | null;
  change: number | null;
}

/** The scorecard as rows, for its CSV: raw fractions and seconds, as a spreadsheet wants them. */
export function scorecardRows(
  answers: Readonly<Record<Period, PeriodAnswers>>,
  line: LineKey,
  targets: Partial<Targets> | null,
  label: (m: MetricDef) => string,
  periodLabel: (p: Period) => string,
): ScorecardCsvRow[] {
  return METRICS.flatMap((m) =>
    PERIODS.map((p) => {
      const a = answers[p];
      const value = a.current ? m.value(a.current, line) : null;
      const previous = a.previous ? m.value(a.previous, line) : null;
      return {
        metric: label(m),
        period: periodLabel(p),
        value,
        target: (targets && m.target?.(targets)) ?? null,
        previous,
        change: metricChange(value, previous, m.change),
      };
    }),
  );
}
