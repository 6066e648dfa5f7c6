// Dispatch and response times by agency over the chosen period: mean and p90 (nearest rank,
// computed by the server), with the number of incidents each agency was sent to.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyName } from '../../../shared/contract/city.ts';
import type { DurationStats, KpisAnswer } from '../../../shared/contract/kpis.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { formatCount, formatMinutes, type Lang } from '../../components/format.ts';
import { PeriodChips } from './PeriodChips.tsx';
import type { Period } from './periods.ts';

export interface AgencyRow {
  id: string;
  name: string;
  incidents: number;
  dispatch: DurationStats | null;
  response: DurationStats | null;
}

export function agencyRows(kpis: KpisAnswer | null, agencies: readonly AgencyName[]): AgencyRow[] {
  if (!kpis) return [];
  const times = kpis.incidents.byAgencyTimes ?? {};
  const ids = new Set([...Object.keys(kpis.incidents.byAgency), ...Object.keys(times)]);
  const names = new Map<string, string>(agencies.map((a) => [a.id, a.name]));
  return [...ids].map((id) => ({
    id,
    name: names.get(id) ?? id,
    incidents: kpis.incidents.byAgency[id] ?? 0,
    dispatch: times[id]?.dispatch ?? null,
    response: times[id]?.response ?? null,
  }));
}

/** Minutes with one decimal, for the CSV: what the screen shows, without the unit. */
const minutes = (s: number | null | undefined): number | null => (s === null || s === undefined ? null : Math.round(s / 6) / 10);

export function AgencySection({ kpis, agencies, lang, period, onPeriod }: {
  kpis: KpisAnswer | null;
  agencies: readonly AgencyName[];
  lang: Lang;
  period: Period;
  onPeriod: (p: Period) => void;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => agencyRows(kpis, agencies), [kpis, agencies]);
  const time = (key: string, header: string, pick: (r: AgencyRow) => number | null | undefined): Column<AgencyRow> => ({
    key,
    header,
    value: (r) => pick(r) ?? null,
    numeric: true,
    render: (r) => formatMinutes(pick(r), lang),
    csv: (r) => minutes(pick(r)),
  });
  const columns: Column<AgencyRow>[] = [
    { key: 'name', header: t('exec.col.agency'), value: (r) => r.name },
    { key: 'incidents', header: t('kpi.incidents'), value: (r) => r.incidents, numeric: true, render: (r) => formatCount(r.incidents, lang) },
    time('dispatchMean', t('exec.col.dispatchMean'), (r) => r.dispatch?.mean),
    time('dispatchP90', t('exec.col.dispatchP90'), (r) => r.dispatch?.p90),
    time('responseMean', t('exec.col.responseMean'), (r) => r.response?.mean),
    time('responseP90', t('exec.col.responseP90'), (r) => r.response?.p90),
  ];
  return (
    <section className="exec-section" data-testid="exec-agencies" aria-labelledby="exec-agencies-title">
      <header className="exec-section-head">
        <h2 id="exec-agencies-title">{t('exec.agencyTitle')}</h2>
        <PeriodChips value={period} onChange={onPeriod} testId="exec-agency-period" />
      </header>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        testId="exec-agency-table"
        csvName={`pantau-agencies-${period}`}
        initialSort={{ key: 'incidents', dir: 'desc' }}
      />
    </section>
  );
}
