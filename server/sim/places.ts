// Where simulated calls and incidents happen: kecamatan drawn by population, points inside them.
import { KecamatanCode } from '../../shared/contract/events.ts';
import { REFERENCE_POPULATION } from './facts.ts';
import { weightedPick, type Rng } from './rng.ts';
import type { SimCity } from './state.ts';

/**
 * Weight per kecamatan: its population where known; an unknown one counts as the mean of the
 * known ones (city-facts.md: "SP2020 shares for the known rows, equal shares for the rest"),
 * and with none known all are equal.
 */
export function kecamatanWeights(city: SimCity): [KecamatanCode, number][] {
  const known = city.kecamatan.flatMap((k) => (k.population !== null && k.population > 0 ? [k.population] : []));
  const fill = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  // Parsing brands the codes and stops a malformed one before it reaches every event.
  return city.kecamatan.map((k) => [KecamatanCode.parse(k.code), k.population !== null && k.population > 0 ? k.population : fill]);
}

/** Population the call volume scales with; the reference city when nothing is known. */
export function cityPopulation(city: SimCity): number {
  const known = city.kecamatan.flatMap((k) => (k.population !== null && k.population > 0 ? [k.population] : []));
  if (known.length === 0) return REFERENCE_POPULATION;
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  return mean * city.kecamatan.length;
}

export function pickKecamatan(rng: Rng, weights: readonly (readonly [KecamatanCode, number])[]): KecamatanCode {
  return weightedPick(rng, weights);
}

/** A location for an incident: a point inside the kecamatan when its shape is known. */
export function locationIn(
  city: SimCity,
  rng: Rng,
  kecamatan: KecamatanCode,
): { lat: number; lon: number } | null {
  const p = city.pointIn(kecamatan, () => rng.next());
  if (p === null) return null;
  // Six decimals ≈ 0.1 m: precise enough, and keeps payloads short.
  return { lat: Math.round(p.lat * 1e6) / 1e6, lon: Math.round(p.lon * 1e6) / 1e6 };
}
