// The executive view's state that belongs in the URL (the range, the open drill-down), read from
// and written to location.search, so a view can be bookmarked, shared and walked with Back.
import { useCallback, useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

const readSearch = (): string => window.location.search;

/** The current query string (re-renders on Back/Forward and on `setSearchParams`). */
export function useSearch(): URLSearchParams {
  return new URLSearchParams(useSyncExternalStore(subscribe, readSearch, () => ''));
}

/** Sets (string) or removes (null) parameters, keeping the others; a new history entry. */
export function useSetSearchParams(): (changes: Readonly<Record<string, string | null>>) => void {
  return useCallback((changes) => {
    const params = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const qs = params.toString();
    const url = `${window.location.pathname}${qs ? `?${qs}` : ''}${window.location.hash}`;
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
}
