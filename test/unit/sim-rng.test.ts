import { describe, expect, it } from 'vitest';
import {
  chance, createRng, exponential, int, lognormalMedian, normal, pick, poisson, seedRng, uniform, weightedPick,
} from '../../server/sim/rng.ts';

function draws(n: number, f: () => number): number[] {
  return Array.from({ length: n }, f);
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]): number => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};

describe('sim rng', () => {
  it('repeats a sequence for a seed and resumes from a saved state', () => {
    const a = createRng(seedRng(7));
    const b = createRng(seedRng(7));
    const first = draws(5, () => a.next());
    expect(draws(5, () => b.next())).toEqual(first);
    const resumed = createRng(a.state());
    expect(resumed.next()).toBe(a.next());
    expect(createRng(seedRng(8)).next()).not.toBe(first[0]);
    expect(createRng(seedRng('7')).next()).toBe(first[0]);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const r = createRng(seedRng('u'));
    const xs = draws(20_000, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    expect(mean(draws(20_000, () => uniform(r, 10, 20)))).toBeCloseTo(15, 0);
  });

  it('int covers both bounds; pick and weightedPick follow their weights', () => {
    const r = createRng(seedRng('i'));
    const ints = new Set(draws(2_000, () => int(r, 1, 4)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4]);
    expect(() => pick(r, [])).toThrow(RangeError);
    const picks = draws(20_000, () => (weightedPick(r, [['a', 1], ['b', 3], ['c', 0]] as const) === 'b' ? 1 : 0));
    expect(mean(picks)).toBeCloseTo(0.75, 1);
    expect(() => weightedPick(r, [['a', 0]])).toThrow(RangeError);
    expect(mean(draws(20_000, () => (chance(r, 0.2) ? 1 : 0)))).toBeCloseTo(0.2, 1);
  });

  it('exponential, normal and lognormal have the stated moments', () => {
    const r = createRng(seedRng('d'));
    expect(mean(draws(20_000, () => exponential(r, 2)))).toBeCloseTo(0.5, 1);
    const ns = draws(20_000, () => normal(r, 3, 2));
    expect(mean(ns)).toBeCloseTo(3, 1);
    expect(Math.sqrt(variance(ns))).toBeCloseTo(2, 1);
    const ls = draws(20_001, () => lognormalMedian(r, 7, 0.5)).sort((a, b) => a - b);
    expect(ls[10_000]).toBeGreaterThan(6.7);
    expect(ls[10_000]).toBeLessThan(7.3);
  });

  it('poisson has mean ≈ variance ≈ λ, small and large', () => {
    const r = createRng(seedRng('p'));
    for (const lambda of [0.3, 4, 250]) {
      const xs = draws(10_000, () => poisson(r, lambda));
      expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
      expect(Math.abs(mean(xs) - lambda) / lambda).toBeLessThan(0.05);
      expect(Math.abs(variance(xs) - lambda) / lambda).toBeLessThan(0.1);
    }
    expect(poisson(r, 0)).toBe(0);
  });
});
