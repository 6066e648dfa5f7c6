// The queue alert rules (issue 16): what a supervisor must notice within seconds, judged per
// line from the queue as Redis holds it. Pure: the job reads the input and writes the events.
//
// A finding names its condition by a stable key; the alert's id is the key plus the moment
// the condition began, both derived from the data, so every process that judges the same
// state names the same alert and ingest's dedupe keeps one.
import { LINES, type Line } from '../../shared/contract/events.ts';
import type { QueueAlertThresholds, WaitThresholds } from '../../shared/contract/city.ts';
import { agentState, type AgentRecord } from './agent-record.ts';
import { computeCallKpis } from './call-kpis.ts';
import type { CallTotals } from './call-record.ts';
import { round1 } from './percentile.ts';

/** The window of the rate alerts: "over the last 15 minutes". */
export const QUEUE_RATE_WINDOW_MS = 15 * 60_000;

export const QUEUE_CONDITIONS = ['wait', 'no-agent', 'abandonment', 'sl20', 'long-call'] as const;
export type QueueCondition = (typeof QUEUE_CONDITIONS)[number];

export interface WaitingCall {
  callId: string;
  line: Line;
  receivedAtMs: number;
}

export interface QueueInput {
  nowMs: number;
  waiting: readonly WaitingCall[];
  agents: readonly AgentRecord[];
  /** Call totals per line of the calls received in [nowMs − 15 min, nowMs). */
  window: Record<Line, CallTotals>;
}

export interface QueueRules {
  waits: Pick<WaitThresholds, 'warningSeconds' | 'criticalSeconds'>;
  queue: QueueAlertThresholds;
}

export type Severity = 'warning' | 'critical';

export interface QueueFinding {
  /** `<line>:<condition>` or, for one agent's call, `<line>:long-call:<agentId>`. */
  key: string;
  line: Line;
  condition: QueueCondition;
  severity: Severity;
  /** When the condition began (ms): part of the alert id. */
  startMs: number;
  /** What the alert shows: the line, the condition and the figure. */
  detail: Record<string, string | number | null>;
}

/**
 * `reached`: a time at or past its threshold (as the screens colour a wait); `over` / `under`:
 * a rate strictly past it, so a rate sitting exactly on a threshold does not alarm.
 */
function level(value: number, warning: number, critical: number, how: 'reached' | 'over' | 'under'): Severity | null {
  const past = (t: number): boolean => (how === 'reached' ? value >= t : how === 'over' ? value > t : value < t);
  if (past(critical)) return 'critical';
  if (past(warning)) return 'warning';
  return null;
}

/** An agent with no line serves every line (a PBX that does not say which queue). */
function servesLine(a: AgentRecord, line: Line): boolean {
  return a.line === null || a.line === line;
}

function waitFindings(line: Line, waiting: readonly WaitingCall[], agents: readonly AgentRecord[], nowMs: number, rules: QueueRules): QueueFinding[] {
  const oldest = waiting.reduce<WaitingCall | null>((o, w) => (o === null || w.receivedAtMs < o.receivedAtMs ? w : o), null);
  if (oldest === null) return [];
  const out: QueueFinding[] = [];
  const waitedS = Math.max(0, (nowMs - oldest.receivedAtMs) / 1000);
  const { warningSeconds, criticalSeconds } = rules.waits;
  const waitLevel = level(waitedS, warningSeconds, criticalSeconds, 'reached');
  if (waitLevel !== null) {
    out.push({
      key: `${line}:wait`, line, condition: 'wait', severity: waitLevel,
      startMs: oldest.receivedAtMs + warningSeconds * 1000,
      detail: { line, condition: 'wait', seconds: round1(waitedS), waiting: waiting.length, callId: oldest.callId },
    });
  }
  const mine = agents.filter((a) => servesLine(a, line));
  const available = mine.filter((a) => agentState(a) === 'available').length;
  if (available === 0 && waitedS >= rules.queue.noAgentSeconds) {
    const staffed = mine.filter((a) => agentState(a) !== 'logged_out').length;
    out.push({
      key: `${line}:no-agent`, line, condition: 'no-agent',
      // Nobody signed in at all is worse than everybody busy: nobody will free up.
      severity: staffed === 0 ? 'critical' : 'warning',
      startMs: oldest.receivedAtMs + rules.queue.noAgentSeconds * 1000,
      detail: { line, condition: 'no-agent', waiting: waiting.length, seconds: round1(waitedS), staffed },
    });
  }
  return out;
}

