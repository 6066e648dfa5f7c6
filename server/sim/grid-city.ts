// A stand-in city of rectangular kecamatan on a grid: lets the simulator run (in tests, in a
// bench, on a machine without boundary files) with the same point sampling as a real profile.
import { pointSampler } from './geo-sampling.ts';
import type { SimCity } from './state.ts';

export interface GridCityOptions {
  kecamatan: readonly { code: string; population: number | null }[];
  apps?: SimCity['apps'];
  /** South-west corner and cell size in degrees (default: around Kota Tangerang, ~2.2 km cells). */
  origin?: { lat: number; lon: number };
  cellDeg?: number;
}

export interface GridCity extends SimCity {
  /** The kecamatan whose rectangle holds the point, or null outside the grid. */
  locate(lat: number, lon: number): { kecamatan: string; kelurahan: null } | null;
}

export function gridCity(opts: GridCityOptions): GridCity {
  const origin = opts.origin ?? { lat: -6.25, lon: 106.58 };
  const cell = opts.cellDeg ?? 0.02;
  const cols = Math.ceil(Math.sqrt(opts.kecamatan.length));
  const boxes = new Map<string, [number, number, number, number]>();
  opts.kecamatan.forEach((k, i) => {
    const minLon = origin.lon + (i % cols) * cell;
    const minLat = origin.lat + Math.floor(i / cols) * cell;
    boxes.set(k.code, [minLon, minLat, minLon + cell, minLat + cell]);
  });
  const locate = (lat: number, lon: number): { kecamatan: string; kelurahan: null } | null => {
    for (const [code, [minLon, minLat, maxLon, maxLat]] of boxes) {
      if (lon >= minLon && lon < maxLon && lat >= minLat && lat < maxLat) return { kecamatan: code, kelurahan: null };
    }
    return null;
  };
  const geo = {
    bboxOf: (code: string) => boxes.get(code) ?? null,
    locate,
    centroidOf: (code: string): [number, number] | null => {
      const b = boxes.get(code);
      return b === undefined ? null : [(b[1] + b[3]) / 2, (b[0] + b[2]) / 2];
    },
  };
  return { kecamatan: opts.kecamatan, apps: opts.apps ?? [], pointIn: pointSampler(geo), locate };
}
