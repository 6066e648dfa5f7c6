// Which view a path shows. No router package: seven fixed routes and the report's /report/<day>.
export type Route = 'demo' | 'wall' | 'executive' | 'operator' | 'signin' | 'replay' | 'report';

const ROUTES: Readonly<Record<string, Route>> = {
  '/': 'demo',
  '/demo': 'demo',
  '/wall': 'wall',
  '/executive': 'executive',
  '/operator': 'operator',
  '/signin': 'signin',
  '/replay': 'replay',
};

/** Unknown paths land on the demo: a visitor with no credential is a demo viewer anyway. */
export function routeFor(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  // The daily report of one day: /report/<YYYY-MM-DD> (the page checks the day).
  if (/^\/report\/[^/]+$/.test(path)) return 'report';
  return ROUTES[path.toLowerCase()] ?? 'demo';
}
