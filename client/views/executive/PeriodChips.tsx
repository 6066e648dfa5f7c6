// Today | 7 days | 30 days, for the tables; on paper only the chosen period is printed.
import { useTranslation } from 'react-i18next';
import { PERIODS, type Period } from './periods.ts';

export function PeriodChips({ value, onChange, testId }: { value: Period; onChange: (p: Period) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="chips no-print" role="group" aria-label={t('exec.tablePeriod')} data-testid={testId}>
        {PERIODS.map((p) => (
          <button key={p} type="button" className={`chip${value === p ? ' chip--on' : ''}`} aria-pressed={value === p} data-testid={`${testId}-${p}`} onClick={() => onChange(p)}>
            {t(`exec.period.${p}`)}
          </button>
        ))}
      </div>
      <span className="print-only muted">{t(`exec.period.${value}`)}</span>
    </>
  );
}
