// Line, kecamatan and category filters of the desk.
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, LINES, type Category } from '../../../shared/contract/events.ts';
import type { KecamatanInfo } from '../../../shared/contract/city.ts';
import type { DeskFilters } from './filters.ts';

interface FilterBarProps {
  filters: DeskFilters;
  kecamatan: readonly KecamatanInfo[];
  onChange: (next: DeskFilters) => void;
  /** The kecamatan list, for the `/` shortcut. */
  kecamatanRef?: Ref<HTMLSelectElement>;
}

const isCategory = (v: string): v is Category => CATEGORIES.some((c) => c === v);

export function FilterBar({ filters, kecamatan, onChange, kecamatanRef }: FilterBarProps) {
  const { t } = useTranslation();
  return (
    <div className="filter-bar" role="group">
      <span className="filter-label">{t('operator.filterLine')}</span>
      {[null, ...LINES].map((line) => (
        <button
          key={line ?? 'all'}
          type="button"
          className={`chip${filters.line === line ? ' chip--on' : ''}`}
          aria-pressed={filters.line === line}
          data-testid={`filter-line-${line ?? 'all'}`}
          onClick={() => onChange({ ...filters, line })}
        >
          {line === null ? t('operator.all') : `${line} ${t(`line.${line}`)}`}
        </button>
      ))}
      <label className="filter-label">
        {t('operator.filterKecamatan')}{' '}
        <select
          ref={kecamatanRef}
          value={filters.kecamatan ?? ''}
          data-testid="filter-kecamatan"
          onChange={(e) => onChange({ ...filters, kecamatan: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">{t('operator.all')}</option>
          {kecamatan.map((k) => (
            <option key={k.code} value={k.code}>
              {k.name}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-label">
        {t('operator.filterCategory')}{' '}
        <select
          value={filters.category ?? ''}
          data-testid="filter-category"
          onChange={(e) => onChange({ ...filters, category: isCategory(e.target.value) ? e.target.value : null })}
        >
          <option value="">{t('operator.all')}</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

