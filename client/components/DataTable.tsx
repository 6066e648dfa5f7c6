// A sortable table with its own CSV export. Presentational: rows and columns in, no fetching.
// The CSV carries the raw values (numbers unformatted, seconds as seconds), which is what a
// spreadsheet wants; the screen shows them formatted for the reader's language.
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CsvButton } from './CsvButton.tsx';
import type { CsvValue } from './csv.ts';
import { sortRows, type SortDir, type SortValue } from './sort-rows.ts';
import { localeTag } from './format.ts';
import { useLang } from './use-lang.ts';

export interface Column<R> {
  key: string;
  header: string;
  /** What sorts and what goes into the CSV. */
  value: (row: R) => SortValue;
  /** What the cell shows; the value as text when absent. */
  render?: (row: R) => ReactNode;
  numeric?: boolean;
  /** A CSV value other than `value` (e.g. a code beside a name). */
  csv?: (row: R) => CsvValue;
}

interface DataTableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string;
  testId: string;
  /** File name of the export, without `.csv`. */
  csvName: string;
  caption?: string;
  initialSort?: { key: string; dir: SortDir };
  empty?: string;
  /**
   * A button at the end of each row (a drill-down: "show its incidents"); not printed and not in
   * the CSV. The row's key names it for tests: `<testId>-open-<rowKey>`.
   */
  rowAction?: { header: string; label: (row: R) => string; text: string; onSelect: (row: R) => void };
}

export function DataTable<R>({ rows, columns, rowKey, testId, csvName, caption, initialSort, empty, rowAction }: DataTableProps<R>) {
  const { t } = useTranslation();
  const lang = useLang();
  const [sort, setSort] = useState<{ key: string; dir: SortDir } | null>(initialSort ?? null);
  const collator = useMemo(() => new Intl.Collator(localeTag(lang), { numeric: true }), [lang]);
  const sorted = useMemo(() => {
    const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
    return column && sort ? sortRows(rows, column.value, sort.dir, collator) : [...rows];
  }, [rows, columns, sort, collator]);

  const onSort = (column: Column<R>) =>
    setSort((s) => ({ key: column.key, dir: s?.key === column.key ? (s.dir === 'asc' ? 'desc' : 'asc') : column.numeric ? 'desc' : 'asc' }));
  const csvColumns = useMemo(() => columns.map((c) => ({ header: c.header, value: c.csv ?? c.value })), [columns]);

  return (
    <div className="data-table" data-testid={testId}>
      <div className="data-table-tools">
        {caption ? <span className="data-table-caption">{caption}</span> : null}
        <CsvButton rows={sorted} columns={csvColumns} filename={csvName} testId={`${testId}-csv`} />
      </div>
      <table>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.key === c.key ? sort.dir : null;
              return (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={dir === null ? 'none' : dir === 'asc' ? 'ascending' : 'descending'}>
                  <button type="button" className="th-sort" data-testid={`${testId}-sort-${c.key}`} onClick={() => onSort(c)}>
                    {c.header}
                    <span className="th-arrow" aria-hidden="true">
                      {dir === 'asc' ? ' ↑' : dir === 'desc' ? ' ↓' : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            {rowAction ? (
              <th scope="col" className="no-print">
                <span className="sr-only">{rowAction.header}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length + (rowAction ? 1 : 0)} className="muted">
                {empty ?? t('table.empty')}
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num fig' : undefined}>
                    {c.render ? c.render(row) : String(c.value(row) ?? '—')}
                  </td>
                ))}
                {rowAction ? (
                  <td className="no-print row-action">
                    <button type="button" className="btn btn--small" aria-label={rowAction.label(row)} data-testid={`${testId}-open-${rowKey(row)}`} onClick={() => rowAction.onSelect(row)}>
                      {rowAction.text}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
