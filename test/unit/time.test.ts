import { describe, expect, it } from 'vitest';
import {
  cityDayKey, isoOrNull, parseEpochMs, parseIsoMs, startOfCityDay, startOfCityDayKey, todayWindow, toIsoWithOffset, zoneOffsetMs,
} from '../../server/domain/time.ts';

const utc = (iso: string): number => Date.parse(iso);
const H = 3_600_000;

describe('cityDayKey', () => {
  it.each([
    // 16:59:59Z is 23:59:59 WIB, 17:00Z is midnight WIB.
    ['2026-11-23T16:59:59.999Z', 'Asia/Jakarta', '2026-11-23'],
    ['2026-11-23T17:00:00.000Z', 'Asia/Jakarta', '2026-11-24'],
    ['2026-11-23T15:59:59.999Z', 'Asia/Makassar', '2026-11-23'],
    ['2026-11-23T16:00:00.000Z', 'Asia/Makassar', '2026-11-24'],
    ['2026-11-23T14:59:59.999Z', 'Asia/Jayapura', '2026-11-23'],
    ['2026-11-23T15:00:00.000Z', 'Asia/Jayapura', '2026-11-24'],
    ['2026-03-28T23:00:00.000Z', 'Europe/Amsterdam', '2026-03-29'],
    ['2026-03-28T22:59:59.999Z', 'Europe/Amsterdam', '2026-03-28'],
    ['2026-12-31T23:30:00.000Z', 'UTC', '2026-12-31'],
    ['2026-12-31T18:30:00.000Z', 'Asia/Kolkata', '2027-01-01'],
  ])('%s in %s is %s', (at, tz, key) => {
    expect(cityDayKey(utc(at), tz)).toBe(key);
  });

  it('throws on an unknown zone rather than guessing one', () => {
    expect(() => cityDayKey(0, 'Asia/Atlantis')).toThrow(RangeError);
  });
});

