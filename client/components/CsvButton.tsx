// "Unduh CSV": exports rows as a CSV file (BOM, quoting: csv.ts).
import { useTranslation } from 'react-i18next';
import { toCsv, type CsvColumn } from './csv.ts';
import { downloadText } from './download.ts';

interface CsvButtonProps<R> {
  rows: readonly R[];
  columns: readonly CsvColumn<R>[];
  /** Without `.csv`. */
  filename: string;
  testId: string;
}

export function CsvButton<R>({ rows, columns, filename, testId }: CsvButtonProps<R>) {
  const { t } = useTranslation();
  return (
    <button type="button" className="btn btn--small no-print" data-testid={testId} onClick={() => downloadText(`${filename}.csv`, toCsv(rows, columns))}>
      {t('table.csv')}
    </button>
  );
}
