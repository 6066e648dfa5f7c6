// The windows a daily report reads, cut at the city's midnights like the executive view's: the
// day and the day before it, the day's hours (for the queue's worst hours), and for a Sunday the
// week Monday-Sunday, the week before it and the week's days. Pure.
import { addDays, includesWeek, weekOf } from '../../../shared/report/report-day.ts';
import { cityDayStart, toIsoWithOffset } from '../../components/city-time.ts';
import type { Window } from '../executive/range.ts';

/** One city day's window (`day`: `2026-11-23`). */
export interface DayWindow extends Window {
  day: string;
}

const HOUR_MS = 3_600_000;

function window(fromMs: number, toMs: number, timeZone: string): Window {
  return { fromMs, toMs, from: toIsoWithOffset(fromMs, timeZone), to: toIsoWithOffset(toMs, timeZone) };
}

function dayWindow(day: string, timeZone: string): DayWindow {
  return { ...window(cityDayStart(day, timeZone), cityDayStart(addDays(day, 1), timeZone), timeZone), day };
}

export interface ReportWindows {
  day: DayWindow;
  previousDay: DayWindow;
  /** Each hour of the day, in order (23 or 25 where a zone changes its clock). */
  hours: Window[];
  week: { current: Window; previous: Window; days: DayWindow[]; first: string; last: string } | null;
}

export function reportWindows(day: string, timeZone: string): ReportWindows {
  const d = dayWindow(day, timeZone);
  const hours: Window[] = [];
  for (let t = d.fromMs; t < d.toMs; t += HOUR_MS) hours.push(window(t, Math.min(t + HOUR_MS, d.toMs), timeZone));
  let week: ReportWindows['week'] = null;
  if (includesWeek(day)) {
    const { first, last } = weekOf(day);
    const days = Array.from({ length: 7 }, (_, i) => dayWindow(addDays(first, i), timeZone));
    const current = window(cityDayStart(first, timeZone), cityDayStart(addDays(last, 1), timeZone), timeZone);
    const previous = window(cityDayStart(addDays(first, -7), timeZone), current.fromMs, timeZone);
    week = { current, previous, days, first, last };
  }
  return { day: d, previousDay: dayWindow(addDays(day, -1), timeZone), hours, week };
}
