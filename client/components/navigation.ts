// Client-side navigation without a router package: the path lives in location.pathname and a
// change is announced with the same popstate event the back button fires.
import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  return () => window.removeEventListener('popstate', listener);
}

const readPath = (): string => window.location.pathname;

export function usePathname(): string {
  return useSyncExternalStore(subscribe, readPath, () => '/');
}

/** Goes to another view, keeping `?lang=` so the language follows the visitor. */
export function navigate(path: string): void {
  const lang = new URLSearchParams(window.location.search).get('lang');
  const url = lang ? `${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}` : path;
  window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
