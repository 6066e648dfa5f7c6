// A wall's playlist from its URL: `/wall?pages=overview,map,apps,kpis&rotate=30&page=map`.
// Pure, so a typo in a wall's URL degrades to something sensible instead of a blank screen.
// Plain `/wall` rotates every page (a kiosk has no keyboard to ask for them); `page=` holds one,
// `rotate=off` (or `0`) holds the first of the list. The README's "Wall displays" has examples.
export const WALL_PAGES = ['overview', 'map', 'apps', 'kpis'] as const;
export type WallPage = (typeof WALL_PAGES)[number];

export interface Playlist {
  pages: WallPage[];
  /** Seconds per page; 0 when nothing rotates. */
  rotateSeconds: number;
  /** A page held on screen (`page=`), or null to rotate. */
  pinned: WallPage | null;
}

export const DEFAULT_ROTATE_SECONDS = 30;
/** What plain `/wall` plays: the overview first, then each page full screen. */
export const DEFAULT_WALL_PAGES: readonly WallPage[] = WALL_PAGES;
/** Shorter than this and a page is gone before anyone at five metres has read it. */
const MIN_ROTATE_SECONDS = 5;

const isPage = (v: string): v is WallPage => WALL_PAGES.some((p) => p === v);

/**
 * `fallback`: the pages played when the URL lists none and pins none (`/wall`: every page; the
 * demo screen: the overview alone, which its tour points at).
 */
export function parsePlaylist(search: string, fallback: readonly WallPage[] = ['overview']): Playlist {
  const params = new URLSearchParams(search);
  const listed = (params.get('pages') ?? '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(isPage);
  const pinParam = (params.get('page') ?? '').trim().toLowerCase();
  const pinned = isPage(pinParam) ? pinParam : null;
  const pages: WallPage[] = listed.length > 0 ? [...new Set(listed)] : pinned !== null ? ['overview'] : [...fallback];
  if (pinned !== null && !pages.includes(pinned)) pages.push(pinned);
  const rotateRaw = (params.get('rotate') ?? '').trim().toLowerCase();
  const held = rotateRaw === 'off' || rotateRaw === '0';
  const rotateParam = Number(rotateRaw);
  const rotate = rotateRaw !== '' && Number.isFinite(rotateParam) && rotateParam > 0 ? Math.max(MIN_ROTATE_SECONDS, rotateParam) : DEFAULT_ROTATE_SECONDS;
  return { pages, rotateSeconds: pinned === null && !held && pages.length > 1 ? rotate : 0, pinned };
}
