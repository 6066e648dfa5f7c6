// Every city app at once, as small multiples coloured by state, each with its state's shape
// as well (colour never alone). Some 200 names cannot all be read from five metres, so the
// grid is for the overall picture and the apps that need attention are listed above it in
// wall-sized type. Cells are ordered by urgency, then by today's activity, so trouble sits
// top-left where the eye starts.
import { useMemo } from 'react';
import type { AppState } from '../../shared/contract/views.ts';
import { formatCount, type Lang } from '../components/format.ts';
import { STATE_ORDER, withLabels, type AppLabels } from './labels.ts';
import { StateIcon } from './StateIcon.tsx';
import './apps.css';

export interface AppGridApp {
  id: string;
  name: string;
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

const rank = (s: AppState): number => STATE_ORDER.indexOf(s);

export function AppGrid({ apps, states, activity = {}, columns, aspect = 1.9, names = true, attentionMax = 6, stale = false, lang = 'id', labels }: AppGridProps) {
  const l = withLabels(labels);
  const cells = useMemo(
    () =>
      apps
        .map((a) => ({ ...a, state: states[a.id] ?? 'idle', n: activity[a.id] ?? 0 }))
        .sort((a, b) => rank(a.state) - rank(b.state) || b.n - a.n || a.name.localeCompare(b.name)),
    [apps, states, activity],
  );
  const counts = new Map<AppState, number>();
  for (const c of cells) counts.set(c.state, (counts.get(c.state) ?? 0) + 1);
  const attention = cells.filter((c) => c.state === 'failing' || c.state === 'silent' || c.state === 'spiking');
  const cols = columns ?? defaultColumns(cells.length, aspect, names ? 2.4 : 1);
  return (
    <section className={`app-grid${stale ? ' apps-stale' : ''}${names ? '' : ' app-grid--compact'}`} data-testid="app-grid" aria-label={l.appsTitle}>
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
      <ol className="app-grid-cells" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
        {cells.map((c) => {
          const n = cellName(c.name);
          return (
            <li
              key={c.id}
              className={`app-cell app-state-${c.state}`}
              data-app-id={c.id}
              data-app-state={c.state}
              title={`${c.name} · ${l.state[c.state]} · ${formatCount(c.n, lang)}`}
            >
              {names ? (
                <span className={`app-cell-name${n.example ? ' app-cell-name--example' : ''}`}>
                  <StateIcon state={c.state} /> {n.text}
                </span>
              ) : (
                <StateIcon state={c.state} />
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
