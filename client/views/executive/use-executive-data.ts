// Everything the executive page shows, fetched through client/api: the three periods and the
// periods before them, one KPI answer per day of the trend, and app activity for the period the
// trend shows. Windows move with the minute, so "today" stays current without a reload.
import { useMemo } from 'react';
import type { AppTrendsAnswer } from '../../../shared/contract/apps.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { useAppTrendsFor, useKpisFor } from '../../api/report-queries.ts';
import { cityDayKey } from '../../components/city-time.ts';
import { useRoundedNow } from '../../components/use-minute.ts';
import type { PeriodAnswers } from './KpiScorecard.tsx';
import { dayWindows, periodWindows, PERIODS, type DayWindow, type Period } from './periods.ts';

export interface DayAnswer {
  day: DayWindow;
  kpis: KpisAnswer | null;
}

export interface ExecutiveData {
  periods: Record<Period, PeriodAnswers>;
  days: DayAnswer[];
  appTrends: AppTrendsAnswer | null;
  loading: boolean;
  error: string | null;
}

export function useExecutiveData(timeZone: string | null, trendDays: number): ExecutiveData {
  const nowMs = useRoundedNow();
  const windows = useMemo(() => (timeZone ? PERIODS.map((p) => periodWindows(p, nowMs, timeZone)) : []), [timeZone, nowMs]);
  const days = useMemo(() => (timeZone ? dayWindows(trendDays, nowMs, timeZone) : []), [timeZone, trendDays, nowMs]);
  const periodStates = useKpisFor(windows.flatMap((w) => [w.current, w.previous]));
  const dayStates = useKpisFor(days);
  const [appState] = useAppTrendsFor(timeZone ? [{ days: trendDays, today: cityDayKey(nowMs, timeZone) }] : []);

  const answersOf = (p: Period): PeriodAnswers => {
    const i = PERIODS.indexOf(p);
    return { current: periodStates[2 * i]?.data ?? null, previous: periodStates[2 * i + 1]?.data ?? null };
  };
  const periods = { today: answersOf('today'), d7: answersOf('d7'), d30: answersOf('d30') };
  const all = [...periodStates, ...dayStates, ...(appState ? [appState] : [])];
  return {
    periods,
    days: days.map((day, i) => ({ day, kpis: dayStates[i]?.data ?? null })),
    appTrends: appState?.data ?? null,
    loading: all.some((s) => s.loading && s.data === null),
    error: all.find((s) => s.error !== null)?.error ?? null,
  };
}
