// Kecamatan shading by open-incident count or per 10,000 residents. Breaks are "nice" fixed
// steps from zero rather than quantiles: on a wall the legend should not reshuffle every time
// one incident opens, and an outlier (a flood in one kecamatan) should look like one.
import type { FeatureCollection } from 'geojson';
import type { KecamatanInfo } from '../../shared/contract/city.ts';

export const CHOROPLETH_MODES = ['off', 'count', 'per10k'] as const;
export type ChoroplethMode = (typeof CHOROPLETH_MODES)[number];

/**
 * The modes a profile can offer: per 10,000 residents only when every kecamatan has a population.
 * With some missing (Kota Tangerang's public figures cover 5 of 13), the rate would rank a
 * kecamatan without one as "no data" beside real rates, which reads as a finding.
 */
export function choroplethModes(kecamatan: readonly KecamatanInfo[]): readonly ChoroplethMode[] {
  const complete = kecamatan.length > 0 && kecamatan.every((k) => typeof k.population === 'number' && k.population > 0);
  return complete ? CHOROPLETH_MODES : CHOROPLETH_MODES.filter((m) => m !== 'per10k');
}

/** A mode the profile cannot offer falls back to counts (a saved or configured per10k on a city without populations). */
export function offeredMode(mode: ChoroplethMode, modes: readonly ChoroplethMode[]): ChoroplethMode {
  return modes.includes(mode) ? mode : 'count';
}

export function countByKecamatan(codes: Iterable<string | null>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const code of codes) if (code !== null) counts.set(code, (counts.get(code) ?? 0) + 1);
  return counts;
}

export function per10k(count: number, population: number | null | undefined): number | null {
  if (population === null || population === undefined || !(population > 0)) return null;
  return (count * 10_000) / population;
}

