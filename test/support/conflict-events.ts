// Event sets full of conflicts for the property tests (projection-order, live-converges): two
// endings with different dispositions, two receipts with different lines, dispatch before
// report, answer before receipt, repeated ids, alert raise/clear/ack, agent events, app activity,
// callbacks and shared caller numbers (issue 16).
import type { Agency, AppKind, Category, Disposition, Line, Outcome, PantauEvent } from '../../shared/contract/events.ts';
import type { Rng } from './fuzz-rng.ts';

const DAY = 86_400_000;
const LINES: Line[] = ['112', '119'];
const DISPOSITIONS: Disposition[] = ['emergency', 'info', 'prank', 'ghost'];
const CATEGORIES: Category[] = ['fire', 'medical', 'flood'];
const AGENCIES: Agency[] = ['police', 'fire', 'ambulance'];
const OUTCOMES: Outcome[] = ['resolved', 'prank', 'duplicate'];
const KINDS: AppKind[] = ['session', 'complaint', 'error'];
const KECAMATAN = ['36.71.01', '36.71.02'] as const;

export interface EventSetOptions {
  /** The set's times lie from about t0 - 100 days (old alerts) to t0 + 70 minutes (app activity). */
  t0: number;
  /**
   * Whether the set holds app activity. A running server's app-alert job reacts to it on its
   * own (raises alerts), so a test through a live server leaves it out.
   */
  apps?: boolean;
  /**
   * Whether some alerts are 100 days old: history the hourly trim removes, and which neither a
   * fresh snapshot nor a delta-fed view holds (shared/live alertInView), late events or not.
   */
  oldAlerts?: boolean;
  /**
   * How alert subjects begin (then 0-2). A running server's app-alert job clears the active
   * alerts of the apps it evaluates, so a test through a live server names subjects no app has.
   */
  alertSubject?: string;
}

