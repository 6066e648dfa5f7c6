// The stepwise cluster build (client/map/cluster-build.ts) relies on supercluster's internals:
// whatever the points, every zoom level must hold exactly what supercluster's own load() makes,
// and a cancelled build stops between levels. Seeded points; the seed is in the message.
import Supercluster from 'supercluster';
import { describe, expect, it } from 'vitest';
import { STEPWISE_FROM, loadStepwise } from '../../client/map/cluster-build.ts';
import { createRng } from '../support/fuzz-rng.ts';

type Props = { id: number };
const options = { radius: 60, maxZoom: 18, map: (p: Props) => ({ sum: p.id }), reduce: (a: { sum: number }, b: { sum: number }) => { a.sum += b.sum; } };

function points(seed: number, n: number): Supercluster.PointFeature<Props>[] {
  const r = createRng(seed);
  // Stacked points (one kecamatan label point) and a spread, as on a wall.
  return Array.from({ length: n }, (_, id) => ({
    type: 'Feature' as const,
    properties: { id },
    geometry: { type: 'Point' as const, coordinates: r.chance(0.2) ? [106.63, -6.18] : [106.55 + r.next() * 0.2, -6.26 + r.next() * 0.16] },
  }));
}

const world: [number, number, number, number] = [-180, -85, 180, 85];

describe('stepwise cluster build', () => {
  it('builds every zoom level as supercluster load() does', async () => {
    for (const [seed, n] of [[1, STEPWISE_FROM + 500], [2, 5_000], [3, 100]] as const) {
      const pts = points(seed, n);
      const whole = new Supercluster(options).load(pts);
      const stepwise = new Supercluster(options);
      let tasks = 0;
      expect(await loadStepwise(stepwise, pts, async () => { tasks++; }, () => false)).toBe(true);
      if (n >= STEPWISE_FROM) expect(tasks, `seed ${seed}`).toBe(options.maxZoom);
      for (let z = 0; z <= options.maxZoom + 1; z++) {
        expect(stepwise.getClusters(world, z), `seed ${seed}, zoom ${z}`).toEqual(whole.getClusters(world, z));
      }
    }
  });

  it('stops between levels when a newer build supersedes it', async () => {
    let tasks = 0;
    const index = new Supercluster(options);
    expect(await loadStepwise(index, points(4, 3_000), async () => { tasks++; }, () => tasks >= 3)).toBe(false);
    expect(tasks).toBe(3);
  });
});
