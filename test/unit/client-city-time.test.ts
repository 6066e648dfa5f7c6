import { describe, expect, it } from 'vitest';
import { cityDayKey, cityMidnight, toIsoWithOffset, zoneOffsetMs } from '../../client/components/city-time.ts';
import { dayWindows, periodWindows } from '../../client/views/executive/periods.ts';

const WIB = 'Asia/Jakarta';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('city time', () => {
  it('cuts days at midnight WIB, not UTC', () => {
    // 23 Nov 2026 01:30 WIB is 22 Nov 18:30 UTC: still 23 November in the city.
    const t = Date.parse('2026-11-22T18:30:00Z');
    expect(zoneOffsetMs(t, WIB)).toBe(7 * HOUR);
    expect(cityDayKey(t, WIB)).toBe('2026-11-23');
    expect(cityMidnight(t, WIB)).toBe(Date.parse('2026-11-22T17:00:00Z'));
    expect(cityMidnight(t, WIB, -6)).toBe(Date.parse('2026-11-16T17:00:00Z'));
    expect(toIsoWithOffset(cityMidnight(t, WIB), WIB)).toBe('2026-11-23T00:00:00+07:00');
  });

  it('handles zones with a negative offset and a daylight-saving change', () => {
    // New York: the day after the November change is still cut at its own midnight.
    const t = Date.parse('2026-11-02T15:00:00Z');
    expect(toIsoWithOffset(cityMidnight(t, 'America/New_York'), 'America/New_York')).toBe('2026-11-02T00:00:00-05:00');
    expect(toIsoWithOffset(cityMidnight(t, 'America/New_York', -1), 'America/New_York')).toBe('2026-11-01T00:00:00-04:00');
  });
});

describe('executive windows', () => {
  const now = Date.parse('2026-11-23T07:05:00Z'); // 14:05 WIB

  it('today runs from midnight to now, against yesterday up to the same hour', () => {
    const w = periodWindows('today', now, WIB);
    expect(w.current.from).toBe('2026-11-23T00:00:00+07:00');
    expect(w.current.to).toBe('2026-11-23T14:05:00+07:00');
    expect(w.previous.from).toBe('2026-11-22T00:00:00+07:00');
    expect(w.previous.to).toBe('2026-11-22T14:05:00+07:00');
  });

  it('7 and 30 days include today and compare with as many days before', () => {
    const d7 = periodWindows('d7', now, WIB);
    expect(d7.current.from).toBe('2026-11-17T00:00:00+07:00');
    expect(d7.previous.from).toBe('2026-11-10T00:00:00+07:00');
    expect(d7.previous.toMs - d7.previous.fromMs).toBe(d7.current.toMs - d7.current.fromMs);
    const d30 = periodWindows('d30', now, WIB);
    expect(d30.current.from).toBe('2026-10-25T00:00:00+07:00');
    // The same length just before: it ends the day before the window starts, at this hour.
    expect(d30.previous.to).toBe('2026-10-24T14:05:00+07:00');
  });

  it('never asks for an empty window just after midnight', () => {
    const w = periodWindows('today', Date.parse('2026-11-22T17:00:00Z'), WIB);
    expect(w.current.toMs - w.current.fromMs).toBe(60_000);
  });

  it('lists the days of a trend oldest first, today up to now', () => {
    const days = dayWindows(7, now, WIB);
    expect(days.map((d) => d.day)).toEqual(['2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(days[0]?.toMs).toBe((days[0]?.fromMs ?? 0) + DAY);
    expect(days.at(-1)?.to).toBe('2026-11-23T14:05:00+07:00');
  });
});
