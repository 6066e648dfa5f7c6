// BPS code → kecamatan or kelurahan name, from the city profile (incidents carry the codes;
// the two kinds of code have different lengths, so one lookup serves both).
import { useMemo } from 'react';
import { useCity } from '../../api/use-city.ts';

export function useKecamatanNames(): (code: string | null) => string {
  const { city } = useCity();
  return useMemo(() => {
    const names = new Map([...(city?.kecamatan ?? []), ...(city?.kelurahan ?? [])].map((k) => [k.code, k.name]));
    return (code) => (code === null ? '' : (names.get(code) ?? code));
  }, [city]);
}
