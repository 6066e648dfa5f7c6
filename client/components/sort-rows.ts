// Sorting for tables: numbers numerically, text by the locale's collation, and missing values
// last in both directions (an empty cell is never "the best").
export type SortDir = 'asc' | 'desc';
export type SortValue = string | number | null | undefined;

export function compareValues(a: SortValue, b: SortValue, dir: SortDir, collator?: Intl.Collator): number {
  const aMissing = a === null || a === undefined || (typeof a === 'number' && !Number.isFinite(a));
  const bMissing = b === null || b === undefined || (typeof b === 'number' && !Number.isFinite(b));
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const sign = dir === 'asc' ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return sign * (a - b);
  return sign * (collator ? collator.compare(String(a), String(b)) : String(a).localeCompare(String(b)));
}

/** A stable sort: rows that compare equal keep their order. */
export function sortRows<R>(rows: readonly R[], value: (row: R) => SortValue, dir: SortDir, collator?: Intl.Collator): R[] {
  return rows
    .map((row, i) => ({ row, i, v: value(row) }))
    .sort((x, y) => compareValues(x.v, y.v, dir, collator) || x.i - y.i)
    .map((x) => x.row);
}
