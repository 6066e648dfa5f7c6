// The README's table of benchmark figures, made from bench/results.json so that the README
// never shows a number the last run did not measure.
import type { Figure } from './figure.ts';

export interface Results {
  startedAt: string;
  seconds: number;
  quick: boolean;
  machine: { cpus: number; cpu: string; memoryGb: number; node: string; redis: string; loadAvgAtStart: number[] };
  figures: Figure[];
  /** Partial runs merged in since the full one (`npm run bench -- --only … --update`). */
  updates?: ResultsUpdate[];
}

export interface ResultsUpdate {
  startedAt: string;
  benchmarks: string[];
  loadAvgAtStart: number[];
}

/**
 * The results with the figures of a partial run merged in: a figure of the same name is
 * replaced where it stood, a new one is appended, every other figure is kept as it was.
 */
export function mergeResults(previous: Results, figures: readonly Figure[], update: ResultsUpdate): Results {
  const fresh = new Map(figures.map((f) => [f.name, f]));
  const merged = previous.figures.map((f) => fresh.get(f.name) ?? f);
  const known = new Set(previous.figures.map((f) => f.name));
  merged.push(...figures.filter((f) => !known.has(f.name)));
  return { ...previous, figures: merged, updates: [...(previous.updates ?? []), update] };
}

function num(n: number): string {
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return String(Math.round(n * 100) / 100);
}

/** The conditions, with the machine's load when the figure was taken last. */
function conditions(f: Figure): string {
  const parts = Object.entries(f.conditions).filter(([k]) => k !== 'loadAvg1m').map(([k, v]) => `${k}=${String(v)}`);
  if (f.conditions.loadAvg1m !== undefined) parts.push(`load ${String(f.conditions.loadAvg1m)}`);
  return parts.join(', ');
}

function targetText(f: Figure): string {
  const t = f.target;
  if (!t) return '';
  return `${t.met ? '✅' : '❌'} ${t.of === 'ratio' ? 'ratio' : ''} ${t.op} ${num(t.limit)}`.replace(/ {2,}/g, ' ');
}

export function resultsTable(r: Results): string {
  const m = r.machine;
  const lines = [
    `Last full run: ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(r.seconds / 60)} min, on ${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, Redis ${m.redis}; load average at start ${m.loadAvgAtStart.join(' / ')}.`,
    ...(r.updates ?? []).map((u) => `Updated since by a partial run: ${u.benchmarks.join(', ')} at ${u.startedAt.slice(0, 16).replace('T', ' ')} UTC, load average at start ${u.loadAvgAtStart.join(' / ')}.`),
    '',
    '| figure | value | raw baseline (same run) | ratio | target | conditions |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of r.figures) {
    const value = f.value === null ? `skipped: ${f.skipped ?? 'no value'}` : `${num(f.value)} ${f.unit}`;
    const baseline = f.baseline ? `${num(f.baseline.value)} ${f.baseline.unit} (${f.baseline.name})` : '';
    const ratio = f.ratio === undefined ? '' : num(f.ratio);
    lines.push(`| \`${f.name}\` | ${value} | ${baseline} | ${ratio} | ${targetText(f)} | ${conditions(f)} |`);
  }
  return lines.join('\n');
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** The README with the text between the bench markers replaced. */
export function replaceTable(readme: string, table: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md has no ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${table}\n${readme.slice(b)}`;
}
