// Dispatch and response times by agency over the chosen range: mean and p90 (nearest rank,
// computed by the server), the share of arrivals within the agency's on-scene target (city
// profile; judged by shared/kpi/target-state.ts), and the number of incidents each agency was
// sent to, each row opening the list of those incidents. Props in, nothing fetched.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgencyName } from '../../../shared/contract/city.ts';
import type { DurationStats, KpisAnswer, ResponseTarget } from '../../../shared/contract/kpis.ts';
import { TargetMark } from '../../components/TargetMark.tsx';
import { metricChange } from './kpi-metrics.ts';
import { formatChange } from './metric-format.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { formatCount, formatMinutes, formatPercent, type Lang } from '../../components/format.ts';

export interface AgencyRow {
  id: string;
  name: string;
  incidents: number;
  dispatch: DurationStats | null;
  response: DurationStats | null;
  responseTarget: ResponseTarget | null;
  /** The share within target in the period before (null when unknown). */
  previousRate: number | null;
}

export function agencyRows(kpis: KpisAnswer | null, agencies: readonly AgencyName[], previous: KpisAnswer | null = null): AgencyRow[] {
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
    responseTarget: times[id]?.responseTarget ?? null,
    previousRate: previous?.incidents.byAgencyTimes?.[id]?.responseTarget?.rate ?? null,
  }));
}

/**
 * The share of arrivals within target is judged against all of them (1.0): the rule of
 * shared/kpi/target-state.ts reads 95 % as a warning, under that as bad, as for service levels.
 */
const WITHIN_TARGET_GOAL = 1;

/** Minutes with one decimal, for the CSV: what the screen shows, without the unit. */
const minutes = (s: number | null | undefined): number | null => (s === null || s === undefined ? null : Math.round(s / 6) / 10);

export function AgencySection({ kpis, previous = null, agencies, lang, rangeKey, onOpen }: {
  kpis: KpisAnswer | null;
  /** The period before, for the change of the share within target. */
  previous?: KpisAnswer | null;
  agencies: readonly AgencyName[];
  lang: Lang;
  rangeKey: string;
  /** Opens the list of the incidents an agency was sent to; absent on paper and in reports. */
  onOpen?: (agency: string) => void;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => agencyRows(kpis, agencies, previous), [kpis, agencies, previous]);
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
    {
      key: 'withinTarget',
      header: t('exec.col.withinTarget'),
      value: (r) => r.responseTarget?.rate ?? null,
      numeric: true,
      render: (r) =>
        r.responseTarget ? (
          <span className="within-target" title={t('exec.withinTargetOf', { minutes: formatMinutes(r.responseTarget.seconds, lang), within: r.responseTarget.within, n: r.responseTarget.n })}>
            {formatPercent(r.responseTarget.rate, lang)}{' '}
            <TargetMark value={r.responseTarget.rate} target={WITHIN_TARGET_GOAL} testId={`exec-agency-within-${r.id}`} />
            <span className="muted"> ≤ {formatMinutes(r.responseTarget.seconds, lang)}</span>
          </span>
        ) : (
          '—'
        ),
      csv: (r) => r.responseTarget?.rate ?? null,
    },
    {
      key: 'withinChange',
      header: t('exec.col.withinChange'),
      value: (r) => metricChange(r.responseTarget?.rate, r.previousRate, 'points'),
      numeric: true,
      render: (r) => formatChange(metricChange(r.responseTarget?.rate, r.previousRate, 'points'), 'points', lang, t('exec.points')),
    },
  ];
  return (
    <section className="exec-section" data-testid="exec-agencies" aria-labelledby="exec-agencies-title">
      <header className="exec-section-head">
        <h2 id="exec-agencies-title">{t('exec.agencyTitle')}</h2>
      </header>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        testId="exec-agency-table"
        csvName={`pantau-agencies-${rangeKey}`}
        initialSort={{ key: 'incidents', dir: 'desc' }}
        {...(onOpen ? { rowAction: { header: t('drill.open'), text: t('drill.incidents'), label: (r: AgencyRow) => t('drill.incidentsOf', { name: r.name }), onSelect: (r: AgencyRow) => onOpen(r.id) } } : {})}
      />
    </section>
  );
}
