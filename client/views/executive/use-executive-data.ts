// Everything the executive page shows for its range, fetched through client/api: the range and
// the period before it, one KPI answer per bucket of the trend (hours, days or weeks), and app
// activity over the range's whole days. Windows that end now move with the minute, so "today"
// stays current without a reload; past windows are fetched once (cached by their bounds).
import { useMemo } from 'react';
import type { AppTrendsAnswer } from '../../../shared/contract/apps.ts';
import type { KpisAnswer } from '../../../shared/contract/kpis.ts';
import { useAppTrendsFor, useKpisFor } from '../../api/report-queries.ts';
import { cityDayKey } from '../../components/city-time.ts';
import { useRoundedNow } from '../../components/use-minute.ts';
import { appTrendDays, resolveRange, type Bucket, type RangeSpec, type ResolvedRange } from './range.ts';

export interface BucketAnswer {
  bucket: Bucket;
  kpis: KpisAnswer | null;
}

/** A figure's range and the one before it. */
export interface PeriodAnswers {
  current: KpisAnswer | null;
  previous: KpisAnswer | null;
}

export interface ExecutiveData {
  range: ResolvedRange | null;
  /** The city's today, `YYYY-MM-DD` (the custom range goes no further). */
  today: string | null;
  answers: PeriodAnswers;
  buckets: BucketAnswer[];
  appTrends: AppTrendsAnswer | null;
  loading: boolean;
  error: string | null;
}

export function useExecutiveData(timeZone: string | null, spec: RangeSpec): ExecutiveData {
  const nowMs = useRoundedNow();
  const range = useMemo(() => (timeZone ? resolveRange(spec, nowMs, timeZone) : null), [timeZone, spec, nowMs]);
  const periodStates = useKpisFor(range ? [range.current, range.previous] : []);
  const bucketStates = useKpisFor(range?.buckets ?? []);
  const apps = range && timeZone ? appTrendDays(range, timeZone) : null;
  const [appState] = useAppTrendsFor(apps ? [apps] : []);
  const all = [...periodStates, ...bucketStates, ...(appState ? [appState] : [])];
  return {
    range,
    today: timeZone ? cityDayKey(nowMs, timeZone) : null,
    answers: { current: periodStates[0]?.data ?? null, previous: periodStates[1]?.data ?? null },
    buckets: (range?.buckets ?? []).map((bucket, i) => ({ bucket, kpis: bucketStates[i]?.data ?? null })),
    appTrends: appState?.data ?? null,
    loading: all.some((s) => s.loading && s.data === null),
    error: all.find((s) => s.error !== null)?.error ?? null,
  };
}
