// What the executive drilled into, as it stands in the URL (`drill=kecamatan:36.71.01`,
// `drill=calls:112`, `incident=<id>`), so a drill-down can be bookmarked and Back closes it.
export const DRILL_KINDS = ['kecamatan', 'category', 'agency', 'calls'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export interface Drill {
  kind: DrillKind;
  value: string;
}

function isKind(s: string): s is DrillKind {
  return (DRILL_KINDS as readonly string[]).includes(s);
}

export function parseDrill(param: string | null): Drill | null {
  if (param === null) return null;
  const i = param.indexOf(':');
  if (i <= 0) return null;
  const kind = param.slice(0, i);
  const value = param.slice(i + 1);
  if (!isKind(kind) || value === '' || value.length > 128) return null;
  if (kind === 'calls' && value !== '112' && value !== '119') return null;
  return { kind, value };
}

export function drillParam(d: Drill): string {
  return `${d.kind}:${d.value}`;
}
