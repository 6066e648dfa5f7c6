// Builds a supercluster index one zoom level per task, so 10,000 incidents never hold the main
// thread for long (issue #21: no task over 50 ms while a snapshot is applied). Supercluster's
// own load() clusters every zoom level in one go; here load() runs with minZoom raised to
// maxZoom (the points and the deepest level), and the shallower levels follow, each in its own
// task, with the same two steps load() runs per level (`_cluster`, then `_createTree`). Those
// are supercluster 8's internals (package.json pins 8.0.1; test/unit/map-cluster-build.test.ts
// checks the result equals load()'s for every level).
import type Supercluster from 'supercluster';

interface Internals {
  options: { minZoom: number; maxZoom: number };
  trees: unknown[];
  _createTree(data: number[]): unknown;
  _cluster(tree: unknown, zoom: number): number[];
}

/** Below this many points the whole index is built at once: it takes a few ms. */
export const STEPWISE_FROM = 2_000;

/**
 * Loads `points` into `index`. Returns a promise that resolves true once every level is built,
 * or false if `cancelled()` said so between two levels (a newer build superseded this one).
 */
export async function loadStepwise<P extends object, C extends object>(
  index: Supercluster<P, C>,
  points: Supercluster.PointFeature<P>[],
  nextTask: () => Promise<void>,
  cancelled: () => boolean,
): Promise<boolean> {
  const inner = index as unknown as Internals;
  const { minZoom, maxZoom } = inner.options;
  if (points.length < STEPWISE_FROM) {
    index.load(points);
    return true;
  }
  inner.options.minZoom = maxZoom;
  try {
    index.load(points);
  } finally {
    inner.options.minZoom = minZoom;
  }
  let tree = inner.trees[maxZoom];
  for (let z = maxZoom - 1; z >= minZoom; z--) {
    await nextTask();
    if (cancelled()) return false;
    tree = inner.trees[z] = inner._createTree(inner._cluster(tree, z));
  }
  return true;
}

/** Yields to the browser (rendering and input run) and resumes in a new task. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
