import { describe, expect, it } from 'vitest';
import { mean, nearestRank, round1, round4 } from '../../server/domain/percentile.ts';

describe('nearestRank', () => {
  const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  it.each([
    // rank = ⌈p·n/100⌉, 1-based, over the sorted values
    [ten, 90, 90], // ⌈9⌉ = 9 → 90
    [ten, 70, 70], // ⌈7⌉ = 7 (0.7 × 10 in floating point would give 8)
    [ten, 91, 100], // ⌈9.1⌉ = 10
    [ten, 100, 100], // ⌈10⌉ = 10
    [ten, 5, 10], // ⌈0.5⌉ = 1
    [ten, 50, 50], // ⌈5⌉ = 5 (no averaging of the middle two)
    [[15, 20, 35, 40, 50], 30, 20], // ⌈1.5⌉ = 2 → 20 (the Wikipedia example)
    [[15, 20, 35, 40, 50], 40, 20], // ⌈2⌉ = 2 → 20
    [[15, 20, 35, 40, 50], 50, 35], // ⌈2.5⌉ = 3 → 35
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 25, 7], // ⌈2.5⌉ = 3 → 7
    [[3, 6, 7, 8, 8, 10, 13, 15, 16, 20], 75, 15], // ⌈7.5⌉ = 8 → 15
    [[50, 10, 40, 20, 30], 90, 50], // unsorted input; ⌈4.5⌉ = 5 → 50
    [[42], 90, 42],
    [[42], 0.001, 42],
  ])('p%s of %j', (values, p, want) => {
    expect(nearestRank(values, p)).toBe(want);
  });

  it('is null for no values and rejects p outside (0, 100]', () => {
    expect(nearestRank([], 90)).toBeNull();
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([1], 100.5)).toThrow(RangeError);
    expect(() => nearestRank([1], Number.NaN)).toThrow(RangeError);
  });

  it('does not sort its input in place', () => {
    const values = [3, 1, 2];
    nearestRank(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('mean and rounding', () => {
  it('mean', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });

  it.each([
    [1.15, 1.2], // 1.15 × 10 is 11.499999999999998 in binary
    [1.25, 1.3],
    [1.04999, 1],
    [-0.04, 0],
    [12.345, 12.3],
  ])('round1(%s) = %s', (x, want) => {
    expect(round1(x)).toBe(want);
  });

  it.each([
    [2 / 3, 0.6667],
    [0.12345, 0.1235],
    [1, 1],
    [0.00004, 0],
  ])('round4(%s) = %s', (x, want) => {
    expect(round4(x)).toBe(want);
  });

  it('round1 gives 0, not -0', () => {
    expect(Object.is(round1(-0.01), 0)).toBe(true);
  });
});
