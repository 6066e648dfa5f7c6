// Everything a daily report shows, read through client/api exactly as the executive view reads
// it (GET /api/v1/kpis, /apps/activity, /alerts): the report's figures are the API's answers,
// never a second computation.
import { useMemo } from 'react';
import type { AlertsAnswer, AppActivityAnswer } from '../../../shared/contract/apps.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import type { QueryState } from '../../api/cached-query.ts';
import { useAlertsFor, useAppActivityFor, useKpisFor } from '../../api/report-queries.ts';
import { reportWindows, type ReportWindows } from './report-windows.ts';

/** Apps listed by name in the report's app health. */
export const REPORT_TOP_APPS = 10;

export interface ReportData {
  windows: ReportWindows | null;
  day: KpisAnswer | null;
  previousDay: KpisAnswer | null;
  hours: (KpisAnswer | null)[];
  apps: AppActivityAnswer | null;
  alerts: AlertsAnswer | null;
  week: { current: KpisAnswer | null; previous: KpisAnswer | null; days: (KpisAnswer | null)[] } | null;
  /** Every answer is in. */
  ready: boolean;
  error: string | null;
}

export function useReportData(day: string | null, timeZone: string | null): ReportData {
  const windows = useMemo(() => (day && timeZone ? reportWindows(day, timeZone) : null), [day, timeZone]);
  const dayStates = useKpisFor(windows ? [windows.day, windows.previousDay] : []);
  const hourStates = useKpisFor(windows ? windows.hours : []);
  const [apps] = useAppActivityFor(windows ? [{ ...windows.day, top: REPORT_TOP_APPS }] : []);
  const [alerts] = useAlertsFor(windows ? [windows.day] : []);
  const weekStates = useKpisFor(windows?.week ? [windows.week.current, windows.week.previous] : []);
  const weekDayStates = useKpisFor(windows?.week ? windows.week.days : []);
  const all: QueryState<unknown>[] = [...dayStates, ...hourStates, ...weekStates, ...weekDayStates, ...(apps ? [apps] : []), ...(alerts ? [alerts] : [])];
  return {
    windows,
    day: dayStates[0]?.data ?? null,
    previousDay: dayStates[1]?.data ?? null,
    hours: hourStates.map((s) => s.data),
    apps: apps?.data ?? null,
    alerts: alerts?.data ?? null,
    week: windows?.week ? { current: weekStates[0]?.data ?? null, previous: weekStates[1]?.data ?? null, days: weekDayStates.map((s) => s.data) } : null,
    ready: windows !== null && apps !== undefined && alerts !== undefined && all.every((s) => s.data !== null && !s.loading),
    error: all.find((s) => s.error !== null)?.error ?? null,
  };
}
