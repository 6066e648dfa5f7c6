// BPS code → kecamatan name, from the city profile (incidents carry the code).
import { useMemo } from 'react';
import { useCity } from '../../api/use-city.ts';

export function useKecamatanNames(): (code: string | null) => string {
  const { city } = useCity();
  return useMemo(() => {
    const names = new Map((city?.kecamatan ?? []).map((k) => [k.code, k.name]));
    return (code) => (code === null ? '' : (names.get(code) ?? code));
  }, [city]);
}
