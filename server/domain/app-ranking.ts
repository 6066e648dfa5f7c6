// Activity over a window, ranked and grouped by super-app, agency and category. appIds the
// catalog does not know are kept and grouped as "unregistered", never dropped.
import type { AppInfo } from '../../shared/contract/city.ts';
import type { AppKind } from '../../shared/contract/events.ts';
import {
  NO_SUPER_APP, UNREGISTERED, type AppActivityAnswer, type AppActivityRow, type AppCategoryFilter, type AppGroupRow,
} from '../../shared/contract/apps.ts';
import { addKinds, errorRate, toKindTotals, totalOf, zeroKinds, type AppCounts, type KindCounts } from './app-rollup.ts';

export interface RankOptions {
  top: number;
  kind?: AppKind;
  category?: AppCategoryFilter;
}

export type Catalog = ReadonlyMap<string, AppInfo>;

/** Names of the pseudo-groups; the client shows its own translation of the key. */
const GROUP_NAMES: Record<string, string> = { [UNREGISTERED]: 'Tidak terdaftar', [NO_SUPER_APP]: 'Tanpa super-app' };

export function superAppKey(app: AppInfo | undefined): string {
  if (!app) return UNREGISTERED;
  if (app.isSuperApp) return app.id;
  return app.superApp ?? NO_SUPER_APP;
}

function inCategory(app: AppInfo | undefined, category: AppCategoryFilter | undefined): boolean {
  if (category === undefined) return true;
  if (category === UNREGISTERED) return app === undefined;
  return app?.category === category;
}

export function activityRow(appId: string, c: KindCounts, app: AppInfo | undefined, rank: number): AppActivityRow {
  return {
    rank,
    appId,
    name: app?.name ?? appId,
    registered: app !== undefined,
    sessions: c.session,
    transactions: c.transaction,
    complaints: c.complaint,
    errors: c.error,
    total: totalOf(c),
    agency: app?.agency ?? null,
    category: app?.category ?? null,
    superApp: app ? superAppKey(app) : null,
    errorRate: errorRate(c),
  };
}

interface Group { name: string; counts: KindCounts; active: number }

class Groups {
  private readonly map = new Map<string, Group>();
  constructor(private readonly nameOf: (key: string) => string) {}
  touch(key: string): Group {
    let g = this.map.get(key);
    if (!g) this.map.set(key, (g = { name: this.nameOf(key), counts: zeroKinds(), active: 0 }));
    return g;
  }
  add(key: string, c: KindCounts): void {
    const g = this.touch(key);
    addKinds(g.counts, c);
    if (totalOf(c) > 0) g.active++;
  }
  rows(): AppGroupRow[] {
    return [...this.map]
      .map(([key, g]) => ({ key, name: g.name, activeApps: g.active, ...toKindTotals(g.counts) }))
      .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
  }
}

/** Groups of a window: every catalog group (zero when quiet) plus unregistered apps when any. */
export function groupActivity(counts: AppCounts, catalog: Catalog, category?: AppCategoryFilter) {
  const nameOf = (key: string): string => GROUP_NAMES[key] ?? catalog.get(key)?.name ?? key;
  const bySuperApp = new Groups(nameOf);
  const byAgency = new Groups((k) => GROUP_NAMES[k] ?? k);
  const byCategory = new Groups((k) => GROUP_NAMES[k] ?? k);
  for (const app of catalog.values()) {
    if (!inCategory(app, category)) continue;
    bySuperApp.touch(superAppKey(app));
    byAgency.touch(app.agency);
    byCategory.touch(app.category);
  }
  for (const [appId, c] of counts) {
    const app = catalog.get(appId);
    if (!inCategory(app, category)) continue;
    bySuperApp.add(superAppKey(app), c);
    byAgency.add(app?.agency ?? UNREGISTERED, c);
    byCategory.add(app?.category ?? UNREGISTERED, c);
  }
  return { bySuperApp: bySuperApp.rows(), byAgency: byAgency.rows(), byCategory: byCategory.rows() };
}

export function rankActivity(counts: AppCounts, catalog: Catalog, opts: RankOptions): Pick<AppActivityAnswer, 'rankedBy' | 'totals' | 'top' | 'bySuperApp' | 'byAgency' | 'byCategory'> {
  const totals = zeroKinds();
  let activeApps = 0;
  let unregisteredApps = 0;
  const rows: { appId: string; c: KindCounts; app: AppInfo | undefined }[] = [];
  for (const [appId, c] of counts) {
    const app = catalog.get(appId);
    if (!inCategory(app, opts.category) || totalOf(c) === 0) continue;
    addKinds(totals, c);
    activeApps++;
    if (!app) unregisteredApps++;
    if (opts.kind === undefined || c[opts.kind] > 0) rows.push({ appId, c, app });
  }
  const key = (c: KindCounts): number => (opts.kind === undefined ? totalOf(c) : c[opts.kind]);
  rows.sort((a, b) => key(b.c) - key(a.c) || totalOf(b.c) - totalOf(a.c) || a.appId.localeCompare(b.appId));
  return {
    rankedBy: opts.kind ?? 'total',
    totals: { ...toKindTotals(totals), activeApps, unregisteredApps },
    top: rows.slice(0, opts.top).map((r, i) => activityRow(r.appId, r.c, r.app, i + 1)),
    ...groupActivity(counts, catalog, opts.category),
  };
}
