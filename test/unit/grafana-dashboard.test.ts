// The Grafana dashboard and alert rules in docs/grafana: every metric they query is one that
// server/metrics.ts exposes (read from a real registry's text output, histogram series
// included), every metric the README's "What to monitor" names has an alert rule, and the
// files refer to the one provisioned data source.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../server/metrics.ts';

interface Target { expr: string }
interface Dashboard { uid: string; panels: { title: string; datasource: { uid: string }; targets: Target[] }[] }
interface Rules { groups: { rules: { uid: string; title: string; data: { datasourceUid: string; model: { expr?: string } }[] }[] }[] }

const dashboard = JSON.parse(readFileSync('docs/grafana/dashboards/pantau.json', 'utf8')) as Dashboard;
const alerting = JSON.parse(readFileSync('docs/grafana/provisioning/alerting/pantau-alerts.json', 'utf8')) as Rules;
const rules = alerting.groups.flatMap((g) => g.rules);

/** Metric names as Prometheus sees them: each family's name, and a histogram's _bucket, _sum and _count. */
async function exposedNames(): Promise<Set<string>> {
  const text = await createMetrics().registry.metrics();
  const names = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name = '', type] = m;
    names.add(name);
    if (type === 'histogram' || type === 'summary') for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  return names;
}

const pantauNames = (expr: string): string[] => [...expr.matchAll(/\bpantau_[a-z0-9_]+/g)].map((m) => m[0]);

describe('Grafana dashboard and alert rules', () => {
  it('query only metrics that server/metrics.ts exposes', async () => {
    const exposed = await exposedNames();
    expect(exposed.size).toBeGreaterThan(20);
    const used = [
      ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)),
      ...rules.flatMap((r) => r.data.map((d) => d.model.expr ?? '')),
    ].flatMap(pantauNames);
    expect(used.length).toBeGreaterThan(20);
    expect([...new Set(used)].filter((n) => !exposed.has(n))).toEqual([]);
    // The check does catch a misspelt name.
    expect(exposed.has('pantau_ingest_event_total')).toBe(false);
  });

  it('alert on every metric the README tells operators to monitor', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('**What to monitor.**'), readme.indexOf('**Rotating keys and tokens.**'));
    const named = new Set(pantauNames(section).filter((n) => n !== 'pantau_process_'));
    expect(named.size).toBeGreaterThan(8);
    const alerted = new Set(rules.flatMap((r) => r.data.flatMap((d) => pantauNames(d.model.expr ?? ''))).map((n) => n.replace(/_(bucket|sum|count)$/, '')));
    expect([...named].filter((n) => !alerted.has(n))).toEqual([]);
    expect(rules.some((r) => (r.data[0]?.model.expr ?? '').includes('up{job="pantau"}'))).toBe(true);
  });

  it('use the provisioned data source and unique rule ids', () => {
    for (const p of dashboard.panels) expect(p.datasource.uid, p.title).toBe('prometheus');
    for (const r of rules) for (const d of r.data) expect(['prometheus', '__expr__']).toContain(d.datasourceUid);
    expect(new Set(rules.map((r) => r.uid)).size).toBe(rules.length);
  });
});
