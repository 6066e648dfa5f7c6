// What the app components of client/apps need, from the live store and the city profile,
// with their words in the current language.
import { useMemo } from 'react';
import type { AlertView, AppsSummary } from '../../../shared/contract/views.ts';
import type { AppGridApp } from '../../apps/AppGrid.tsx';
import { appLabels, type AppLabels } from '../../apps/labels.ts';
import { useCity } from '../../api/use-city.ts';
import { useLang } from '../../components/use-lang.ts';
import { useLive } from '../../live/store.ts';
import { useSubjectNames } from '../common/use-subject-names.ts';

export interface AppView {
  catalog: readonly AppGridApp[];
  apps: AppsSummary | null;
  /** Today's events per app, for ordering the grid and its tooltips. */
  activity: Record<string, number>;
  alerts: AlertView[];
  /** Display names of alert subjects: apps by id, kecamatan by code. */
  names: Record<string, string>;
  labels: AppLabels;
  timeZone: string;
}

export function useAppView(): AppView {
  const lang = useLang();
  const { city } = useCity();
  const apps = useLive((s) => s.data.apps);
  const alertMap = useLive((s) => s.data.alerts);
  const catalog = useMemo(() => city?.apps ?? [], [city]);
  const names = useSubjectNames();
  const activity = useMemo(() => {
    const out: Record<string, number> = {};
    for (const a of apps?.top ?? []) out[a.appId] = a.sessions + a.transactions + a.complaints + a.errors;
    return out;
  }, [apps]);
  const alerts = useMemo(() => Object.values(alertMap), [alertMap]);
  return {
    catalog,
    apps,
    activity,
    alerts,
    names,
    labels: appLabels(lang),
    timeZone: city?.timezone ?? 'Asia/Jakarta',
  };
}
