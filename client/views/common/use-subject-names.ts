// Display names of alert subjects: apps by id and kecamatan by BPS code, from the city profile.
import { useMemo } from 'react';
import type { AlertView } from '../../../shared/contract/views.ts';
import { useCity } from '../../api/use-city.ts';

export function useSubjectNames(): Record<string, string> {
  const { city } = useCity();
  return useMemo(() => {
    const out: Record<string, string> = {};
    for (const a of city?.apps ?? []) out[a.id] = a.name;
    for (const k of city?.kecamatan ?? []) out[k.code] = k.name;
    return out;
  }, [city]);
}

/** The profile's name, else the name the alert carries, else its raw subject. */
export function subjectName(alert: AlertView, names: Readonly<Record<string, string>>): string {
  const carried = alert.detail['name'];
  return names[alert.subject] ?? (typeof carried === 'string' ? carried : alert.subject);
}
