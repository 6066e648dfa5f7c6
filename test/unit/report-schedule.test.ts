// The daily report's calendar (shared/report/report-day.ts), its schedule in the city's
// timezone (server/domain/report-schedule.ts) and the report page's pure rows.
import { describe, expect, it } from 'vitest';
import { addDays, includesWeek, minutesOf, ReportDay, ReportTime, weekOf } from '../../shared/report/report-day.ts';
import { mulberry32 } from '../../shared/seeded-random.ts';
import { catchUpDays, latestDueDay, MAX_CATCH_UP_DAYS, nextDueMs, reportDueMs } from '../../server/domain/report-schedule.ts';
import { countBars, worstHours } from '../../client/views/report/report-rows.ts';
import { reportWindows } from '../../client/views/report/report-windows.ts';
import { reportDayOf } from '../../client/views/report/ReportPage.tsx';
import { routeFor } from '../../client/app/router.ts';
import type { KpisAnswer } from '../../shared/contract/kpis.ts';

const at = (iso: string) => Date.parse(iso);

describe('report days', () => {
  it('checks calendar days and times of day', () => {
    expect(ReportDay.safeParse('2026-11-29').success).toBe(true);
    expect(ReportDay.safeParse('2026-02-30').success).toBe(false);
    expect(ReportDay.safeParse('2026-11-29T00:00').success).toBe(false);
    expect(ReportTime.safeParse('06:00').success).toBe(true);
    expect(ReportTime.safeParse('24:00').success).toBe(false);
    expect(ReportTime.safeParse('6:00').success).toBe(false);
    expect(minutesOf('06:30')).toBe(390);
  });

  it('steps across months and years, and finds the week a Sunday ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    // 29 November 2026 is a Sunday: its report, written on Monday, carries Monday 23 to Sunday 29.
    expect(includesWeek('2026-11-29')).toBe(true);
    expect(includesWeek('2026-11-30')).toBe(false);
    expect(weekOf('2026-11-29')).toEqual({ first: '2026-11-23', last: '2026-11-29' });
    expect(weekOf('2026-11-25')).toEqual({ first: '2026-11-23', last: '2026-11-29' });
  });
});

describe('report schedule', () => {
  // One table for the three Indonesian zones: 06:00 local is 23:00, 22:00 and 21:00 UTC the day before.
  const zones = [
    ['Asia/Jakarta', 'WIB', '+07:00'],
    ['Asia/Makassar', 'WITA', '+08:00'],
    ['Asia/Jayapura', 'WIT', '+09:00'],
  ] as const;
  for (const [tz, label, offset] of zones) {
    it(`is due at 06:00 ${label} for the day before`, () => {
      expect(reportDueMs('2026-11-29', 360, tz)).toBe(at(`2026-11-30T06:00:00${offset}`));
      expect(latestDueDay(at(`2026-11-30T05:59:59.999${offset}`), 360, tz)).toBe('2026-11-28');
      expect(latestDueDay(at(`2026-11-30T06:00:00${offset}`), 360, tz)).toBe('2026-11-29');
      expect(latestDueDay(at(`2026-11-30T23:59:00${offset}`), 360, tz)).toBe('2026-11-29');
      expect(nextDueMs(at(`2026-11-30T05:00:00${offset}`), 360, tz)).toBe(at(`2026-11-30T06:00:00${offset}`));
      expect(nextDueMs(at(`2026-11-30T06:00:00${offset}`), 360, tz)).toBe(at(`2026-12-01T06:00:00${offset}`));
    });
  }

  it('follows the profile\'s hour', () => {
    expect(latestDueDay(at('2026-11-30T07:15:00+07:00'), minutesOf('07:30'), 'Asia/Jakarta')).toBe('2026-11-28');
    expect(latestDueDay(at('2026-11-30T07:30:00+07:00'), minutesOf('07:30'), 'Asia/Jakarta')).toBe('2026-11-29');
  });

  it('makes up the days after the newest kept, at most a week; only the latest on a fresh install', () => {
    expect(catchUpDays('2026-11-29', null)).toEqual(['2026-11-29']);
    expect(catchUpDays('2026-11-29', '2026-11-29')).toEqual([]);
    expect(catchUpDays('2026-11-29', '2026-11-30')).toEqual([]);
    expect(catchUpDays('2026-11-29', '2026-11-26')).toEqual(['2026-11-27', '2026-11-28', '2026-11-29']);
    const long = catchUpDays('2026-11-29', '2026-10-01');
    expect(long).toHaveLength(MAX_CATCH_UP_DAYS);
    expect(long.at(-1)).toBe('2026-11-29');
  });
});

