// Incidents per kecamatan over the chosen range: a small choropleth beside a sortable table, each
// row opening the list of its incidents (a drill-down). Props in, nothing fetched.
import type { FeatureCollection } from 'geojson';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { KecamatanInfo } from '../../../shared/contract/city.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { KecamatanChoropleth } from '../../charts/KecamatanChoropleth.tsx';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { formatCount, formatPercent, localeTag, type Lang } from '../../components/format.ts';
import { metricChange } from './kpi-metrics.ts';
import { formatChange } from './metric-format.ts';

export interface KecamatanRow {
  code: string;
  name: string;
  population: number | null;
  incidents: number;
  per10k: number | null;
  share: number | null;
  /** Incidents in the period before (null when it is not known yet). */
  previous: number | null;
  change: number | null;
}

/** Every kecamatan of the profile (zero where nothing happened), then codes only the data knows. */
export function kecamatanRows(
  kecamatan: readonly KecamatanInfo[],
  byKecamatan: Readonly<Record<string, number>>,
  before: Readonly<Record<string, number>> | null = null,
): KecamatanRow[] {
  const total = Object.values(byKecamatan).reduce((a, b) => a + b, 0);
  const known = new Set(kecamatan.map((k) => k.code));
  const row = (code: string, name: string, population: number | null): KecamatanRow => {
    const incidents = byKecamatan[code] ?? 0;
    const previous = before === null ? null : (before[code] ?? 0);
    return {
      code,
      name,
      population,
      incidents,
      per10k: population && population > 0 ? (incidents * 10_000) / population : null,
      share: total > 0 ? incidents / total : null,
      previous,
      change: metricChange(incidents, previous, 'relative'),
    };
  };
  return [
    ...kecamatan.map((k) => row(k.code, k.name, k.population)),
    ...Object.keys(byKecamatan)
      .filter((c) => !known.has(c))
      .map((c) => row(c, c, null)),
  ];
}

interface KecamatanSectionProps {
  kpis: KpisAnswer | null;
  /** The period before, for each kecamatan's change. */
  previous?: KpisAnswer | null;
  kecamatan: readonly KecamatanInfo[];
  boundaries: FeatureCollection | null;
  lang: Lang;
  /** The range's name, for the map's title and the CSV's name. */
  rangeLabel: string;
  rangeKey: string;
  /** Opens the list of a kecamatan's incidents; absent on paper and in reports. */
  onOpen?: (code: string) => void;
}

export function KecamatanSection({ kpis, previous = null, kecamatan, boundaries, lang, rangeLabel, rangeKey, onOpen }: KecamatanSectionProps) {
  const { t } = useTranslation();
  const rows = useMemo(() => kecamatanRows(kecamatan, kpis?.incidents.byKecamatan ?? {}, previous?.incidents.byKecamatan ?? null), [kecamatan, kpis, previous]);
  const values = useMemo(() => new Map(rows.map((r) => [r.code, r.incidents])), [rows]);
  const names = useMemo(() => new Map(rows.map((r) => [r.code, r.name])), [rows]);
  const decimal = useMemo(() => new Intl.NumberFormat(localeTag(lang), { maximumFractionDigits: 1 }), [lang]);
  const columns: Column<KecamatanRow>[] = [
    { key: 'name', header: t('exec.col.kecamatan'), value: (r) => r.name },
    { key: 'code', header: t('exec.col.code'), value: (r) => r.code },
    { key: 'incidents', header: t('kpi.incidents'), value: (r) => r.incidents, numeric: true, render: (r) => formatCount(r.incidents, lang) },
    {
      key: 'per10k',
      header: t('exec.col.per10k'),
      value: (r) => r.per10k,
      numeric: true,
      render: (r) => (r.per10k === null ? '—' : decimal.format(r.per10k)),
      csv: (r) => (r.per10k === null ? null : Math.round(r.per10k * 100) / 100),
    },
    { key: 'share', header: t('exec.col.share'), value: (r) => r.share, numeric: true, render: (r) => formatPercent(r.share, lang) },
    { key: 'previous', header: t('exec.col.previous'), value: (r) => r.previous, numeric: true, render: (r) => formatCount(r.previous, lang) },
    { key: 'change', header: t('exec.col.change'), value: (r) => r.change, numeric: true, render: (r) => formatChange(r.change, 'relative', lang, t('exec.points')) },
    { key: 'population', header: t('exec.col.population'), value: (r) => r.population, numeric: true, render: (r) => formatCount(r.population, lang) },
  ];
  return (
    <section className="exec-section" data-testid="exec-kecamatan" aria-labelledby="exec-kecamatan-title">
      <header className="exec-section-head">
        <h2 id="exec-kecamatan-title">{t('exec.kecamatanTitle')}</h2>
      </header>
      <div className="exec-split">
        {boundaries ? (
          <KecamatanChoropleth
            boundaries={boundaries}
            values={values}
            names={names}
            format={(n) => formatCount(n, lang)}
            title={`${t('exec.kecamatanTitle')} · ${rangeLabel}`}
            testId="exec-choropleth"
          />
        ) : null}
        <DataTable
          rows={rows}
          columns={columns}
          rowKey={(r) => r.code}
          testId="exec-kecamatan-table"
          csvName={`pantau-kecamatan-${rangeKey}`}
          initialSort={{ key: 'incidents', dir: 'desc' }}
          {...(onOpen ? { rowAction: { header: t('drill.open'), text: t('drill.incidents'), label: (r: KecamatanRow) => t('drill.incidentsOf', { name: r.name }), onSelect: (r: KecamatanRow) => onOpen(r.code) } } : {})}
        />
      </div>
    </section>
  );
}
