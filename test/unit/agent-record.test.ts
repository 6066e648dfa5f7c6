import { describe, expect, it } from 'vitest';
import { AgentView } from '../../shared/contract/views.ts';
import { agentState, parseAgentRecord, toAgentView, type AgentRecord } from '../../server/domain/agent-record.ts';

const T0 = Date.parse('2026-11-23T07:00:00+07:00');

function agent(over: Partial<AgentRecord>): AgentRecord {
  return { ...parseAgentRecord('PJSIP/201', {}), ...over };
}

describe('parseAgentRecord', () => {
  it('reads the hash and turns junk into null', () => {
    expect(parseAgentRecord('A1', { line: '119', loginAt: String(T0), pausedAt: 'x', callId: 'C1', callAt: String(T0 + 5) })).toEqual({
      agentId: 'A1', line: '119', loginAtMs: T0, logoutAtMs: null, pausedAtMs: null, unpausedAtMs: null, callId: 'C1', callAtMs: T0 + 5,
    });
  });
});

describe('agentState', () => {
  it.each<[string, Partial<AgentRecord>, string]>([
    ['nothing known', {}, 'available'],
    ['logged in', { loginAtMs: T0 }, 'available'],
    ['on a call (wins over all)', { loginAtMs: T0, pausedAtMs: T0 + 1, callId: 'C1' }, 'on_call'],
    ['logged out after login', { loginAtMs: T0, logoutAtMs: T0 + 1 }, 'logged_out'],
    ['logout at the login instant', { loginAtMs: T0, logoutAtMs: T0 }, 'logged_out'],
    ['logged in again', { loginAtMs: T0 + 2, logoutAtMs: T0 + 1 }, 'available'],
    ['logout without any login', { logoutAtMs: T0 }, 'logged_out'],
    ['paused', { loginAtMs: T0, pausedAtMs: T0 + 1 }, 'paused'],
    ['paused at the login instant (added paused)', { loginAtMs: T0, pausedAtMs: T0 }, 'paused'],
    ['unpaused', { loginAtMs: T0, pausedAtMs: T0 + 1, unpausedAtMs: T0 + 2 }, 'available'],
    ['paused again', { loginAtMs: T0, pausedAtMs: T0 + 3, unpausedAtMs: T0 + 2 }, 'paused'],
    ['pause and unpause at one instant', { pausedAtMs: T0, unpausedAtMs: T0 }, 'available'],
    ['a pause from before the latest login is stale', { pausedAtMs: T0, logoutAtMs: T0 + 1, loginAtMs: T0 + 2 }, 'available'],
  ])('%s → %s', (_name, over, state) => {
    expect(agentState(agent(over))).toBe(state);
  });
});

describe('toAgentView', () => {
  it('tells since when the state holds', () => {
    const tz = 'Asia/Jakarta';
    expect(toAgentView(agent({ loginAtMs: T0, pausedAtMs: T0 + 60_000 }), tz)).toEqual({
      agentId: 'PJSIP/201', line: null, state: 'paused', since: '2026-11-23T07:01:00.000+07:00', callId: null,
    });
    expect(toAgentView(agent({ loginAtMs: T0, pausedAtMs: T0 + 1000, unpausedAtMs: T0 + 5000 }), tz).since).toBe('2026-11-23T07:00:05.000+07:00');
    expect(toAgentView(agent({ loginAtMs: T0, callId: 'C1', callAtMs: T0 + 9000 }), tz).since).toBe('2026-11-23T07:00:09.000+07:00');
    expect(toAgentView(agent({}), tz).since).toBeNull();
    expect(AgentView.safeParse(toAgentView(agent({ line: '112', loginAtMs: T0 }), tz)).success).toBe(true);
  });
});
