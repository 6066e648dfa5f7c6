// Every city app at once, as small multiples coloured by state, each with its state's shape
// as well (colour never alone). Some 200 names cannot all be read from five metres, so the
// grid is for the overall picture and the apps that need attention are listed above it in
// wall-sized type. Cells are ordered by urgency, then by today's activity, so trouble sits
// top-left where the eye starts. Grouped by category (the wall's apps page), the grid says in
// wall-sized words which part of the city's services is in trouble; each app is then a tile
// without its name, which is in the tile's tooltip and, when it needs attention, in the list.
import { useMemo, type CSSProperties } from 'react';
import type { APP_CATEGORIES } from '../../shared/contract/city.ts';
import type { AppState } from '../../shared/contract/views.ts';
import { formatCount, type Lang } from '../components/format.ts';
import { STATE_ORDER, withLabels, type AppLabels } from './labels.ts';
import { StateIcon } from './StateIcon.tsx';
import './apps.css';

export interface AppGridApp {
  id: string;
  name: string;
  category?: AppCategory;
}

export interface AppGridProps {
  /** The catalog (PublicCity.apps fits). */
  apps: readonly AppGridApp[];
  states: Readonly<Record<string, AppState>>;
  /** Today's events per app: orders cells within a state and shows on hover. */
  activity?: Readonly<Record<string, number>>;
  /** Columns of the grid; by default fitted to `aspect` with cells about 2.4:1 (1:1 without names). */
  columns?: number;
  /** Width ÷ height of the grid's box, for the default columns (the wall's apps page is about 1.9). */
  aspect?: number;
  /** Names in the cells; off for a narrow panel, where cells are icons in state colours. */
  names?: boolean;
  /** Tiles in one block per category, headed by its name (cells then carry no names). */
  byCategory?: boolean;
  /** Apps named in the attention list before "+n more". */
  attentionMax?: number;
  /** Grey everything: the data is stale (ui.md "never silently stale"). */
  stale?: boolean;
  lang?: Lang;
  labels?: Partial<AppLabels>;
}

/** "LAKSA (Layanan Aspirasi …)" → "LAKSA": the cell has room for the name people use. */
export function shortName(name: string): string {
  const short = name.replace(/\s*\(.*\)\s*$/, '').trim();
  return short.length > 0 ? short : name;
}

/** Catalog examples are named "Contoh: …": a cell has no room for the prefix, so it shows in italics instead. */
const EXAMPLE = /^contoh:\s*/i;

export function cellName(name: string): { text: string; example: boolean } {
  const short = shortName(name);
  return EXAMPLE.test(short) ? { text: short.replace(EXAMPLE, ''), example: true } : { text: short, example: false };
}

/** Columns that make cells of `cellAspect` (width ÷ height) fill a box of `aspect`. */
export function defaultColumns(n: number, aspect: number, cellAspect: number): number {
  return Math.max(2, Math.round(Math.sqrt((n * aspect) / cellAspect)));
}

type AppCategory = (typeof APP_CATEGORIES)[number];

const rank = (s: AppState): number => STATE_ORDER.indexOf(s);

interface Cell extends AppGridApp { state: AppState; n: number }

export interface CategoryGroup { category: AppCategory; cells: Cell[] }

/**
 * Cells (already in urgency order) by category, the biggest category first. The order of the
 * blocks does not follow the states: blocks jumping about on a wall would read as news.
 */
export function groupByCategory(cells: readonly Cell[]): CategoryGroup[] {
  const groups = new Map<AppCategory, Cell[]>();
  for (const c of cells) {
    const key = c.category ?? 'other';
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups]
    .map(([category, list]) => ({ category, cells: list }))
    .sort((a, b) => b.cells.length - a.cells.length || a.category.localeCompare(b.category));
}

/** Tiles of a small catalog (a smaller city) get bigger; some 200 apps still fit one screen. */
export function tileSize(apps: number): string {
  if (apps <= 60) return '4rem';
  if (apps <= 120) return '3rem';
  return '2.5rem';
}