describe('report page rows', () => {
  it('routes /report/<day> to the report and reads its day', () => {
    expect(routeFor('/report/2026-11-29')).toBe('report');
    expect(reportDayOf('/report/2026-11-29')).toBe('2026-11-29');
    expect(reportDayOf('/report/2026-13-01')).toBeNull();
  });

  it('cuts the day into its hours and a Sunday\'s week into days, at the city\'s midnights', () => {
    const w = reportWindows('2026-11-29', 'Asia/Jakarta');
    expect(w.day.from).toBe('2026-11-29T00:00:00+07:00');
    expect(w.day.to).toBe('2026-11-30T00:00:00+07:00');
    expect(w.previousDay.day).toBe('2026-11-28');
    expect(w.hours).toHaveLength(24);
    expect(w.hours[23]?.to).toBe('2026-11-30T00:00:00+07:00');
    expect(w.week?.current.from).toBe('2026-11-23T00:00:00+07:00');
    expect(w.week?.previous.from).toBe('2026-11-16T00:00:00+07:00');
    expect(w.week?.days.map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(reportWindows('2026-11-28', 'Asia/Jakarta').week).toBeNull();
  });

  const calls = (asa: number | null, sl20: number | null, offered = 3) => ({
    offered, answered: offered, abandoned: 0, asa, sl15: sl20, sl20, abandonmentRate: 0, byDisposition: {}, prankShare: null,
  });
  const answer = (a112: number | null, a119: number | null, sl = 0.5): KpisAnswer => ({
    from: '', to: '', timezone: 'Asia/Jakarta',
    calls: { '112': calls(a112, sl), '119': calls(a119, sl), all: calls(null, null) },
    incidents: { count: 0, byCategory: {}, byPriority: {}, byKecamatan: {}, byAgency: {}, dispatch: { mean: null, p90: null, n: 0 }, response: { mean: null, p90: null, n: 0 }, prankRate: null },
  });

  it('ranks the worst hours by ASA, then service level, then time, whatever order they come in', () => {
    const { hours } = reportWindows('2026-11-29', 'Asia/Jakarta');
    const answers = hours.map((_, i) => (i % 5 === 0 ? answer(null, null) : answer((i * 7) % 23, (i * 11) % 19, ((i * 3) % 10) / 10)));
    const want = worstHours(hours, answers);
    expect(want).toHaveLength(5);
    for (let i = 1; i < want.length; i++) expect((want[i - 1]?.asa ?? 0) >= (want[i]?.asa ?? 0)).toBe(true);
    // Hours without an answered call are not ranked.
    expect(want.every((r) => r.asa !== null)).toBe(true);
    // Properties over examples: the same rows for any order of the (hour, answer) pairs.
    for (let seed = 1; seed <= 50; seed++) {
      const rnd = mulberry32(seed);
      const idx = hours.map((_, i) => i).sort(() => rnd() - 0.5);
      const got = worstHours(idx.map((i) => hours[i] ?? hours[0]!), idx.map((i) => answers[i] ?? null));
      expect(got.map((r) => `${r.hour.from}|${r.line}`), `seed ${seed}`).toEqual(want.map((r) => `${r.hour.from}|${r.line}`));
    }
  });

  it('turns counts into bars, largest first, zeros left out', () => {
    expect(countBars({ fire: 3, flood: 0, medical: 3, crime: 5 }, (k) => k.toUpperCase(), 2)).toEqual([
      { key: 'crime', label: 'CRIME', value: 5 },
      { key: 'fire', label: 'FIRE', value: 3 },
    ]);
  });
});