describe('startOfCityDay and todayWindow', () => {
  it.each([
    // [instant, zone, from, to, hours in the day]
    ['2026-11-23T05:00:00Z', 'Asia/Jakarta', '2026-11-22T17:00:00Z', '2026-11-23T17:00:00Z', 24],
    ['2026-11-23T16:59:59Z', 'Asia/Jakarta', '2026-11-22T17:00:00Z', '2026-11-23T17:00:00Z', 24],
    ['2026-11-23T17:00:00Z', 'Asia/Jakarta', '2026-11-23T17:00:00Z', '2026-11-24T17:00:00Z', 24],
    ['2026-11-23T05:00:00Z', 'Asia/Makassar', '2026-11-22T16:00:00Z', '2026-11-23T16:00:00Z', 24],
    // Amsterdam springs forward at 02:00 on 29 March 2026: a 23-hour day.
    ['2026-03-29T12:00:00Z', 'Europe/Amsterdam', '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z', 23],
    // ...and falls back at 03:00 on 25 October 2026: a 25-hour day.
    ['2026-10-25T12:00:00Z', 'Europe/Amsterdam', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25],
    // Santiago skips midnight on 6 September 2026 (00:00 → 01:00): the day starts at 01:00.
    ['2026-09-06T12:00:00Z', 'America/Santiago', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z', 23],
    // Havana repeats 00:00–01:00 on 1 November 2026: the day starts at the first midnight.
    ['2026-11-01T12:00:00Z', 'America/Havana', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z', 25],
    // Half-hour and quarter-hour zones.
    ['2026-01-01T00:00:00Z', 'Asia/Kolkata', '2025-12-31T18:30:00Z', '2026-01-01T18:30:00Z', 24],
    ['2026-01-01T00:00:00Z', 'Pacific/Chatham', '2025-12-31T10:15:00Z', '2026-01-01T10:15:00Z', 24],
  ])('%s in %s → [%s, %s)', (at, tz, from, to, hours) => {
    const w = todayWindow(utc(at), tz);
    expect(new Date(w.fromMs).toISOString()).toBe(new Date(utc(from)).toISOString());
    expect(new Date(w.toMs).toISOString()).toBe(new Date(utc(to)).toISOString());
    expect((w.toMs - w.fromMs) / H).toBe(hours);
    expect(startOfCityDay(utc(at), tz)).toBe(w.fromMs);
    // The window is exactly the instants with the same day key.
    expect(cityDayKey(w.fromMs, tz)).toBe(cityDayKey(utc(at), tz));
    expect(cityDayKey(w.fromMs - 1, tz)).not.toBe(cityDayKey(utc(at), tz));
    expect(cityDayKey(w.toMs - 1, tz)).toBe(cityDayKey(utc(at), tz));
    expect(cityDayKey(w.toMs, tz)).not.toBe(cityDayKey(utc(at), tz));
  });

  it('startOfCityDayKey inverts cityDayKey', () => {
    expect(startOfCityDayKey('2026-11-24', 'Asia/Jakarta')).toBe(utc('2026-11-23T17:00:00Z'));
    expect(startOfCityDayKey('2026-03-29', 'Europe/Amsterdam')).toBe(utc('2026-03-28T23:00:00Z'));
    expect(() => startOfCityDayKey('24/11/2026', 'Asia/Jakarta')).toThrow(RangeError);
  });

  it('every minute of a DST year lies in the window of its own day (Amsterdam)', () => {
    const tz = 'Europe/Amsterdam';
    for (let t = utc('2026-03-27T00:00:00Z'); t < utc('2026-03-31T00:00:00Z'); t += 7 * 60_000) {
      const w = todayWindow(t, tz);
      expect(t >= w.fromMs && t < w.toMs).toBe(true);
    }
    for (let t = utc('2026-10-23T00:00:00Z'); t < utc('2026-10-27T00:00:00Z'); t += 7 * 60_000) {
      const w = todayWindow(t, tz);
      expect(t >= w.fromMs && t < w.toMs).toBe(true);
    }
  });
});

describe('toIsoWithOffset and parseIsoMs', () => {
  it.each([
    ['2026-11-23T07:05:32.000Z', 'Asia/Jakarta', '2026-11-23T14:05:32.000+07:00'],
    ['2026-11-23T17:00:00.000Z', 'Asia/Jakarta', '2026-11-24T00:00:00.000+07:00'],
    ['2026-11-23T07:05:32.123Z', 'Asia/Makassar', '2026-11-23T15:05:32.123+08:00'],
    ['2026-03-29T00:59:59.999Z', 'Europe/Amsterdam', '2026-03-29T01:59:59.999+01:00'],
    ['2026-03-29T01:00:00.000Z', 'Europe/Amsterdam', '2026-03-29T03:00:00.000+02:00'],
    ['2026-10-25T00:30:00.000Z', 'Europe/Amsterdam', '2026-10-25T02:30:00.000+02:00'],
    ['2026-10-25T01:30:00.000Z', 'Europe/Amsterdam', '2026-10-25T02:30:00.000+01:00'],
    ['2026-07-01T12:00:00.000Z', 'America/New_York', '2026-07-01T08:00:00.000-04:00'],
    ['2026-01-01T00:00:00.000Z', 'Asia/Kolkata', '2026-01-01T05:30:00.000+05:30'],
  ])('%s in %s is %s', (at, tz, iso) => {
    expect(toIsoWithOffset(utc(at), tz)).toBe(iso);
    expect(parseIsoMs(iso)).toBe(utc(at));
  });

  it('names the exact instant even for historic offsets with seconds (Jakarta LMT +07:07:12)', () => {
    const ms = utc('1900-06-01T00:00:00Z');
    expect(parseIsoMs(toIsoWithOffset(ms, 'Asia/Jakarta'))).toBe(ms);
    expect(zoneOffsetMs(ms, 'Asia/Jakarta')).toBe((7 * 3600 + 7 * 60 + 12) * 1000);
  });

  it('round-trips a week of random instants in several zones', () => {
    let x = 12345;
    for (let i = 0; i < 400; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const ms = utc('2026-10-20T00:00:00Z') + (x % (7 * 24 * 3600)) * 1000 + (i % 1000);
      for (const tz of ['Asia/Jakarta', 'Asia/Makassar', 'Europe/Amsterdam', 'America/Santiago']) {
        expect(parseIsoMs(toIsoWithOffset(ms, tz))).toBe(ms);
      }
    }
  });

  it('parseIsoMs throws on what is not a date', () => {
    expect(() => parseIsoMs('kemarin')).toThrow(RangeError);
    expect(parseIsoMs('2026-11-23T14:05:32+07:00')).toBe(utc('2026-11-23T07:05:32Z'));
  });
});

describe('hash fields', () => {
  it.each([
    ['1795402800000', 1795402800000],
    ['1795402800000.7', 1795402800000],
    ['0', 0],
    ['', null],
    ['abc', null],
    ['1e12', null],
    [' 1795402800000', null],
    [undefined, null],
  ])('parseEpochMs(%j) is %j', (field, ms) => {
    expect(parseEpochMs(field)).toBe(ms);
  });

  it('isoOrNull keeps null', () => {
    expect(isoOrNull(null, 'Asia/Jakarta')).toBeNull();
    expect(isoOrNull(0, 'Asia/Jakarta')).toBe('1970-01-01T07:00:00.000+07:00');
  });
});
