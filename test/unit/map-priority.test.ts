import { describe, expect, it } from 'vitest';
import { mostUrgent, priorityRank, priorityStyle } from '../../client/map/priority.ts';

/** WCAG relative luminance contrast, to check the ink chosen for each fill. */
function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('priorityStyle', () => {
  it.each([
    [1, '#d62828', '1'],
    [2, '#f77f00', '2'],
    [3, '#fcbf49', '3'],
    [4, '#2f6fde', '4'],
  ])('priority %i is %s with the digit printed', (p, fill, digit) => {
    expect(priorityStyle(p)).toMatchObject({ rank: p, fill, digit });
  });

  it('treats null, 0 and out-of-range as unknown: grey with "?"', () => {
    for (const p of [null, undefined, 0, 5, 2.5]) expect(priorityStyle(p)).toMatchObject({ rank: 5, digit: '?' });
  });

  it('prints the digit in an ink with at least 4.5:1 contrast on every fill', () => {
    for (const p of [1, 2, 3, 4, null]) {
      const s = priorityStyle(p);
      expect(contrast(s.fill, s.ink)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('keeps the four fills distinct', () => {
    expect(new Set([1, 2, 3, 4].map((p) => priorityStyle(p).fill)).size).toBe(4);
  });
});

describe('mostUrgent', () => {
  it('takes the smaller rank, unknown last', () => {
    expect(mostUrgent(priorityRank(3), priorityRank(1))).toBe(1);
    expect(mostUrgent(priorityRank(null), priorityRank(4))).toBe(4);
  });
});
