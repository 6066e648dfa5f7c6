// The page a wall shows now. Its own timer fires once per page turn, so the layout
// re-renders when the page changes, not every second.
import { useEffect, useMemo, useState } from 'react';
import type { Playlist, WallPage } from './playlist.ts';
import { parsePlaylist } from './playlist.ts';

export function usePlaylist(fallback?: readonly WallPage[]): { playlist: Playlist; page: WallPage } {
  const playlist = useMemo(() => parsePlaylist(window.location.search, fallback), [fallback]);
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (playlist.rotateSeconds === 0) return undefined;
    const id = setInterval(() => setIndex((i) => (i + 1) % playlist.pages.length), playlist.rotateSeconds * 1000);
    return () => clearInterval(id);
  }, [playlist]);
  const page = playlist.pinned ?? playlist.pages[index] ?? 'overview';
  return { playlist, page };
}
