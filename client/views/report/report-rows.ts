// The daily report's tables and bars from the API's answers: ordering and picking only, no
// arithmetic on the figures (they are the executive view's). Pure, unit-tested.
import type { AlertView } from '../../../shared/contract/views.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import type { Window } from '../executive/range.ts';

export interface WaitRow {
  /** Start of the hour (ms) and its window. */
  hour: Window;
  line: '112' | '119';
  asa: number | null;
  sl20: number | null;
  offered: number;
  abandoned: number;
}

/** How many of the day's worst hours the report lists. */
export const WORST_HOURS = 5;

/**
 * The hours of the day whose callers waited longest on average, per line: highest ASA first,
 * then the lower service level, then the earlier hour. Hours without an answered call have no
 * ASA and are not ranked (a quiet night is not a bad wait).
 */
export function worstHours(hours: readonly Window[], answers: readonly (KpisAnswer | null)[], limit = WORST_HOURS): WaitRow[] {
  const rows: WaitRow[] = [];
  hours.forEach((hour, i) => {
    const a = answers[i];
    if (!a) return;
    for (const line of ['112', '119'] as const) {
      const k = a.calls[line];
      if (k.asa === null) continue;
      rows.push({ hour, line, asa: k.asa, sl20: k.sl20, offered: k.offered, abandoned: k.abandoned });
    }
  });
  return rows
    .sort((x, y) => (y.asa ?? 0) - (x.asa ?? 0) || (x.sl20 ?? 1) - (y.sl20 ?? 1) || x.hour.fromMs - y.hour.fromMs || x.line.localeCompare(y.line))
    .slice(0, limit);
}

export interface NamedCount {
  key: string;
  label: string;
  value: number;
}

/** A `{ key: count }` map as bars, largest first (then by name), zeros left out, at most `limit`. */
export function countBars(counts: Readonly<Record<string, number>>, label: (key: string) => string, limit = Infinity): NamedCount[] {
  return Object.entries(counts)
    .filter(([, v]) => v > 0)
    .map(([key, value]) => ({ key, label: label(key), value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, limit);
}

/** Alerts per kind, for the bars. */
export function alertsByKind(alerts: readonly AlertView[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of alerts) out[a.kind] = (out[a.kind] ?? 0) + 1;
  return out;
}
