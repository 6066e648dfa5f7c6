// What every benchmark gets from bench/run.ts: the size mode, the run's redis-server, the
// city profile, and `report` (prints the figure's JSON line at once and keeps it).
import type { CityProfile } from '../../server/city/city-profile.ts';
import type { PointSource } from './events.ts';
import type { Report } from './figure.ts';
import type { BenchRedis } from './redis-server.ts';

export interface BenchContext {
  /** --quick: every benchmark at a tiny size (the smoke test). */
  quick: boolean;
  redis: BenchRedis;
  city: CityProfile;
  /** Points in the city, for located events. */
  point: PointSource;
  report: Report;
  /** Progress for humans, on stderr (stdout carries only figure lines). */
  progress(message: string): void;
  /** A key prefix no other benchmark of this run uses. */
  prefix(name: string): string;
}

export interface Benchmark {
  name: string;
  /** Figure names it prints (each exactly once, measured or skipped). */
  figures: readonly string[];
  run(ctx: BenchContext): Promise<void>;
}

/** Runs fn over items with at most `concurrency` in flight, in order of start. */
export async function runPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
