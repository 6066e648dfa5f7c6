// The state of each registered app on the wall grid, from its active alerts and today's use.
// An app with several alerts shows the worst: an error-rate breach or a collapse in use
// (failing) over a silence, over a spike.
import type { AppState } from '../../shared/contract/views.ts';
import type { AppCounts } from './app-rollup.ts';
import { totalOf } from './app-rollup.ts';

export interface ActiveAlertRef {
  kind: string;
  subject: string;
}

const RANK: Record<AppState, number> = { failing: 4, silent: 3, spiking: 2, normal: 1, idle: 0 };

export function stateOfAlertKind(kind: string): AppState | null {
  switch (kind) {
    case 'error-rate':
    case 'drop':
      return 'failing';
    case 'silent':
      return 'silent';
    case 'spike':
      return 'spiking';
    default:
      return null;
  }
}

export function appStates(appIds: Iterable<string>, today: AppCounts, active: readonly ActiveAlertRef[]): Record<string, AppState> {
  const fromAlerts = new Map<string, AppState>();
  for (const a of active) {
    const s = stateOfAlertKind(a.kind);
    if (s === null) continue;
    const prev = fromAlerts.get(a.subject);
    if (prev === undefined || RANK[s] > RANK[prev]) fromAlerts.set(a.subject, s);
  }
  const out: Record<string, AppState> = {};
  for (const id of appIds) {
    const c = today.get(id);
    out[id] = fromAlerts.get(id) ?? (c !== undefined && totalOf(c) > 0 ? 'normal' : 'idle');
  }
  return out;
}

export function countStates(states: Readonly<Record<string, AppState>>): Record<AppState, number> {
  const out: Record<AppState, number> = { normal: 0, spiking: 0, silent: 0, failing: 0, idle: 0 };
  for (const s of Object.values(states)) out[s]++;
  return out;
}
