// The app trend table as CSV, written by the one CSV writer (components/csv.ts), which also
// defuses formulas (a leading = + - @ tab or CR) in names that come from ingest sources.
import type { TrendRow } from '../../shared/contract/apps.ts';
import { toCsv, type CsvColumn } from '../components/csv.ts';
import type { AppLabels } from './labels.ts';

type Figures = TrendRow['current'];
const KINDS = ['sessions', 'transactions', 'complaints', 'errors', 'total'] as const satisfies readonly (keyof Figures & keyof AppLabels)[];

/** A trend table: both periods' figures per kind, and the change as a fraction (0.125 = +12,5 %). */
export function trendCsv(rows: readonly TrendRow[], l: AppLabels): string {
  const period = (pick: (r: TrendRow) => Figures, name: string): CsvColumn<TrendRow>[] =>
    KINDS.map((k) => ({ header: `${l[k]} (${name})`, value: (r) => pick(r)[k] }));
  return toCsv(rows, [
    { header: 'key', value: (r) => r.key },
    { header: l.name, value: (r) => r.name },
    ...period((r) => r.current, l.currentPeriod),
    ...period((r) => r.previous, l.previousPeriod),
    { header: l.change, value: (r) => r.change },
  ]);
}
