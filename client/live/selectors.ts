// Derived lists for views. Pure, so views can memoise them on the collections they read.
import type { Line } from '../../shared/contract/events.ts';
import type { AgentView, AlertView, IncidentView, WaitingCall } from '../../shared/contract/views.ts';

const timeOf = (iso: string | null): number => {
  const ms = iso === null ? NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : 0;
};

/** A line's waiting calls, longest wait first. */
export function waitingOnLine(waiting: Readonly<Record<string, WaitingCall>>, line: Line): WaitingCall[] {
  return Object.values(waiting)
    .filter((c) => c.line === line)
    .sort((a, b) => timeOf(a.receivedAt) - timeOf(b.receivedAt) || a.callId.localeCompare(b.callId));
}

export interface AgentCounts {
  available: number;
  onCall: number;
  paused: number;
}

export function agentCounts(agents: Readonly<Record<string, AgentView>>, line: Line | null): AgentCounts {
  const counts: AgentCounts = { available: 0, onCall: 0, paused: 0 };
  for (const a of Object.values(agents)) {
    if (line !== null && a.line !== line) continue;
    if (a.state === 'available') counts.available += 1;
    else if (a.state === 'on_call') counts.onCall += 1;
    else if (a.state === 'paused') counts.paused += 1;
  }
  return counts;
}

/** Open incidents, newest first. */
export function latestIncidents(incidents: Readonly<Record<string, IncidentView>>): IncidentView[] {
  return Object.values(incidents).sort((a, b) => timeOf(b.reportedAt) - timeOf(a.reportedAt) || a.incidentId.localeCompare(b.incidentId));
}

/** Alerts still raised first, then by severity and newest; cleared ones last. */
export function sortedAlerts(alerts: Readonly<Record<string, AlertView>>): AlertView[] {
  const rank = (a: AlertView): number => (a.clearedAt === null ? 0 : 2) + (a.severity === 'critical' ? 0 : 1);
  return Object.values(alerts).sort((a, b) => rank(a) - rank(b) || timeOf(b.raisedAt) - timeOf(a.raisedAt));
}

/** The newest alert still raised and not yet acknowledged (the `a` shortcut takes it), or null. */
export function newestUnacked(alerts: Readonly<Record<string, AlertView>>): AlertView | null {
  let best: AlertView | null = null;
  for (const a of Object.values(alerts)) {
    if (a.clearedAt !== null || a.ackedAt !== null) continue;
    if (best === null || timeOf(a.raisedAt) > timeOf(best.raisedAt)) best = a;
  }
  return best;
}
