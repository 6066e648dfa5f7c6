// Incidents by category over the chosen range, against the period before, each row opening the
// list of its incidents (a drill-down). Props in, nothing fetched.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES } from '../../../shared/contract/events.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { DataTable, type Column } from '../../components/DataTable.tsx';
import { formatCount, formatPercent, type Lang } from '../../components/format.ts';
import { metricChange } from './kpi-metrics.ts';
import { formatChange } from './metric-format.ts';

export interface CategoryRow {
  id: string;
  name: string;
  incidents: number;
  share: number | null;
  previous: number | null;
  change: number | null;
}

/** Every category of the contract, then any other the data holds; zero where nothing happened. */
export function categoryRows(current: KpisAnswer | null, previous: KpisAnswer | null, name: (id: string) => string): CategoryRow[] {
  const now = current?.incidents.byCategory ?? {};
  const before = previous?.incidents.byCategory;
  const total = Object.values(now).reduce((a, b) => a + b, 0);
  const ids = [...CATEGORIES, ...Object.keys(now).filter((c) => !(CATEGORIES as readonly string[]).includes(c))];
  return ids.map((id) => {
    const incidents = now[id] ?? 0;
    const prev = before ? (before[id] ?? 0) : null;
    return { id, name: name(id), incidents, share: total > 0 ? incidents / total : null, previous: prev, change: metricChange(incidents, prev, 'relative') };
  });
}

export function CategorySection({ current, previous, lang, rangeKey, onOpen }: {
  current: KpisAnswer | null;
  previous: KpisAnswer | null;
  lang: Lang;
  rangeKey: string;
  /** Opens the list of a category's incidents; absent on paper and in reports. */
  onOpen?: (category: string) => void;
}) {
  const { t } = useTranslation();
  const rows = useMemo(() => categoryRows(current, previous, (id) => t(`category.${id}`, { defaultValue: id })), [current, previous, t]);
  const columns: Column<CategoryRow>[] = [
    { key: 'name', header: t('exec.col.category'), value: (r) => r.name },
    { key: 'incidents', header: t('kpi.incidents'), value: (r) => r.incidents, numeric: true, render: (r) => formatCount(r.incidents, lang) },
    { key: 'share', header: t('exec.col.share'), value: (r) => r.share, numeric: true, render: (r) => formatPercent(r.share, lang) },
    { key: 'previous', header: t('exec.col.previous'), value: (r) => r.previous, numeric: true, render: (r) => formatCount(r.previous, lang) },
    { key: 'change', header: t('exec.col.change'), value: (r) => r.change, numeric: true, render: (r) => formatChange(r.change, 'relative', lang, t('exec.points')) },
  ];
  return (
    <section className="exec-section" data-testid="exec-categories" aria-labelledby="exec-categories-title">
      <header className="exec-section-head">
        <h2 id="exec-categories-title">{t('exec.categoryTitle')}</h2>
      </header>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        testId="exec-category-table"
        csvName={`pantau-categories-${rangeKey}`}
        initialSort={{ key: 'incidents', dir: 'desc' }}
        {...(onOpen ? { rowAction: { header: t('drill.open'), text: t('drill.incidents'), label: (r: CategoryRow) => t('drill.incidentsOf', { name: r.name }), onSelect: (r: CategoryRow) => onOpen(r.id) } } : {})}
      />
    </section>
  );
}
