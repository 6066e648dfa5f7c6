import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatClock,
  formatCount,
  formatLongDate,
  formatMinutes,
  formatPercent,
  formatSeconds,
  formatShortTime,
  formatWait,
  NO_DATA,
  waitLevel,
} from '../../client/components/format.ts';

describe('numbers per locale (ui.md "Words")', () => {
  it.each([
    ['id', 1234, '1.234'],
    ['en', 1234, '1,234'],
    ['id', 1234567, '1.234.567'],
    ['en', 0, '0'],
  ] as const)('formatCount %s %d → %s', (lang, n, want) => {
    expect(formatCount(n, lang)).toBe(want);
  });

  it.each([
    ['id', 0.925, '92,5 %'],
    ['en', 0.925, '92.5%'],
    ['id', 1, '100,0 %'],
    ['en', 0.9123, '91.2%'],
  ] as const)('formatPercent %s %d → %s', (lang, n, want) => {
    expect(formatPercent(n, lang)).toBe(want);
  });

  it('shows no data as a dash, never as 0', () => {
    expect(formatCount(null, 'id')).toBe(NO_DATA);
    expect(formatPercent(null, 'en')).toBe(NO_DATA);
    expect(formatSeconds(null, 'id')).toBe(NO_DATA);
    expect(formatMinutes(undefined, 'en')).toBe(NO_DATA);
    expect(formatCount(Number.NaN, 'en')).toBe(NO_DATA);
  });

  it('gives durations their unit', () => {
    expect(formatSeconds(9.4, 'id')).toBe('9,4 dtk');
    expect(formatSeconds(9.4, 'en')).toBe('9.4s');
    expect(formatMinutes(252, 'id')).toBe('4,2 mnt');
    expect(formatMinutes(252, 'en')).toBe('4.2m');
  });
});

describe('formatWait', () => {
  it.each([
    [0, '00:00'],
    [9.9, '00:09'],
    [102, '01:42'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [-5, '00:00'],
  ])('%d s → %s', (s, want) => {
    expect(formatWait(s)).toBe(want);
  });
});

describe('dates and clock in the city zone', () => {
  const at = new Date('2026-11-23T07:05:32Z');
  it('writes the clock with colons in the city zone, not the browser zone', () => {
    expect(formatClock(at, 'Asia/Jakarta')).toBe('14:05:32');
    expect(formatClock(at, 'Asia/Makassar')).toBe('15:05:32');
    expect(formatShortTime(at, 'Asia/Jayapura')).toBe('16:05');
  });
  it('writes the long date in the UI language', () => {
    expect(formatLongDate(at, 'Asia/Jakarta', 'id')).toBe('Senin, 23 November 2026');
    expect(formatLongDate(at, 'Asia/Jakarta', 'en')).toMatch(/Monday,? 23 November 2026/);
  });
  it('keeps midnight at 00, not 24', () => {
    expect(formatClock(new Date('2026-11-23T17:00:00Z'), 'Asia/Jakarta')).toBe('00:00:00');
  });
});

describe('formatAge (stale banner)', () => {
  it.each([
    [45_000, 'id', '45 detik'],
    [120_000, 'id', '2 menit'],
    [125_000, 'en', '2 minutes'],
    [3_700_000, 'id', '1 jam'],
  ] as const)('%d ms %s → %s', (ms, lang, want) => {
    expect(formatAge(ms, lang)).toBe(want);
  });
});

describe('waitLevel', () => {
  const th = { warningSeconds: 20, criticalSeconds: 60 };
  it.each([
    [0, 'normal'],
    [19.9, 'normal'],
    [20, 'warning'],
    [59, 'warning'],
    [60, 'critical'],
  ] as const)('%d s → %s', (s, want) => {
    expect(waitLevel(s, th)).toBe(want);
  });
  it('is normal without thresholds', () => {
    expect(waitLevel(999, null)).toBe('normal');
  });
});