/** The value each kecamatan is shaded by; null means "no data" (a placeholder population). */
export function choroplethValues(
  codes: readonly string[],
  counts: ReadonlyMap<string, number>,
  kecamatan: readonly KecamatanInfo[],
  mode: ChoroplethMode,
): Map<string, number | null> {
  const population = new Map(kecamatan.map((k) => [k.code, k.population]));
  const out = new Map<string, number | null>();
  for (const code of codes) {
    const count = counts.get(code) ?? 0;
    out.set(code, mode === 'per10k' ? per10k(count, population.get(code)) : count);
  }
  return out;
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ x (whole numbers only when `integer`). */
export function niceStep(x: number, integer: boolean): number {
  if (!(x > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) {
    const step = m * magnitude;
    if (step >= x - 1e-12 && (!integer || Number.isInteger(step))) return step;
  }
  return 10 * magnitude;
}

/**
 * Inclusive upper bounds of each class, ascending. Zero is always a class of its own ("none
 * open here" reads differently from "a few"); then up to `classes` equal nice steps up to max.
 */
export function niceBreaks(max: number, classes: number, integer: boolean): number[] {
  if (!(max > 0)) return [0];
  const step = niceStep(max / Math.max(1, classes), integer);
  const breaks = [0];
  for (let b = step; breaks.length <= classes; b += step) {
    breaks.push(round(b));
    if (b >= max - 1e-12) break;
  }
  return breaks;
}

/** Index of the class a value falls in (the first break ≥ value), clamped to the last class. */
export function classify(value: number, breaks: readonly number[]): number {
  for (let i = 0; i < breaks.length; i++) if (value <= (breaks[i] ?? Infinity)) return i;
  return Math.max(0, breaks.length - 1);
}

/** Legend text per class: "0", "1–5", "6–10" for counts; "0", "0–0,5", "0,5–1" for rates. */
export function legendRanges(breaks: readonly number[], integer: boolean, format: (n: number) => string): string[] {
  return breaks.map((b, i) => {
    if (i === 0) return format(b);
    const prev = breaks[i - 1] ?? 0;
    const lo = integer ? prev + 1 : prev;
    return lo >= b ? format(b) : `${format(lo)}–${format(b)}`;
  });
}

/** Which of `rampSize` colours class `index` of `classCount` takes: spread over the ramp. */
export function rampIndex(index: number, classCount: number, rampSize: number): number {
  if (classCount <= 1 || rampSize <= 1) return 0;
  return Math.round((index * (rampSize - 1)) / (classCount - 1));
}

function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

export type MapTheme = 'wall' | 'desk';

/** What a kecamatan is filled with: nothing, a colour, or the "no data" hatch. */
export type KecamatanFill = { kind: 'none' } | { kind: 'color'; color: string } | { kind: 'hatch' };

/**
 * Sequential teal ramps, one class per colour (zero plus up to five steps). Teal stays clear of
 * the red/orange/yellow/blue priority markers drawn on top. On the dark wall more is brighter;
 * on the light desk more is darker.
 */
export const RAMPS: Readonly<Record<MapTheme, readonly string[]>> = {
  wall: ['#1b2a30', '#14434a', '#126562', '#1b8c7e', '#3bb49b', '#8adfc2'],
  desk: ['#f1f7f6', '#cce8e2', '#97d0c5', '#5cb0a3', '#2c877f', '#125c59'],
};

export const HATCH: Readonly<Record<MapTheme, { background: string; stripe: string }>> = {
  wall: { background: '#24272d', stripe: '#5a606b' },
  desk: { background: '#eceef1', stripe: '#a3a9b3' },
};

export const CHOROPLETH_CLASSES = RAMPS.wall.length - 1;

export interface LegendClass {
  label: string;
  color: string;
}

export interface Choropleth {
  fills: Map<string, KecamatanFill>;
  classes: LegendClass[];
  /** Some kecamatan have no population, so their rate is unknown (drawn hatched). */
  noData: boolean;
}

export function buildChoropleth(
  values: ReadonlyMap<string, number | null>,
  mode: ChoroplethMode,
  theme: MapTheme,
  format: (n: number) => string,
): Choropleth {
  const fills = new Map<string, KecamatanFill>();
  if (mode === 'off') {
    for (const code of values.keys()) fills.set(code, { kind: 'none' });
    return { fills, classes: [], noData: false };
  }
  const integer = mode === 'count';
  let max = 0;
  let noData = false;
  for (const v of values.values()) {
    if (v === null) noData = true;
    else if (v > max) max = v;
  }
  const breaks = niceBreaks(max, CHOROPLETH_CLASSES, integer);
  const ramp = RAMPS[theme];
  const colorOf = (i: number): string => ramp[rampIndex(i, breaks.length, ramp.length)] ?? ramp[0] ?? '#000000';
  for (const [code, v] of values) {
    fills.set(code, v === null ? { kind: 'hatch' } : { kind: 'color', color: colorOf(classify(v, breaks)) });
  }
  const classes = legendRanges(breaks, integer, format).map((label, i) => ({ label, color: colorOf(i) }));
  return { fills, classes, noData };
}

export interface KecamatanStat {
  code: string;
  name: string;
  count: number;
  population: number | null;
  per10k: number | null;
}

export function kecamatanStats(
  names: ReadonlyMap<string, string>,
  counts: ReadonlyMap<string, number>,
  kecamatan: readonly KecamatanInfo[],
): Map<string, KecamatanStat> {
  const population = new Map(kecamatan.map((k) => [k.code, k.population]));
  const out = new Map<string, KecamatanStat>();
  for (const [code, name] of names) {
    const count = counts.get(code) ?? 0;
    const pop = population.get(code) ?? null;
    out.set(code, { code, name, count, population: pop, per10k: per10k(count, pop) });
  }
  return out;
}

/** Kecamatan names by code: the profile's list first, then names found in the boundaries. */
export function kecamatanNames(boundaries: FeatureCollection | null, kecamatan: readonly KecamatanInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const k of kecamatan) out.set(k.code, k.name);
  for (const f of boundaries?.features ?? []) {
    const code: unknown = f.properties?.['code'];
    const name: unknown = f.properties?.['name'];
    if (typeof code === 'string' && !out.has(code)) out.set(code, typeof name === 'string' ? name : code);
  }
  return out;
}
