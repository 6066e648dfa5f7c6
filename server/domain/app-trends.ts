// Trends for the executive view: a period of whole city days against the same number of days
// just before it, overall and by agency, super-app and category.
import type { AppGroupRow, AppTrendsAnswer, KindTotals, TrendRow } from '../../shared/contract/apps.ts';
import { groupActivity, type Catalog } from './app-ranking.ts';
import { addKinds, toKindTotals, zeroKinds, type AppCounts } from './app-rollup.ts';

const ZERO: KindTotals = { sessions: 0, transactions: 0, complaints: 0, errors: 0, total: 0 };

/** Relative change, four decimals; null when there is nothing to compare with. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) / previous) * 10_000) / 10_000;
}

function strip(g: AppGroupRow): KindTotals {
  return { sessions: g.sessions, transactions: g.transactions, complaints: g.complaints, errors: g.errors, total: g.total };
}

export function compareGroups(current: readonly AppGroupRow[], previous: readonly AppGroupRow[]): TrendRow[] {
  const before = new Map(previous.map((g) => [g.key, g]));
  const rows: TrendRow[] = current.map((g) => {
    const p = before.get(g.key);
    const prev = p ? strip(p) : ZERO;
    return { key: g.key, name: g.name, current: strip(g), previous: prev, change: relativeChange(g.total, prev.total) };
  });
  const seen = new Set(current.map((g) => g.key));
  for (const p of previous) {
    if (!seen.has(p.key)) rows.push({ key: p.key, name: p.name, current: ZERO, previous: strip(p), change: relativeChange(0, p.total) });
  }
  return rows.sort((a, b) => b.current.total - a.current.total || b.previous.total - a.previous.total || a.key.localeCompare(b.key));
}

function totalsOf(counts: AppCounts): KindTotals {
  const t = zeroKinds();
  for (const c of counts.values()) addKinds(t, c);
  return toKindTotals(t);
}

export interface TrendInput {
  days: number;
  timezone: string;
  current: { from: string; to: string; counts: AppCounts };
  previous: { from: string; to: string; counts: AppCounts };
  daily: AppTrendsAnswer['daily'];
}

export function buildTrends(input: TrendInput, catalog: Catalog): AppTrendsAnswer {
  const cur = groupActivity(input.current.counts, catalog);
  const prev = groupActivity(input.previous.counts, catalog);
  const ct = totalsOf(input.current.counts);
  const pt = totalsOf(input.previous.counts);
  return {
    days: input.days,
    timezone: input.timezone,
    current: { from: input.current.from, to: input.current.to },
    previous: { from: input.previous.from, to: input.previous.to },
    totals: { key: 'all', name: 'Semua aplikasi', current: ct, previous: pt, change: relativeChange(ct.total, pt.total) },
    byAgency: compareGroups(cur.byAgency, prev.byAgency),
    bySuperApp: compareGroups(cur.bySuperApp, prev.bySuperApp),
    byCategory: compareGroups(cur.byCategory, prev.byCategory),
    daily: input.daily,
  };
}
