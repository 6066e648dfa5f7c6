import { describe, expect, it } from 'vitest';
import { DEFAULT_ROTATE_SECONDS, DEFAULT_WALL_PAGES, parsePlaylist } from '../../client/views/wall/playlist.ts';

describe('parsePlaylist', () => {
  it('shows the overview alone when the screen asks for nothing else (the demo screen)', () => {
    expect(parsePlaylist('')).toEqual({ pages: ['overview'], rotateSeconds: 0, pinned: null });
  });
  it('rotates every page on a plain /wall', () => {
    expect(parsePlaylist('?lang=id', DEFAULT_WALL_PAGES)).toEqual({ pages: ['overview', 'map', 'apps', 'kpis'], rotateSeconds: DEFAULT_ROTATE_SECONDS, pinned: null });
    expect(parsePlaylist('?rotate=45', DEFAULT_WALL_PAGES).rotateSeconds).toBe(45);
  });
  it('holds the first page with rotate=off or rotate=0', () => {
    expect(parsePlaylist('?rotate=off', DEFAULT_WALL_PAGES)).toEqual({ pages: ['overview', 'map', 'apps', 'kpis'], rotateSeconds: 0, pinned: null });
    expect(parsePlaylist('?pages=map,apps&rotate=0', DEFAULT_WALL_PAGES).rotateSeconds).toBe(0);
  });
  it('a pinned page on a plain /wall holds it, with the overview beside it as before', () => {
    expect(parsePlaylist('?page=map', DEFAULT_WALL_PAGES)).toEqual({ pages: ['overview', 'map'], rotateSeconds: 0, pinned: 'map' });
  });
  it('rotates the listed pages', () => {
    expect(parsePlaylist('?pages=overview,map,apps,kpis&rotate=30&lang=id')).toEqual({
      pages: ['overview', 'map', 'apps', 'kpis'],
      rotateSeconds: 30,
      pinned: null,
    });
  });
  it('uses the default rotation when none is given', () => {
    expect(parsePlaylist('?pages=map,apps').rotateSeconds).toBe(DEFAULT_ROTATE_SECONDS);
  });
  it('pins a page and stops rotating', () => {
    expect(parsePlaylist('?pages=overview,map&rotate=30&page=map')).toEqual({ pages: ['overview', 'map'], rotateSeconds: 0, pinned: 'map' });
  });
  it('adds a pinned page that is not in the list', () => {
    expect(parsePlaylist('?page=kpis').pages).toEqual(['overview', 'kpis']);
  });
  it('drops unknown pages and duplicates, and bounds the rotation', () => {
    expect(parsePlaylist('?pages=map,bogus,MAP,apps&rotate=1')).toEqual({ pages: ['map', 'apps'], rotateSeconds: 5, pinned: null });
  });
  it('ignores a nonsense rotation', () => {
    expect(parsePlaylist('?pages=map,apps&rotate=abc').rotateSeconds).toBe(DEFAULT_ROTATE_SECONDS);
  });
});
