// The point-in-polygon index on small hand-made shapes, where the right answer is obvious.
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildGeoIndex } from '../../server/domain/geo-index.ts';
import { interiorPoint } from '../../server/domain/geo-interior-point.ts';

/** Counter-clockwise square ring from (lon0, lat0) to (lon1, lat1). */
function square(lon0: number, lat0: number, lon1: number, lat1: number): Position[] {
  return [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]];
}

function area(code: string, geometry: Polygon | MultiPolygon, kecamatan?: string): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', properties: kecamatan === undefined ? { code } : { code, kecamatan }, geometry };
}

function collection(...features: Feature<Polygon | MultiPolygon>[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

// Two kecamatan side by side, 0.01° (about 1.1 km) wide, sharing the edge lon = 100.01.
const alpha = area('99.01.01', { type: 'Polygon', coordinates: [square(100, -5.01, 100.01, -5)] });
const beta = area('99.01.02', { type: 'Polygon', coordinates: [square(100.01, -5.01, 100.02, -5)] });

describe('buildGeoIndex', () => {
  it('finds the kecamatan containing a point', () => {
    const geo = buildGeoIndex(collection(alpha, beta));
    expect(geo.locate(-5.005, 100.005)).toEqual({ kecamatan: '99.01.01', kelurahan: null });
    expect(geo.locate(-5.005, 100.015)).toEqual({ kecamatan: '99.01.02', kelurahan: null });
  });

  it('gives a point on a shared edge to the lower code, whatever the order of the features', () => {
    expect(buildGeoIndex(collection(alpha, beta)).locate(-5.005, 100.01)?.kecamatan).toBe('99.01.01');
    expect(buildGeoIndex(collection(beta, alpha)).locate(-5.005, 100.01)?.kecamatan).toBe('99.01.01');
  });

  it('gives a point where two polygons overlap to the lower code', () => {
    const wideBeta = area('99.01.02', { type: 'Polygon', coordinates: [square(100.008, -5.01, 100.02, -5)] });
    const geo = buildGeoIndex(collection(wideBeta, alpha));
    expect(geo.locate(-5.005, 100.009)?.kecamatan).toBe('99.01.01');
  });

  it('returns null outside the city, and for coordinates that are not numbers', () => {
    const geo = buildGeoIndex(collection(alpha, beta));
    expect(geo.locate(-5.005, 100.1)).toBeNull();
    expect(geo.locate(-4, 100.005)).toBeNull();
    expect(geo.locate(Number.NaN, 100.005)).toBeNull();
  });

  it('assigns a point in a thin gap between neighbours to the nearest, within snapMetres', () => {
    // A 0.0002° (about 22 m) gap between the two, as simplifying shared edges separately leaves.
    const narrowAlpha = area('99.01.01', { type: 'Polygon', coordinates: [square(100, -5.01, 100.0098, -5)] });
    const geo = buildGeoIndex(collection(narrowAlpha, beta));
    // 0.00015° ≈ 17 m from beta's edge and 0.00005° ≈ 6 m from alpha's.
    expect(geo.locate(-5.005, 100.00985)?.kecamatan).toBe('99.01.01');
    expect(geo.locate(-5.005, 100.00999)?.kecamatan).toBe('99.01.02');
    // 0.001° ≈ 111 m east of the city is too far to snap.
    expect(geo.locate(-5.005, 100.021)).toBeNull();
    expect(buildGeoIndex(collection(narrowAlpha, beta), undefined, { snapMetres: 0 }).locate(-5.005, 100.0099)).toBeNull();
  });

  it('finds the kelurahan inside the kecamatan it found', () => {
    const kelurahan = collection(
      area('99.01.01.1001', { type: 'Polygon', coordinates: [square(100, -5.01, 100.01, -5.005)] }, '99.01.01'),
      area('99.01.01.1002', { type: 'Polygon', coordinates: [square(100, -5.005, 100.01, -5)] }, '99.01.01'),
      // Overlaps alpha; a point there must not get a kelurahan of another kecamatan.
      area('99.01.02.1001', { type: 'Polygon', coordinates: [square(100.009, -5.01, 100.02, -5)] }, '99.01.02'),
    );
    const geo = buildGeoIndex(collection(alpha, beta), kelurahan);
    expect(geo.locate(-5.008, 100.005)).toEqual({ kecamatan: '99.01.01', kelurahan: '99.01.01.1001' });
    expect(geo.locate(-5.002, 100.005)).toEqual({ kecamatan: '99.01.01', kelurahan: '99.01.01.1002' });
    expect(geo.locate(-5.002, 100.0095)).toEqual({ kecamatan: '99.01.01', kelurahan: '99.01.01.1002' });
    expect(geo.locate(-5.002, 100.015)).toEqual({ kecamatan: '99.01.02', kelurahan: '99.01.02.1001' });
  });

  it('reports codes in order, bounding boxes and interior points of kecamatan and kelurahan', () => {
    const kelurahan = collection(area('99.01.02.1001', beta.geometry, '99.01.02'));
    const geo = buildGeoIndex(collection(beta, alpha), kelurahan);
    expect(geo.codes()).toEqual(['99.01.01', '99.01.02']);
    expect(geo.bboxOf('99.01.02')).toEqual([100.01, -5.01, 100.02, -5]);
    expect(geo.bboxOf('99.01.02.1001')).toEqual([100.01, -5.01, 100.02, -5]);
    expect(geo.bboxOf('99.01.99')).toBeNull();
    expect(geo.centroidOf('99.01.99')).toBeNull();
    const [lat, lon] = geo.centroidOf('99.01.01') ?? [0, 0];
    expect(lat).toBeCloseTo(-5.005, 3);
    expect(lon).toBeCloseTo(100.005, 3);
  });

  it('handles MultiPolygon kecamatan (an island) and holes', () => {
    const islands = area('99.01.03', {
      type: 'MultiPolygon',
      coordinates: [
        [square(101, -5.01, 101.01, -5), square(101.003, -5.007, 101.007, -5.003)],
        [square(101.02, -5.01, 101.021, -5.009)],
      ],
    });
    const geo = buildGeoIndex(collection(islands), undefined, { snapMetres: 0 });
    expect(geo.locate(-5.0095, 101.0205)?.kecamatan).toBe('99.01.03');
    expect(geo.locate(-5.005, 101.005)).toBeNull(); // in the hole
    expect(geo.locate(-5.009, 101.001)?.kecamatan).toBe('99.01.03');
    const [lat, lon] = geo.centroidOf('99.01.03') ?? [0, 0];
    expect(geo.locate(lat, lon)?.kecamatan).toBe('99.01.03');
  });

  it('rejects features without a code or with a code twice', () => {
    const noCode: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: alpha.geometry as Polygon };
    expect(() => buildGeoIndex(collection(noCode))).toThrow('geo-index: feature 0 has no string properties.code');
    expect(() => buildGeoIndex(collection(alpha, alpha))).toThrow('geo-index: code 99.01.01 appears twice');
  });

  it('works on an empty collection', () => {
    const geo = buildGeoIndex(collection());
    expect(geo.codes()).toEqual([]);
    expect(geo.locate(-5, 100)).toBeNull();
  });
});

describe('interiorPoint', () => {
  it('lies inside a U-shaped polygon whose centroid does not', () => {
    // A "U": the bbox centre and the centroid fall in the notch.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
    };
    const point = interiorPoint(u);
    expect(booleanPointInPolygon(point, u)).toBe(true);
    expect(booleanPointInPolygon([1.5, 1.5], u)).toBe(false);
  });
});
