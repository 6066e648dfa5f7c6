// The README's bench table is made from bench/results.json: every figure gets a row with its
// baseline, ratio and target, and only the text between the markers changes.
import { describe, expect, it } from 'vitest';
import { mergeResults, replaceTable, resultsTable, type Results } from '../../bench/support/results-table.ts';

const results: Results = {
  startedAt: '2026-11-23T13:05:00.000Z',
  seconds: 640,
  quick: false,
  machine: { cpus: 2, cpu: 'AMD EPYC', memoryGb: 24, node: 'v20.20.0', redis: '7.0.15', loadAvgAtStart: [0.5, 0.7, 0.9] },
  figures: [
    {
      name: 'ingest.http.batch1000.json', value: 21450.4, unit: 'events/s', conditions: { batch: 1000, loadAvg1m: 1.2 },
      baseline: { name: 'raw pipeline', value: 30000, unit: 'events/s' }, ratio: 0.715,
      target: { of: 'ratio', op: '>=', limit: 0.5, met: true },
    },
    { name: 'read.snapshot', value: 15.5, unit: 'ms (p50)', conditions: { loadAvg1m: 1 }, target: { of: 'value', op: '<', limit: 50, met: false } },
    { name: 'browser.wall.firstPaint', value: null, unit: '', conditions: {}, skipped: 'no chromium' },
  ],
};

describe('bench results table', () => {
  it('has a row per figure with value, baseline, ratio, target and conditions', () => {
    const t = resultsTable(results);
    expect(t).toContain('2 × AMD EPYC, 24 GB, Node v20.20.0, Redis 7.0.15; load average at start 0.5 / 0.7 / 0.9');
    expect(t).toContain('| `ingest.http.batch1000.json` | 21,450 events/s | 30,000 events/s (raw pipeline) | 0.72 | ✅ ratio >= 0.5 | batch=1000, load 1.2 |');
    expect(t).toContain('| `read.snapshot` | 15.5 ms (p50) |  |  | ❌ < 50 | load 1 |');
    expect(t).toContain('| `browser.wall.firstPaint` | skipped: no chromium |');
  });

  it('replaces only the text between the markers, and refuses a README without them', () => {
    const readme = 'a\n<!-- bench:start -->\nold\n<!-- bench:end -->\nb\n';
    expect(replaceTable(readme, 'new')).toBe('a\n<!-- bench:start -->\nnew\n<!-- bench:end -->\nb\n');
    expect(() => replaceTable('no markers', 'x')).toThrow(/markers/);
  });
});

describe('a partial run merged into the results (--only … --update)', () => {
  const update = { startedAt: '2026-12-05T22:10:00.000Z', benchmarks: ['ingest'], loadAvgAtStart: [3, 2, 1] };
  const fresh = { name: 'ingest.http.batch1000.json', value: 9000, unit: 'events/s', conditions: { batch: 1000, loadAvg1m: 3 } };
  const added = { name: 'ingest.new', value: 1, unit: 'events/s', conditions: {} };

  it('replaces the figures of the same names where they stood, appends new ones, keeps the rest', () => {
    const merged = mergeResults(results, [fresh, added], update);
    expect(merged.figures.map((f) => f.name)).toEqual(['ingest.http.batch1000.json', 'read.snapshot', 'browser.wall.firstPaint', 'ingest.new']);
    expect(merged.figures[0]).toEqual(fresh);
    expect(merged.figures[1]).toEqual(results.figures[1]);
    expect(merged.startedAt).toBe(results.startedAt);
    expect(merged.updates).toEqual([update]);
  });

  it('says in the table which benchmarks a partial run updated, and when', () => {
    const t = resultsTable(mergeResults(results, [fresh], update));
    expect(t).toContain('Updated since by a partial run: ingest at 2026-12-05 22:10 UTC, load average at start 3 / 2 / 1.');
    expect(t).toContain('| `ingest.http.batch1000.json` | 9,000 events/s |');
  });
});
