// The targets figures are judged against: the city profile's, else those the KPI answer carries.
import type { Targets } from '../../../shared/contract/city.ts';
import { useCity } from '../../api/use-city.ts';
import { useLive } from '../../live/store.ts';

export function useTargets(): Partial<Targets> | null {
  const { city } = useCity();
  const fromKpis = useLive((s) => s.data.kpis?.targets ?? null);
  if (city) return city.targets;
  if (!fromKpis) return null;
  const { sl15, sl20, asaSeconds } = fromKpis;
  return asaSeconds === undefined ? { sl15, sl20 } : { sl15, sl20, asaSeconds };
}
