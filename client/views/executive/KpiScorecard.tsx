// One card per KPI for the chosen range, beside the period just before it of the same length:
// the value, where it stands against the target (good / warning / bad, a shape and a word:
// shared/kpi/target-state.ts), and its change against the period before (an arrow: direction
// only). Props in, nothing fetched: a report page can draw the same cards.
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import type { Lang } from '../../components/format.ts';
import { TargetMark } from '../../components/TargetMark.tsx';
import { targetState } from '../../../shared/kpi/target-state.ts';
import { metricChange, METRICS, type LineKey, type MetricDef } from './kpi-metrics.ts';
import { formatChange, formatMetric } from './metric-format.ts';

export interface PeriodAnswers {
  current: KpisAnswer | null;
  previous: KpisAnswer | null;
}

export const SCORECARD_CELLS = ['current', 'previous'] as const;
export type ScorecardCell = (typeof SCORECARD_CELLS)[number];

interface KpiScorecardProps {
  answers: PeriodAnswers;
  line: LineKey;
  targets: Partial<Targets> | null;
  lang: Lang;
  /** What each cell is called: the range's name, and "period before". */
  cellLabel: (cell: ScorecardCell) => string;
}

function PeriodCell({ metric, cell, answers, line, target, lang, label }: {
  metric: MetricDef;
  cell: ScorecardCell;
  answers: PeriodAnswers;
  line: LineKey;
  target: number | undefined;
  lang: Lang;
  label: string;
}) {
  const { t } = useTranslation();
  const answer = answers[cell];
  const value = answer ? metric.value(answer, line) : null;
  const state = targetState(value, target, metric.better ?? 'higher');
  const bad = state === 'warning' || state === 'bad';
  const id = `exec-kpi-${metric.id}-${cell}`;
  const previous = answers.previous ? metric.value(answers.previous, line) : null;
  return (
    // The window the figure covers, as the API answered it: a reader (or a test) can ask for it again.
    <div
      className={`exec-cell exec-cell--${cell}${bad ? ` exec-cell--${state}` : ''}`}
      data-testid={id}
      data-off-target={bad}
      {...(answer ? { 'data-from': answer.from, 'data-to': answer.to } : {})}
    >
      <div className="exec-cell-period">{label}</div>
      <div className="exec-cell-value fig" data-testid={`${id}-value`}>
        {formatMetric(value, metric.format, lang)}
      </div>
      <TargetMark value={value} target={target} better={metric.better ?? 'higher'} showWord testId={`${id}-mark`} />
      {cell === 'current' ? (
        <div className="exec-cell-change fig" title={t('exec.changeAgainstPrevious')} data-testid={`${id}-change`}>
          {formatChange(metricChange(value, previous, metric.change), metric.change, lang, t('exec.points'))}
        </div>
      ) : null}
    </div>
  );
}

function MetricCardRow({ metric, answers, line, targets, lang, cellLabel }: KpiScorecardProps & { metric: MetricDef }) {
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
        {SCORECARD_CELLS.map((c) => (
          <PeriodCell key={c} metric={metric} cell={c} answers={answers} line={line} target={target} lang={lang} label={cellLabel(c)} />
        ))}
      </div>
    </article>
  );
}

export function KpiScorecard(props: KpiScorecardProps) {
  return (
    <div className="exec-cards" data-testid="exec-scorecard">
      {METRICS.map((m) => (
        <MetricCardRow key={m.id} metric={m} {...props} />
      ))}
    </div>
  );
}

export interface ScorecardCsvRow {
  metric: string;
  from: string | null;
  to: string | null;
  value: number | null;
  target: number | null;
  previous: number | null;
  change: number | null;
}

/** The scorecard as rows, for its CSV: raw fractions and seconds, as a spreadsheet wants them. */
export function scorecardRows(answers: PeriodAnswers, line: LineKey, targets: Partial<Targets> | null, label: (m: MetricDef) => string): ScorecardCsvRow[] {
  return METRICS.map((m) => {
    const value = answers.current ? m.value(answers.current, line) : null;
    const previous = answers.previous ? m.value(answers.previous, line) : null;
    return {
      metric: label(m),
      from: answers.current?.from ?? null,
      to: answers.current?.to ?? null,
      value,
      target: (targets && m.target?.(targets)) ?? null,
      previous,
      change: metricChange(value, previous, m.change),
    };
  });
}
