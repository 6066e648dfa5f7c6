// The queue alert rules as pure functions: which conditions hold, how bad, from when, and
// when time alone will next change the verdict.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_ALERTS } from '../../shared/contract/city.ts';
import type { AgentRecord } from '../../server/domain/agent-record.ts';
import { emptyTotals } from '../../server/domain/call-record.ts';
import { evaluateQueue, nextCrossingMs, type QueueInput, type QueueRules } from '../../server/domain/queue-alert-rules.ts';
import { keyOfQueueAlertId, queueAlertId } from '../../server/alerts/queue-alert-events.ts';

const rules: QueueRules = { waits: { warningSeconds: 15, criticalSeconds: 30 }, queue: DEFAULT_QUEUE_ALERTS };
const NOW = 1_800_000_000_000;

function agent(o: Partial<AgentRecord> & { agentId: string }): AgentRecord {
  return { line: '112', loginAtMs: NOW - 3_600_000, logoutAtMs: null, pausedAtMs: null, unpausedAtMs: null, callId: null, callAtMs: null, ...o };
}
function input(o: Partial<QueueInput>): QueueInput {
  return { nowMs: NOW, waiting: [], agents: [], window: { '112': emptyTotals(), '119': emptyTotals() }, ...o };
}

describe('evaluateQueue', () => {
  it('judges nothing in an empty queue', () => {
    expect(evaluateQueue(input({}), rules)).toEqual([]);
    expect(nextCrossingMs(input({}), rules)).toBeNull();
  });

  it('takes the oldest waiting call of each line, from warning at the threshold itself', () => {
    const waiting = [
      { callId: 'a', line: '112' as const, receivedAtMs: NOW - 15_000 },
      { callId: 'b', line: '112' as const, receivedAtMs: NOW - 5_000 },
      { callId: 'c', line: '119' as const, receivedAtMs: NOW - 31_000 },
    ];
    const f = evaluateQueue(input({ waiting, agents: [agent({ agentId: 'x', line: null })] }), rules);
    expect(f.map((x) => [x.key, x.severity, x.startMs, x.detail['callId']])).toEqual([
      ['112:wait', 'warning', NOW, 'a'],
      ['119:wait', 'critical', NOW - 16_000, 'c'],
    ]);
  });

  it('an agent without a line serves both lines; a busy or paused one is not available', () => {
    const waiting = [{ callId: 'a', line: '119' as const, receivedAtMs: NOW - 12_000 }];
    expect(evaluateQueue(input({ waiting, agents: [agent({ agentId: 'x', line: null })] }), rules)).toEqual([]);
    const busy = agent({ agentId: 'x', line: '119', callId: 'k', callAtMs: NOW - 60_000 });
    const paused = agent({ agentId: 'y', line: '119', pausedAtMs: NOW - 60_000 });
    const f = evaluateQueue(input({ waiting, agents: [busy, paused] }), rules);
    expect(f.map((x) => [x.key, x.severity, x.detail['staffed']])).toEqual([['119:no-agent', 'warning', 2]]);
    const out = agent({ agentId: 'z', line: '119', logoutAtMs: NOW - 60_000 });
    expect(evaluateQueue(input({ waiting, agents: [out] }), rules).map((x) => [x.key, x.severity])).toEqual([['119:no-agent', 'critical']]);
  });

  it('judges the 15-minute rates only from minCalls on, strictly past the thresholds', () => {
    const t = { ...emptyTotals(), offered: 9, answered: 5, abandoned: 4, abn20: 4, ans20: 5 };
    expect(evaluateQueue(input({ window: { '112': t, '119': emptyTotals() } }), rules)).toEqual([]);
    // Exactly on the critical abandonment rate (0.25): warning, not critical.
    const on = { ...emptyTotals(), offered: 20, answered: 15, abandoned: 5, ans20: 15 };
    const f = evaluateQueue(input({ window: { '112': on, '119': emptyTotals() } }), rules);
    expect(f.map((x) => [x.key, x.severity, x.detail['rate']])).toEqual([['112:abandonment', 'warning', 0.25]]);
  });

  it('names a long call by its agent and starts it when the call began; the next crossing is the earliest threshold ahead', () => {
    const a = agent({ agentId: 'Agent/7', callId: 'k', callAtMs: NOW - 10 * 60_000 });
    const f = evaluateQueue(input({ agents: [a] }), rules);
    expect(f.map((x) => [x.key, x.severity, x.startMs])).toEqual([['112:long-call:Agent/7', 'warning', NOW - 600_000]]);
    const id = queueAlertId(f[0]!);
    expect(keyOfQueueAlertId(id)).toMatch(/^queue:112:long-call:[\w-]{16}$/);
    expect(nextCrossingMs(input({ agents: [a] }), rules)).toBe(NOW + 10 * 60_000);
    const waiting = [{ callId: 'w', line: '112' as const, receivedAtMs: NOW - 12_000 }];
    expect(nextCrossingMs(input({ agents: [a], waiting }), rules)).toBe(NOW + 3_000);
  });
});