function AppCell({ c, names, l, lang }: { c: Cell; names: boolean; l: AppLabels; lang: Lang }) {
  const n = names ? cellName(c.name) : null;
  return (
    <li
      className={`app-cell app-state-${c.state}`}
      data-app-id={c.id}
      data-app-state={c.state}
      title={`${c.name} · ${l.state[c.state]} · ${formatCount(c.n, lang)}`}
    >
      {n ? (
        <span className={`app-cell-name${n.example ? ' app-cell-name--example' : ''}`}>
          <StateIcon state={c.state} /> {n.text}
        </span>
      ) : (
        <StateIcon state={c.state} />
      )}
    </li>
  );
}

export function AppGrid({ apps, states, activity = {}, columns, aspect = 1.9, names = true, byCategory = false, attentionMax = 6, stale = false, lang = 'id', labels }: AppGridProps) {
  const l = withLabels(labels);
  const cells: Cell[] = useMemo(
    () =>
      apps
        .map((a) => ({ ...a, state: states[a.id] ?? 'idle', n: activity[a.id] ?? 0 }))
        .sort((a, b) => rank(a.state) - rank(b.state) || b.n - a.n || a.name.localeCompare(b.name)),
    [apps, states, activity],
  );
  const counts = new Map<AppState, number>();
  for (const c of cells) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  const attention = cells.filter((c) => c.state === 'failing' || c.state === 'silent' || c.state === 'spiking');
  const withNames = names && !byCategory;
  const cols = columns ?? defaultColumns(cells.length, aspect, withNames ? 2.4 : 1);
  return (
    <section className={`app-grid${stale ? ' apps-stale' : ''}${withNames ? '' : ' app-grid--compact'}`} data-testid="app-grid" aria-label={l.appsTitle}>
      <header className="app-grid-head">
        <h2 className="app-grid-title">
          {l.appsTitle} <span className="fig">({formatCount(cells.length, lang)})</span>
        </h2>
        <ul className="app-grid-counts">
          {STATE_ORDER.map((s) => (
            <li key={s} className={`app-count app-state-${s}`} data-testid={`app-grid-count-${s}`}>
              <StateIcon state={s} />
              <span className="fig app-count-n">{formatCount(counts.get(s) ?? 0, lang)}</span>
              <span className="app-count-word">{l.state[s]}</span>
            </li>
          ))}
        </ul>
      </header>
      <div className="app-grid-attention" data-testid="app-grid-attention">
        {attention.length === 0 ? (
          <span className="app-grid-ok">
            <StateIcon state="normal" /> {l.allNormal}
          </span>
        ) : (
          <ul>
            {attention.slice(0, attentionMax).map((c) => (
              <li key={c.id} className={`app-attn app-state-${c.state}`}>
                <StateIcon state={c.state} />
                <span className="app-attn-word">{l.state[c.state]}</span>
                <span className="app-attn-name">{shortName(c.name)}</span>
              </li>
            ))}
            {attention.length > attentionMax ? <li className="app-attn-more">{l.more(attention.length - attentionMax)}</li> : null}
          </ul>
        )}
      </div>
      {byCategory ? (
        <div className="app-groups" data-testid="app-groups" style={{ '--app-tile': tileSize(cells.length) } as CSSProperties}>
          {groupByCategory(cells).map((g) => (
            <section key={g.category} className="app-group" data-category={g.category}>
              <h3 className="app-group-title">
                {l.category[g.category]} <span className="fig app-group-n">{formatCount(g.cells.length, lang)}</span>
              </h3>
              <ol className="app-group-cells">
                {g.cells.map((c) => <AppCell key={c.id} c={c} names={false} l={l} lang={lang} />)}
              </ol>
            </section>
          ))}
        </div>
      ) : (
        <ol className="app-grid-cells" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
          {cells.map((c) => <AppCell key={c.id} c={c} names={withNames} l={l} lang={lang} />)}
        </ol>
      )}
    </section>
  );
}