function rateFindings(line: Line, totals: CallTotals, nowMs: number, q: QueueAlertThresholds): QueueFinding[] {
  const out: QueueFinding[] = [];
  const k = computeCallKpis(totals);
  // A rate alert begins at the minute it was first seen: processes judging the same minute agree.
  const startMs = Math.floor(nowMs / 60_000) * 60_000;
  if (totals.offered >= q.minCalls && k.abandonmentRate !== null) {
    const sev = level(k.abandonmentRate, q.abandonmentRate.warning, q.abandonmentRate.critical, 'over');
    if (sev !== null) {
      out.push({
        key: `${line}:abandonment`, line, condition: 'abandonment', severity: sev, startMs,
        detail: { line, condition: 'abandonment', rate: k.abandonmentRate, abandoned: totals.abandoned, offered: totals.offered, minutes: 15 },
      });
    }
  }
  if (totals.answered + totals.abn20 >= q.minCalls && k.sl20 !== null) {
    const sev = level(k.sl20, q.sl20.warning, q.sl20.critical, 'under');
    if (sev !== null) {
      out.push({
        key: `${line}:sl20`, line, condition: 'sl20', severity: sev, startMs,
        detail: { line, condition: 'sl20', rate: k.sl20, answered: totals.answered, minutes: 15 },
      });
    }
  }
  return out;
}

function longCallFindings(line: Line, agents: readonly AgentRecord[], nowMs: number, q: QueueAlertThresholds): QueueFinding[] {
  const out: QueueFinding[] = [];
  for (const a of agents) {
    if (a.line !== line || a.callId === null || a.callAtMs === null) continue;
    const minutes = (nowMs - a.callAtMs) / 60_000;
    const sev = level(minutes, q.longCallMinutes.warning, q.longCallMinutes.critical, 'reached');
    if (sev === null) continue;
    out.push({
      key: `${line}:long-call:${a.agentId}`, line, condition: 'long-call', severity: sev,
      // The call's own start: a later long call of the same agent is another alert.
      startMs: a.callAtMs,
      detail: { line, condition: 'long-call', agentId: a.agentId, minutes: round1(minutes), callId: a.callId },
    });
  }
  return out;
}

/** Every queue condition that holds now, per line. */
export function evaluateQueue(input: QueueInput, rules: QueueRules): QueueFinding[] {
  const out: QueueFinding[] = [];
  for (const line of LINES) {
    const waiting = input.waiting.filter((w) => w.line === line);
    out.push(
      ...waitFindings(line, waiting, input.agents, input.nowMs, rules),
      ...rateFindings(line, input.window[line], input.nowMs, rules.queue),
      ...longCallFindings(line, input.agents, input.nowMs, rules.queue),
    );
  }
  return out;
}

/**
 * The next moment, after `nowMs`, at which the passing of time alone (no event) makes a new
 * finding or a worse one: a waiting call reaching a wait threshold, an agent's call reaching
 * a long-call threshold. The job sleeps until then instead of polling Redis.
 */
export function nextCrossingMs(input: QueueInput, rules: QueueRules): number | null {
  let next: number | null = null;
  const consider = (t: number): void => {
    if (t > input.nowMs && (next === null || t < next)) next = t;
  };
  const { warningSeconds, criticalSeconds } = rules.waits;
  for (const w of input.waiting) {
    for (const s of [warningSeconds, criticalSeconds, rules.queue.noAgentSeconds]) consider(w.receivedAtMs + s * 1000);
  }
  for (const a of input.agents) {
    if (a.callId === null || a.callAtMs === null) continue;
    for (const m of [rules.queue.longCallMinutes.warning, rules.queue.longCallMinutes.critical]) consider(a.callAtMs + m * 60_000);
  }
  return next;
}
