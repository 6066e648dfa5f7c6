// The city profile and its kecamatan boundaries, loaded once per page and shared by every
// component that needs the name, timezone, thresholds or map (they change only on redeploy).
import type { FeatureCollection } from 'geojson';
import { useEffect } from 'react';
import { create } from 'zustand';
import type { PublicCity } from '../../shared/contract/city.ts';
import { fetchCity, fetchKecamatanBoundaries } from './http.ts';

interface CityState {
  city: PublicCity | null;
  boundaries: FeatureCollection | null;
  error: string | null;
}

const useCityStore = create<CityState>()(() => ({ city: null, boundaries: null, error: null }));

let loading: Promise<void> | null = null;
const RETRY_MS = 5_000;

function load(): Promise<void> {
  loading ??= (async () => {
    try {
      const city = await fetchCity();
      useCityStore.setState({ city, error: null });
    } catch (err) {
      useCityStore.setState({ error: err instanceof Error ? err.message : String(err) });
      // The server may still be starting: try again rather than leave the wall without a city.
      loading = null;
      setTimeout(() => void load(), RETRY_MS);
      return;
    }
    try {
      useCityStore.setState({ boundaries: await fetchKecamatanBoundaries() });
    } catch {
      // Without boundaries the map still shows incidents on a plain background.
    }
  })();
  return loading;
}

export function useCity(): CityState {
  useEffect(() => {
    void load();
  }, []);
  return useCityStore();
}
