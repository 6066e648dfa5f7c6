// A wall's playlist from its URL: `/wall?pages=overview,map,apps,kpis&rotate=30&page=map`.
// Pure, so a typo in a wall's URL degrades to something sensible instead of a blank screen.
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
/** Shorter than this and a page is gone before anyone at five metres has read it. */
const MIN_ROTATE_SECONDS = 5;

const isPage = (v: string): v is WallPage => WALL_PAGES.some((p) => p === v);

export function parsePlaylist(search: string): Playlist {
  const params = new URLSearchParams(search);
  const listed = (params.get('pages') ?? '')
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(isPage);
  const pages = listed.length > 0 ? [...new Set(listed)] : ['overview' as const];
  const pinParam = (params.get('page') ?? '').trim().toLowerCase();
  const pinned = isPage(pinParam) ? pinParam : null;
  if (pinned !== null && !pages.includes(pinned)) pages.push(pinned);
  const rotateParam = Number(params.get('rotate'));
  const rotate = Number.isFinite(rotateParam) && rotateParam > 0 ? Math.max(MIN_ROTATE_SECONDS, rotateParam) : DEFAULT_ROTATE_SECONDS;
  return { pages, rotateSeconds: pinned === null && pages.length > 1 ? rotate : 0, pinned };
}
