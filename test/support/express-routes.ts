// The routes an Express 5 app answers, read from its own router stack (nested routers
// included), as "METHOD /path" lines: a test that must cover every route derives the list here
// instead of keeping a copy that a new route could miss.
import type { Express } from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: readonly Layer[], out: Set<string>): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const [method, on] of Object.entries(layer.route.methods)) {
        if (!on) continue;
        for (const path of paths) out.add(`${method === '_all' ? 'ALL' : method.toUpperCase()} ${path}`);
      }
    } else if (layer.handle?.stack) {
      // A Router mounted with app.use(router) (this app mounts routers at the root only).
      walk(layer.handle.stack, out);
    }
  }
}

/** "GET /api/v1/snapshot", … for every route of `app`, sorted. */
export function expressRoutes(app: Express): string[] {
  const out = new Set<string>();
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, out);
  return [...out].sort();
}
