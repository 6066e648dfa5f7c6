// Call-takers: three shifts a day per line, with breaks, handovers and "longest idle first"
// assignment. Everything is in simulated ms; shifts are planned a little ahead so that a call
// arriving just before a handover can already go to the incoming shift.
import { LINES, type Line } from '../../shared/contract/events.ts';
import { BREAKS, HANDOVER_MINUTES, HEADCOUNT, SHIFT_HOURS, SHIFTS } from './facts.ts';
import { int, uniform, type Rng } from './rng.ts';
import { schedule, type StepCtx } from './schedule.ts';
import type { AgentShift, SimState } from './state.ts';
import { HOUR_MS, MINUTE_MS, localHour, localMidnight } from './time.ts';

const SHIFT_MS = SHIFT_HOURS * HOUR_MS;
/** Pick-up delay once a busy agent frees up: the call is already ringing at the desk. */
const QUEUED_PICKUP_MS = 3_000;

/** The shift running at atMs: its index in SHIFTS and its start. */
export function currentShift(atMs: number, offsetMinutes: number): { index: number; startAt: number } {
  const hour = localHour(atMs, offsetMinutes);
  const midnight = localMidnight(atMs, offsetMinutes);
  let best = { index: SHIFTS.length - 1, startAt: -Infinity };
  // A shift's start today, or yesterday's if it has not started yet today; the latest wins.
  SHIFTS.forEach((sh, index) => {
    const startAt = midnight + sh.startHour * HOUR_MS - (sh.startHour > hour ? 24 * HOUR_MS : 0);
    if (startAt > best.startAt) best = { index, startAt };
  });
  return best;
}

/** Staffs both lines for one shift. loginAt overrides the early-arrival jitter (state creation). */
export function staffShift(ctx: StepCtx, index: number, startAt: number, loginAt?: number): void {
  const label = SHIFTS[index]?.label ?? String(index);
  const endAt = startAt + SHIFT_MS;
  for (const line of LINES) {
    const n = HEADCOUNT[line][index] ?? 3;
    for (let k = 0; k < n; k++) {
      const login = loginAt ?? startAt - uniform(ctx.rng, HANDOVER_MINUTES.earlyMin, HANDOVER_MINUTES.earlyMax) * MINUTE_MS;
      const logout = endAt + uniform(ctx.rng, HANDOVER_MINUTES.lateMin, HANDOVER_MINUTES.lateMax) * MINUTE_MS;
      ctx.s.agents.push({
        id: `${line}-${label}-${k + 1}`,
        line,
        loginAt: Math.round(login),
        shiftEndAt: endAt,
        logoutAt: Math.round(logout),
        breaks: planBreaks(ctx.rng, startAt, k, n).filter((b) => b.start > login),
        busyUntil: 0,
        emittedThrough: Math.round(login) - 1,
      });
    }
  }
}

/** Breaks spread over the shift and staggered between colleagues, so a line is never left empty. */
function planBreaks(rng: Rng, startAt: number, k: number, n: number): { start: number; end: number }[] {
  const count = int(rng, BREAKS.min, BREAKS.max);
  const out: { start: number; end: number }[] = [];
  for (let j = 0; j < count; j++) {
    const centre = startAt + SHIFT_MS * ((j + 1) / (count + 1)) + (k - (n - 1) / 2) * 40 * MINUTE_MS;
    const start = Math.round(centre + uniform(rng, -10, 10) * MINUTE_MS);
    const end = start + Math.round(uniform(rng, BREAKS.minutes.min, BREAKS.minutes.max) * MINUTE_MS);
    out.push({ start, end });
  }
  return out;
}

/** Staffs every shift that starts (early logins included) by untilSim. */
export function planShifts(ctx: StepCtx, untilSim: number): void {
  const s = ctx.s;
  while (s.nextShiftAt - HANDOVER_MINUTES.earlyMax * MINUTE_MS <= untilSim) {
    staffShift(ctx, currentShift(s.nextShiftAt + 1, s.config.offsetMinutes).index, s.nextShiftAt);
    s.nextShiftAt += SHIFT_MS;
  }
}

/** Earliest moment this agent could pick up a call that starts ringing at arriveAt. */
function readyAt(a: AgentShift, arriveAt: number, pickupMs: number): number | null {
  let t = Math.max(arriveAt + pickupMs, a.loginAt + pickupMs, a.busyUntil + QUEUED_PICKUP_MS);
  for (const b of a.breaks) if (t >= b.start && t < b.end) t = b.end + QUEUED_PICKUP_MS;
  return t < a.shiftEndAt ? t : null;
}

/** The agent who answers first ("longest idle" breaks ties, as an ACD would), or null. */
export function findAgent(
  s: SimState,
  line: Line,
  arriveAt: number,
  pickupMs: number,
): { agent: AgentShift; answerAt: number } | null {
  let best: { agent: AgentShift; answerAt: number } | null = null;
  for (const a of s.agents) {
    if (a.line !== line) continue;
    const t = readyAt(a, arriveAt, pickupMs);
    if (t === null) continue;
    if (best === null || t < best.answerAt || (t === best.answerAt && a.busyUntil < best.agent.busyUntil)) {
      best = { agent: a, answerAt: t };
    }
  }
  return best;
}

/** Marks the agent busy; a break or logout that would cut the call short waits for its end. */
export function occupy(a: AgentShift, answerAt: number, freeAt: number): void {
  a.busyUntil = freeAt;
  let cursor = freeAt;
  for (const b of a.breaks) {
    if (b.start >= answerAt && b.start < cursor) {
      const len = b.end - b.start;
      b.start = cursor;
      b.end = cursor + len;
    }
    if (b.start < cursor && b.end > cursor) cursor = b.end;
  }
  if (a.logoutAt < freeAt) a.logoutAt = freeAt + 5_000;
}

/** Queues the login/pause/unpause/logout events due by untilSim, and retires logged-out agents. */
export function scheduleAgentTransitions(ctx: StepCtx, untilSim: number): void {
  for (const a of ctx.s.agents) {
    const source = `sim-pbx-${a.line}`;
    const due = (t: number): boolean => t > a.emittedThrough && t <= untilSim;
    const base = { source, agentId: a.id, line: a.line };
    if (due(a.loginAt)) schedule(ctx, a.loginAt, { ...base, type: 'agent.login' });
    for (const b of a.breaks) {
      if (b.start >= a.logoutAt) continue;
      if (due(b.start)) schedule(ctx, b.start, { ...base, type: 'agent.paused', reason: 'istirahat' });
      if (due(b.end)) schedule(ctx, b.end, { ...base, type: 'agent.unpaused' });
    }
    if (due(a.logoutAt)) schedule(ctx, a.logoutAt, { ...base, type: 'agent.logout' });
    a.emittedThrough = untilSim;
  }
  ctx.s.agents = ctx.s.agents.filter((a) => a.logoutAt > untilSim);
}
