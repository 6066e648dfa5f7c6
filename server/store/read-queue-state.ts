// What the queue alert job judges, for one space: the waiting calls with their line, every
// agent's record, the call totals of the last 15 minutes and the active alerts. Read through
// one pipeline (plus the window's totals), only when the job runs: after events, or at a
// threshold's moment, never on an idle timer.
import type { RedisClient } from './redis-client.ts';
import type { Line } from '../../shared/contract/events.ts';
import { parseAgentRecord, type AgentRecord } from '../domain/agent-record.ts';
import { parseLine } from '../domain/call-record.ts';
import type { WaitingCall } from '../domain/queue-alert-rules.ts';
import type { CallTotals } from '../domain/call-record.ts';
import type { SpaceKeys } from './keys.ts';
import { readActiveAlerts, type ActiveAlert } from './read-app-alerts.ts';
import { readCallTotals } from './read-calls.ts';

export interface QueueState {
  waiting: WaitingCall[];
  agents: AgentRecord[];
  window: Record<Line, CallTotals>;
  active: ActiveAlert[];
}

export type ReadQueueState = (fromMs: number, toMs: number) => Promise<QueueState>;

function replyOf<T>(entry: [Error | null, unknown] | undefined): T {
  if (!entry) throw new Error('missing pipeline reply');
  if (entry[0]) throw entry[0];
  return entry[1] as T;
}

export function queueStateReader(redis: RedisClient, keys: SpaceKeys): ReadQueueState {
  return async (fromMs, toMs) => {
    const [ids, agentIds] = await Promise.all([redis.zrange(keys.callsWaiting, 0, -1, 'WITHSCORES'), redis.smembers(keys.agents)]);
    const p = redis.pipeline();
    const callIds: string[] = [];
    for (let i = 0; i + 1 < ids.length; i += 2) {
      const id = ids[i] as string;
      callIds.push(id);
      p.hget(keys.callPrefix + id, 'line');
    }
    for (const a of agentIds) p.hgetall(keys.agentPrefix + a);
    const [replies, window, active] = await Promise.all([p.exec(), readCallTotals(redis, keys, fromMs, toMs), readActiveAlerts(redis, keys)]);
    const waiting: WaitingCall[] = [];
    callIds.forEach((callId, i) => {
      const line = parseLine(replyOf<string | null>(replies?.[i]) ?? undefined);
      if (line !== null) waiting.push({ callId, line, receivedAtMs: Number(ids[2 * i + 1]) });
    });
    const agents = agentIds.map((a, i) => parseAgentRecord(a, replyOf<Record<string, string>>(replies?.[callIds.length + i])));
    return { waiting, agents, window: { '112': window['112'], '119': window['119'] }, active };
  };
}
