// Which view a path shows. No router package: there are six routes and no parameters.
export type Route = 'demo' | 'wall' | 'executive' | 'operator' | 'signin' | 'replay';

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
  return ROUTES[path.toLowerCase()] ?? 'demo';
}
