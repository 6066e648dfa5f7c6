// One call-taker as the store keeps it (hash `agent:<agentId>`, docs/architecture.md). Each
// transition keeps its latest time, so the state is a comparison of times and comes out
// the same whatever order the events arrived in.
import type { Line } from '../../shared/contract/events.ts';
import type { AgentState, AgentView } from '../../shared/contract/views.ts';
import { parseLine } from './call-record.ts';
import { isoOrNull, parseEpochMs } from './time.ts';

export interface AgentRecord {
  agentId: string;
  line: Line | null;
  loginAtMs: number | null;
  logoutAtMs: number | null;
  pausedAtMs: number | null;
  unpausedAtMs: number | null;
  /** The call the agent is on now, cleared when it ends. */
  callId: string | null;
  callAtMs: number | null;
}

export function parseAgentRecord(agentId: string, hash: Record<string, string>): AgentRecord {
  const callId = hash['callId'];
  return {
    agentId,
    line: parseLine(hash['line']),
    loginAtMs: parseEpochMs(hash['loginAt']),
    logoutAtMs: parseEpochMs(hash['logoutAt']),
    pausedAtMs: parseEpochMs(hash['pausedAt']),
    unpausedAtMs: parseEpochMs(hash['unpausedAt']),
    callId: callId === undefined || callId === '' ? null : callId,
    callAtMs: parseEpochMs(hash['callAt']),
  };
}

const NEVER = Number.NEGATIVE_INFINITY;

/**
 * A logout at the same instant as a login wins (the safer reading of a wall: nobody is
 * there). A pause from before the latest login is stale: Asterisk members come back from a
 * logout unpaused unless they are added paused, which logs its pause at the login instant.
 */
export function agentState(r: AgentRecord): AgentState {
  if (r.callId !== null) return 'on_call';
  if (r.logoutAtMs !== null && r.logoutAtMs >= (r.loginAtMs ?? NEVER)) return 'logged_out';
  if (r.pausedAtMs !== null && r.pausedAtMs > (r.unpausedAtMs ?? NEVER) && r.pausedAtMs >= (r.loginAtMs ?? NEVER)) {
    return 'paused';
  }
  return 'available';
}

function latest(...times: (number | null)[]): number | null {
  let out: number | null = null;
  for (const t of times) if (t !== null && (out === null || t > out)) out = t;
  return out;
}

/** When the current state began, as far as the record knows. */
function stateSince(r: AgentRecord, state: AgentState): number | null {
  switch (state) {
    case 'on_call': return r.callAtMs;
    case 'logged_out': return r.logoutAtMs;
    case 'paused': return r.pausedAtMs;
    case 'available': return latest(r.loginAtMs, r.unpausedAtMs);
  }
}

export function toAgentView(r: AgentRecord, timeZone: string): AgentView {
  const state = agentState(r);
  return { agentId: r.agentId, line: r.line, state, since: isoOrNull(stateSince(r, state), timeZone), callId: r.callId };
}
