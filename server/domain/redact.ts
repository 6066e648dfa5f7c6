// What each role may see of personal data (design.md "Modes and roles"). The stream and the
// in-memory views keep full caller numbers; this is the one place that cuts them per room,
// so a new payload carrying a caller is redacted by adding it here, not in every emitter.
import { maskCallerNumber } from '../../shared/format/caller.ts';
import type { CallbackEntry, CallView, Change, IncidentView, Role, Snapshot } from '../../shared/contract/views.ts';

/** The `caller` a role may see for a number: full (operator), masked (display), none. */
export function callerFor(number: string | null | undefined, role: Role): { number: string } | undefined {
  if (number === null || number === undefined || number === '') return undefined;
  switch (role) {
    case 'operator': return { number };
    case 'display': return { number: maskCallerNumber(number) };
    case 'executive':
    case 'presenter':
    case 'demo': return undefined;
  }
}

export function redactCallView<T extends CallView>(call: T, role: Role): T {
  if (role === 'operator' || (call.caller === undefined && call.repeatCalls24h === undefined && call.prankCalls24h === undefined)) return call;
  // How often a number calls (and pranks) is about the caller: operators only (issue 16).
  const { caller, repeatCalls24h: _repeat, prankCalls24h: _prank, ...rest } = call;
  const visible = caller === undefined ? undefined : callerFor(caller.number, role);
  // Rebuilt without the key rather than `caller: undefined`: "absent" must survive JSON and `in`.
  return (visible === undefined ? rest : { ...rest, caller: visible }) as T;
}

/** The callback list's number is for call-takers only: no role but the operator sees any part of it. */
export function redactCallbackEntry(entry: CallbackEntry, role: Role): CallbackEntry {
  if (role === 'operator' || entry.caller === undefined) return entry;
  const { caller: _caller, ...rest } = entry;
  return rest;
}

/**
 * Incident summaries are free text typed by call-takers and may name people or carry phone
 * numbers: only operators see them. Executives get aggregates, and a wall is read by anyone in
 * the room, so theirs is blanked. Demo data is simulated, so it stays.
 */
export function redactIncidentView(incident: IncidentView, role: Role): IncidentView {
  if ((role !== 'executive' && role !== 'display') || incident.summary === null) return incident;
  return { ...incident, summary: null };
}

export function redactChange(change: Change, role: Role): Change {
  switch (change.t) {
    case 'call': {
      const call = redactCallView(change.call, role);
      return call === change.call ? change : { ...change, call };
    }
    case 'incident': {
      const incident = redactIncidentView(change.incident, role);
      return incident === change.incident ? change : { ...change, incident };
    }
    case 'callback': {
      if (change.entry === null) return change;
      const entry = redactCallbackEntry(change.entry, role);
      return entry === change.entry ? change : { ...change, entry };
    }
    case 'agent':
    case 'kpis':
    case 'apps':
    case 'alert':
    case 'counter':
      return change;
  }
}

export function redactSnapshot(s: Snapshot, role: Role): Snapshot {
  if (role === 'operator') return s;
  return {
    ...s,
    calls: {
      ...s.calls,
      waiting: s.calls.waiting.map((c) => redactCallView(c, role)),
      ...(s.calls.callbacks === undefined ? {} : { callbacks: s.calls.callbacks.map((e) => redactCallbackEntry(e, role)) }),
    },
    incidents: { ...s.incidents, open: s.incidents.open.map((i) => redactIncidentView(i, role)) },
  };
}
