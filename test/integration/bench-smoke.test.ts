// The benchmark code stays runnable: `bench/run.ts --quick` runs every benchmark at a tiny size
// and must print each expected figure exactly once, as a JSON object on its own line, and
// exit 0. Figures may be skipped only for a stated reason that is not a failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTED_FIGURES } from '../../bench/benchmarks.ts';
import type { Figure } from '../../bench/support/figure.ts';

function runQuick(out: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run bench -- --quick', () => {
  it('prints every expected figure once, as JSON, with its conditions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pantau-bench-smoke-'));
    try {
      const out = join(dir, 'results.json');
      const run = await runQuick(out);
      expect(run.code, run.stderr.slice(-3000)).toBe(0);
      const lines = run.stdout.split('\n').filter((l) => l.trim() !== '');
      const figures = lines.map((l) => JSON.parse(l) as Figure);
      expect(figures.map((f) => f.name).sort()).toEqual([...EXPECTED_FIGURES].sort());
      for (const f of figures) {
        expect(typeof f.conditions, f.name).toBe('object');
        if (f.skipped !== undefined) {
          expect(f.skipped, f.name).not.toMatch(/failed/);
          continue;
        }
        expect(typeof f.value === 'number' && Number.isFinite(f.value), `${f.name} has a number`).toBe(true);
        expect(f.unit.length, f.name).toBeGreaterThan(0);
        if (f.baseline) expect(f.baseline.value, f.name).toBeGreaterThan(0);
      }
      // The latency run's crowd of raw WebSocket screens took as many frames as the measuring
      // clients took deltas: they are real clients to the server, not idle connections.
      const crowd = figures.find((f) => f.name === 'e2e.latency.clients1000');
      const extra = (crowd?.extra ?? {}) as { framesPerRawScreen?: number; deltasPerProbe?: number; disconnects?: number };
      expect(extra.framesPerRawScreen).toBeGreaterThan(0);
      expect(extra.framesPerRawScreen).toBeGreaterThanOrEqual(0.9 * (extra.deltasPerProbe ?? Infinity));
      expect(extra.disconnects).toBe(0);
      const written = JSON.parse(readFileSync(out, 'utf8')) as { quick: boolean; figures: Figure[] };
      expect(written.quick).toBe(true);
      expect(written.figures).toHaveLength(figures.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
