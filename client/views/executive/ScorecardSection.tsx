// The scorecard with its line choice, its export, and the way to a line's calls.
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import { CsvButton } from '../../components/CsvButton.tsx';
import type { Lang } from '../../components/format.ts';
import type { LineKey } from './kpi-metrics.ts';
import { KpiScorecard, scorecardRows, type PeriodAnswers, type ScorecardCell, type ScorecardCsvRow } from './KpiScorecard.tsx';

const LINE_KEYS: readonly LineKey[] = ['all', '112', '119'];

interface ScorecardSectionProps {
  answers: PeriodAnswers;
  line: LineKey;
  onLine: (line: LineKey) => void;
  targets: Partial<Targets> | null;
  lang: Lang;
  /** The range's name ("7 hari terakhir"), for the first cell of each card. */
  rangeLabel: string;
  /** Opens the list of the calls of a line in the range; absent on paper and in reports. */
  onCalls?: (line: '112' | '119') => void;
}

export function ScorecardSection({ answers, line, onLine, targets, lang, rangeLabel, onCalls }: ScorecardSectionProps) {
  const { t } = useTranslation();
  const lineName = (l: LineKey) => (l === 'all' ? t('line.all') : `${l} ${t(`line.${l}`)}`);
  const rows = scorecardRows(answers, line, targets, (m) => t(`exec.metric.${m.id}`));
  const cellLabel = (c: ScorecardCell) => (c === 'current' ? rangeLabel : t('exec.previousPeriod'));
  return (
    <section className="exec-section" data-testid="exec-kpis" aria-labelledby="exec-kpis-title">
      <header className="exec-section-head">
        <h2 id="exec-kpis-title">{t('exec.kpiTitle')}</h2>
        <div className="chips no-print" role="group" aria-label={t('operator.filterLine')}>
          {LINE_KEYS.map((l) => (
            <button key={l} type="button" className={`chip${line === l ? ' chip--on' : ''}`} aria-pressed={line === l} data-testid={`exec-line-${l}`} onClick={() => onLine(l)}>
              {lineName(l)}
            </button>
          ))}
        </div>
        <span className="print-only">{lineName(line)}</span>
        {onCalls ? (
          <div className="chips no-print" role="group" aria-label={t('drill.callsOfLine')}>
            {(['112', '119'] as const).map((l) => (
              <button key={l} type="button" className="btn btn--small" data-testid={`exec-calls-${l}`} onClick={() => onCalls(l)}>
                {t('drill.showCalls', { line: l })}
              </button>
            ))}
          </div>
        ) : null}
        <CsvButton<ScorecardCsvRow>
          rows={rows}
          columns={[
            { header: t('exec.col.metric'), value: (r) => r.metric },
            { header: t('exec.col.from'), value: (r) => r.from },
            { header: t('exec.col.to'), value: (r) => r.to },
            { header: t('exec.col.value'), value: (r) => r.value },
            { header: t('exec.col.target'), value: (r) => r.target },
            { header: t('exec.col.previous'), value: (r) => r.previous },
            { header: t('exec.col.change'), value: (r) => r.change },
          ]}
          filename={`pantau-kpi-${line}`}
          testId="exec-kpis-csv"
        />
      </header>
      <p className="muted exec-note">{t('exec.changeNote')}</p>
      <KpiScorecard answers={answers} line={line} targets={targets} lang={lang} cellLabel={cellLabel} />
    </section>
  );
}