/** One event set with conflicts. Times sit on a 5 s grid so equal times (ties) are common. */
export function eventSet(rng: Rng, set: number, { t0: T0, apps = true, oldAlerts = true, alertSubject = 'app-' }: EventSetOptions): PantauEvent[] {
  const out: PantauEvent[] = [];
  let n = 0;
  const at = (ms: number): string => new Date(ms).toISOString();
  const env = (ms: number) => ({ id: `s${set}-${n++}`, at: at(ms), source: rng.pick(['pbx', 'cad']) });
  const grid = (base: number, lo: number, hi: number): number => base + 5_000 * rng.int(lo, hi);
  const kec = () => rng.pick(KECAMATAN) as never;
  const agents = ['a1', 'a2', 'a3'];
  for (let c = 0; c < 5; c++) {
    const callId = `c${c}`;
    // The last call is sometimes a day and a half older: outside the others' 24 h repeat window.
    const base = (c === 4 && rng.chance(0.5) ? T0 - 1.5 * DAY : T0 + c * 400_000) + rng.int(0, 5) * 60_000;
    for (let k = rng.int(1, 2); k > 0; k--) {
      out.push({
        ...env(grid(base, 0, 3)), type: 'call.received', callId, line: rng.pick(LINES),
        // Few numbers: calls share them (repeat callers, callbacks merged per number), and two
        // receipts of one call may name different numbers (the earliest wins, the call moves).
        ...(rng.chance(0.7) ? { caller: { number: rng.pick(['0812-111', '0812 222', '0812111']) } } : {}),
        ...(rng.chance(0.5) ? { location: { kecamatan: kec() } } : {}),
      });
    }
    // An answer may come before the receipt (clock skew, or simply arrival).
    for (let k = rng.int(0, 2); k > 0; k--) out.push({ ...env(grid(base, -1, 8)), type: 'call.answered', callId, agentId: rng.pick(agents) });
    if (rng.chance(0.5)) out.push({ ...env(grid(base, 1, 8)), type: 'call.abandoned', callId });
    // Callbacks, before or after the abandonment, on this call or (by number) another's.
    for (let k = rng.int(0, 2); k > 0; k--) {
      out.push({ ...env(grid(base, 0, 60)), type: 'call.callback', callId, agentId: rng.pick(agents), outcome: rng.pick(['reached', 'no-answer', 'busy', 'invalid-number'] as const) });
    }
    for (let k = rng.int(0, 2); k > 0; k--) {
      out.push({ ...env(grid(base, 5, 12)), type: 'call.ended', callId, ...(rng.chance(0.7) ? { disposition: rng.pick(DISPOSITIONS) } : {}) });
    }
    if (rng.chance(0.15)) out.push({ ...env(grid(base, 20, 30)), type: 'call.expired', callId });
  }
  for (let i = 0; i < 2; i++) {
    const incidentId = `i${i}`;
    const base = T0 + i * 900_000;
    for (let k = rng.int(0, 2); k > 0; k--) {
      out.push({
        ...env(grid(base, 0, 4)), type: 'incident.reported', incidentId, line: rng.pick(LINES), category: rng.pick(CATEGORIES),
        priority: rng.int(1, 4), location: rng.chance(0.5) ? { lat: -6.2, lon: 106.6 } : { kecamatan: kec() },
        ...(rng.chance(0.4) ? { summary: `s${rng.int(0, 9)}` } : {}), ...(rng.chance(0.3) ? { callId: 'c0' } : {}),
      });
    }
    // Dispatch may come before (or without) the report.
    for (let k = rng.int(0, 2); k > 0; k--) out.push({ ...env(grid(base, -2, 6)), type: 'incident.dispatched', incidentId, agency: rng.pick(AGENCIES) });
    if (rng.chance(0.5)) out.push({ ...env(grid(base, 3, 8)), type: 'incident.on_scene', incidentId });
    for (let k = rng.int(0, 2); k > 0; k--) out.push({ ...env(grid(base, 8, 9)), type: 'incident.closed', incidentId, outcome: rng.pick(OUTCOMES) });
  }
  for (let a = 0; a < 2; a++) {
    const alertId = `al${a}`;
    // Some alerts are 100 days old: history the hourly trim removes, never the projection.
    const old = rng.chance(0.3) && oldAlerts;
    const base = old ? T0 - 100 * DAY : T0 + a * 600_000;
    for (let k = rng.int(1, 2); k > 0; k--) {
      out.push({
        ...env(grid(base, 0, 3)), type: 'alert.raised', alertId, kind: rng.pick(['spike', 'drop'] as const), subject: `${alertSubject}${rng.int(0, 2)}`,
        severity: rng.pick(['warning', 'critical'] as const), ...(rng.chance(0.5) ? { detail: { n: rng.int(0, 9) } } : {}),
      });
    }
    if (rng.chance(0.5)) out.push({ ...env(grid(base, 2, 6)), type: 'alert.cleared', alertId });
    for (let k = rng.int(0, 2); k > 0; k--) out.push({ ...env(grid(base, 1, 3)), type: 'alert.acked', alertId, by: rng.pick(['budi', 'sari']) });
  }
  for (const agentId of agents) {
    for (let k = rng.int(0, 3); k > 0; k--) {
      out.push({
        ...env(grid(T0, 0, 20)), type: rng.pick(['agent.login', 'agent.logout', 'agent.paused', 'agent.unpaused'] as const), agentId,
        ...(rng.chance(0.5) ? { line: rng.pick(LINES) } : {}),
      });
    }
  }
  for (let k = 0; k < (apps ? 3 : 0); k++) {
    const kind = rng.pick(KINDS);
    out.push({ ...env(grid(T0, 0, 800)), type: 'app.activity', appId: rng.pick(['laksa', 'sipd']), kind, count: rng.int(1, 5), ...(kind === 'complaint' && rng.chance(0.7) ? { kecamatan: kec() } : {}) });
  }
  // Repeated ids: the same event sent again is a duplicate, whenever it arrives.
  for (let k = rng.int(0, 3); k > 0; k--) out.push(rng.pick(out));
  return out;
}

export function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function batchSplit(rng: Rng, n: number): number[] {
  const out: number[] = [];
  for (let left = n; left > 0;) {
    const k = Math.min(left, rng.int(1, 12));
    out.push(k);
    left -= k;
  }
  return out;
}

