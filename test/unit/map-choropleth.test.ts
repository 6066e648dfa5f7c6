import { describe, expect, it } from 'vitest';
import type { KecamatanInfo } from '../../shared/contract/city.ts';
import {
  RAMPS, buildChoropleth, choroplethValues, classify, countByKecamatan, kecamatanNames, legendRanges,
  choroplethModes, niceBreaks, niceStep, offeredMode, per10k, rampIndex,
} from '../../client/map/choropleth.ts';

const kecamatan: KecamatanInfo[] = [
  { code: '36.71.01', name: 'Tangerang', population: 200_000 },
  { code: '36.71.02', name: 'Jatiuwung', population: null },
];

describe('modes a city can offer', () => {
  it('offers per 10,000 residents only when every kecamatan has a population', () => {
    expect(choroplethModes(kecamatan)).toEqual(['off', 'count']);
    expect(choroplethModes([{ code: '36.71.01', name: 'Tangerang', population: 200_000 }, { code: '36.71.02', name: 'Jatiuwung', population: 0 }])).toEqual(['off', 'count']);
    expect(choroplethModes([{ code: '36.71.01', name: 'Tangerang', population: 200_000 }, { code: '36.71.02', name: 'Jatiuwung', population: 150_000 }])).toEqual(['off', 'count', 'per10k']);
    expect(choroplethModes([])).toEqual(['off', 'count']);
  });

  it('falls back to counts when a configured mode is not offered', () => {
    expect(offeredMode('per10k', ['off', 'count'])).toBe('count');
    expect(offeredMode('per10k', ['off', 'count', 'per10k'])).toBe('per10k');
    expect(offeredMode('off', ['off', 'count'])).toBe('off');
  });
});

describe('counts and rates', () => {
  it('counts per kecamatan and skips unknown', () => {
    expect([...countByKecamatan(['a', 'b', 'a', null])]).toEqual([['a', 2], ['b', 1]]);
  });

  it('gives per 10,000 residents only with a known population', () => {
    expect(per10k(30, 200_000)).toBe(1.5); // 30 / 200,000 × 10,000
    expect(per10k(30, null)).toBeNull();
    expect(per10k(30, 0)).toBeNull();
  });

  it('builds values per mode, null where the rate is unknown', () => {
    const counts = new Map([['36.71.01', 30], ['36.71.02', 5]]);
    const codes = ['36.71.01', '36.71.02', '36.71.03'];
    expect([...choroplethValues(codes, counts, kecamatan, 'count')]).toEqual([['36.71.01', 30], ['36.71.02', 5], ['36.71.03', 0]]);
    expect([...choroplethValues(codes, counts, kecamatan, 'per10k')]).toEqual([['36.71.01', 1.5], ['36.71.02', null], ['36.71.03', null]]);
  });
});

describe('niceBreaks', () => {
  it.each([
    // max 37, 5 classes: 37/5 = 7.4 → step 10 → 0 | 10 | 20 | 30 | 40
    [37, true, [0, 10, 20, 30, 40]],
    // max 5: 1 → 0 | 1 | 2 | 3 | 4 | 5
    [5, true, [0, 1, 2, 3, 4, 5]],
    // max 12: 2.4 → 5 (2.5 is not whole) → 0 | 5 | 10 | 15
    [12, true, [0, 5, 10, 15]],
    // rates: max 1.2 → 0.24 → 0.25 → 0 | 0.25 | 0.5 | 0.75 | 1 | 1.25
    [1.2, false, [0, 0.25, 0.5, 0.75, 1, 1.25]],
    [0, true, [0]],
  ])('max %d (integer %s) → %j', (max, integer, breaks) => {
    expect(niceBreaks(max, 5, integer)).toEqual(breaks);
  });

  it('always covers the maximum', () => {
    for (let max = 1; max < 500; max += 7) {
      const b = niceBreaks(max, 5, true);
      expect(b.at(-1)).toBeGreaterThanOrEqual(max);
      expect(b.length).toBeLessThanOrEqual(6);
    }
  });

  it('has nice steps', () => {
    expect(niceStep(7.4, true)).toBe(10);
    expect(niceStep(0.3, false)).toBe(0.5);
    expect(niceStep(0.3, true)).toBe(1);
  });
});

describe('classify and legend', () => {
  const breaks = [0, 10, 20, 30, 40];
  it('puts zero alone and each value in the first class whose bound it does not exceed', () => {
    expect([0, 1, 10, 11, 40, 99].map((v) => classify(v, breaks))).toEqual([0, 1, 1, 2, 4, 4]);
  });

  it('writes ranges for counts and rates', () => {
    expect(legendRanges(breaks, true, String)).toEqual(['0', '1–10', '11–20', '21–30', '31–40']);
    expect(legendRanges([0, 1, 2], true, String)).toEqual(['0', '1', '2']);
    expect(legendRanges([0, 0.5, 1], false, String)).toEqual(['0', '0–0.5', '0.5–1']);
  });

  it('spreads few classes over the ramp', () => {
    expect(rampIndex(0, 3, 6)).toBe(0);
    expect(rampIndex(2, 3, 6)).toBe(5);
    expect(rampIndex(0, 1, 6)).toBe(0);
  });
});

describe('buildChoropleth', () => {
  it('fills nothing when off', () => {
    const c = buildChoropleth(new Map([['a', 3]]), 'off', 'wall', String);
    expect(c.fills.get('a')).toEqual({ kind: 'none' });
    expect(c.classes).toEqual([]);
  });

  it('hatches unknown rates and lists "no data"', () => {
    const c = buildChoropleth(new Map<string, number | null>([['a', 0], ['b', 37], ['c', null]]), 'count', 'desk', String);
    expect(c.fills.get('a')).toEqual({ kind: 'color', color: RAMPS.desk[0] });
    expect(c.fills.get('b')).toEqual({ kind: 'color', color: RAMPS.desk[5] });
    expect(c.fills.get('c')).toEqual({ kind: 'hatch' });
    expect(c.noData).toBe(true);
    expect(c.classes.map((x) => x.label)).toEqual(['0', '1–10', '11–20', '21–30', '31–40']);
  });
});

describe('kecamatanNames', () => {
  it('prefers the profile names and completes from the boundaries', () => {
    const names = kecamatanNames({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '36.71.01', name: 'TANGERANG' }, geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', properties: { code: '36.71.03', name: 'Batuceper' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    }, kecamatan);
    expect([...names]).toEqual([['36.71.01', 'Tangerang'], ['36.71.02', 'Jatiuwung'], ['36.71.03', 'Batuceper']]);
  });
});
