// CSV for the executive tables (RFC 4180: quotes doubled, fields with , " or newlines quoted),
// with a UTF-8 byte-order mark so spreadsheet programs read "Diskominfo · Tangerang" right.
import type { TrendRow } from '../../shared/contract/apps.ts';
import type { AppLabels } from './labels.ts';

export type Cell = string | number | null;

function field(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  // A leading = + - @ makes spreadsheets run a formula: prefix a quote so a name stays a name.
  const safe = typeof v === 'string' && /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
}

/** A trend table: both periods' figures per kind, and the change as a fraction (0.125 = +12,5 %). */
export function trendCsv(rows: readonly TrendRow[], l: AppLabels): string {
  const kinds = [l.sessions, l.transactions, l.complaints, l.errors, l.total];
  const header = ['key', l.name, ...kinds.map((k) => `${k} (${l.currentPeriod})`), ...kinds.map((k) => `${k} (${l.previousPeriod})`), l.change];
  const figs = (t: TrendRow['current']): number[] => [t.sessions, t.transactions, t.complaints, t.errors, t.total];
  return toCsv(header, rows.map((r) => [r.key, r.name, ...figs(r.current), ...figs(r.previous), r.change]));
}

/** Offers text as a file download (browser only). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
