import { describe, expect, it } from 'vitest';
import { maskCallerNumber } from '../../shared/format/caller.ts';
import { formatWait } from '../../shared/format/duration.ts';

describe('maskCallerNumber', () => {
  it.each([
    ['081234567789', '0812****789'],
    ['0812-3456-7789', '0812****789'],
    ['+62 812 3456 7789', '+628****789'],
    ['0215551234', '0215****234'],
    ['12345678', '1234****678'],
    ['1234567', '****'],
    ['112', '****'],
    ['', ''],
    ['0812****789', '0812****789'], // idempotent
  ])('%j → %j', (number, masked) => {
    expect(maskCallerNumber(number)).toBe(masked);
  });

  it('never shows more than 7 digits of a number', () => {
    const digits = maskCallerNumber('6281234567789012').replace(/\D/g, '');
    expect(digits.length).toBe(7);
  });
});

describe('formatWait', () => {
  it.each([
    [0, '00:00'],
    [5, '00:05'],
    [59.9, '00:59'],
    [65, '01:05'],
    [599, '09:59'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [36_000 + 61, '10:01:01'],
    [-3, '00:00'],
    [Number.NaN, '00:00'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatWait(seconds)).toBe(text);
  });
});

