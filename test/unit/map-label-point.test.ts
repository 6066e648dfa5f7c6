import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { labelPoint, labelPointsByCode, pointInRings } from '../../client/map/label-point.ts';

const square = (x: number, y: number, s: number): Position[] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

describe('labelPoint', () => {
  it('puts a square at its centre', () => {
    const p = labelPoint({ type: 'Polygon', coordinates: [square(0, 0, 0.02)] });
    expect(p?.[0]).toBeCloseTo(0.01, 4);
    expect(p?.[1]).toBeCloseTo(0.01, 4);
  });

  it('finds a point inside a U shape whose centroid lies outside', () => {
    // A U opening upward near Tangerang: the area centroid falls in the gap between the arms.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [[[106.60, -6.20], [106.66, -6.20], [106.66, -6.14], [106.64, -6.14], [106.64, -6.18], [106.62, -6.18], [106.62, -6.14], [106.60, -6.14], [106.60, -6.20]]],
    };
    const p = labelPoint(u);
    expect(p).not.toBeNull();
    if (p) expect(pointInRings(p[0], p[1], u.coordinates)).toBe(true);
  });

  it('avoids a hole in the middle', () => {
    const ring: Polygon = { type: 'Polygon', coordinates: [square(0, 0, 0.03), square(0.005, 0.005, 0.02)] };
    const p = labelPoint(ring);
    expect(p).not.toBeNull();
    if (p) expect(pointInRings(p[0], p[1], ring.coordinates)).toBe(true);
  });

  it('uses the largest part of a MultiPolygon', () => {
    const mp: MultiPolygon = { type: 'MultiPolygon', coordinates: [[square(0, 0, 0.001)], [square(1, 1, 0.05)]] };
    const p = labelPoint(mp);
    expect(p?.[0]).toBeCloseTo(1.025, 3);
    expect(p?.[1]).toBeCloseTo(1.025, 3);
  });

  it('is the point farthest from the edges, not the middle of the bounding box', () => {
    // An L: a wide bottom bar and a thin tall arm on the left.
    const l: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [0.1, 0], [0.1, 0.04], [0.01, 0.04], [0.01, 0.1], [0, 0.1], [0, 0]]] };
    const p = labelPoint(l);
    expect(p?.[1]).toBeCloseTo(0.02, 2);
  });

  it('returns null for an empty polygon and a point for a degenerate one', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(labelPoint({ type: 'Polygon', coordinates: [[[1, 2], [1, 2], [1, 2], [1, 2]]] })).toEqual([1, 2]);
  });
});

describe('labelPointsByCode', () => {
  it('keys polygons by properties.code and skips the rest', () => {
    const fc: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '36.71.01', name: 'Tangerang' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] } },
        { type: 'Feature', properties: { name: 'no code' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 1)] } },
        { type: 'Feature', properties: { code: '36.71.02' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    };
    const points = labelPointsByCode(fc);
    expect([...points.keys()]).toEqual(['36.71.01']);
    expect(labelPointsByCode(null).size).toBe(0);
  });
});
