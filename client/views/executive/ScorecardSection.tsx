// The scorecard with its line choice and its export.
import { useTranslation } from 'react-i18next';
import type { Targets } from '../../../shared/contract/city.ts';
import { CsvButton } from '../../components/CsvButton.tsx';
import type { Lang } from '../../components/format.ts';
import type { LineKey } from './kpi-metrics.ts';
import { KpiScorecard, scorecardRows, type PeriodAnswers, type ScorecardCsvRow } from './KpiScorecard.tsx';
import type { Period } from './periods.ts';

const LINE_KEYS: readonly LineKey[] = ['all', '112', '119'];

interface ScorecardSectionProps {
  answers: Readonly<Record<Period, PeriodAnswers>>;
  line: LineKey;
  onLine: (line: LineKey) => void;
  targets: Partial<Targets> | null;
  lang: Lang;
}

export function ScorecardSection({ answers, line, onLine, targets, lang }: ScorecardSectionProps) {
  const { t } = useTranslation();
  const lineName = (l: LineKey) => (l === 'all' ? t('line.all') : `${l} ${t(`line.${l}`)}`);
  const rows = scorecardRows(answers, line, targets, (m) => t(`exec.metric.${m.id}`), (p) => t(`exec.period.${p}`));
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
        <CsvButton<ScorecardCsvRow>
          rows={rows}
          columns={[
            { header: t('exec.col.metric'), value: (r) => r.metric },
            { header: t('exec.col.period'), value: (r) => r.period },
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
      <KpiScorecard answers={answers} line={line} targets={targets} lang={lang} />
    </section>
  );
}
