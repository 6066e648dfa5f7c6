// The working context of one step: a private copy of the state, a cursor over its RNG, and
// the planning helpers every part of the simulator shares (ids, the pending-event queue).
import type { Rng } from './rng.ts';
import type { EventBody, SimState } from './state.ts';

export interface StepCtx {
  /** Private copy: mutate freely. */
  readonly s: SimState;
  readonly rng: Rng;
}

export function newCallId(ctx: StepCtx): string {
  ctx.s.counters.call += 1;
  return `${ctx.s.idPrefix}-call-${ctx.s.counters.call.toString(36)}`;
}

export function newIncidentId(ctx: StepCtx): string {
  ctx.s.counters.incident += 1;
  return `${ctx.s.idPrefix}-inc-${ctx.s.counters.incident.toString(36)}`;
}

export function newEventId(s: SimState): string {
  s.counters.event += 1;
  return `${s.idPrefix}-${s.counters.event.toString(36)}`;
}

/** Queues an event at a simulated time; the queue stays sorted by (time, planning order). */
export function schedule(ctx: StepCtx, simAt: number, body: EventBody): void {
  const q = ctx.s.pending;
  ctx.s.counters.order += 1;
  const item = { simAt, order: ctx.s.counters.order, body };
  // Binary search for the first item due later; equal times keep planning order.
  let lo = 0;
  let hi = q.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = q[mid];
    if (m !== undefined && m.simAt <= simAt) lo = mid + 1;
    else hi = mid;
  }
  q.splice(lo, 0, item);
}

/** Removes and returns the events due at or before simAt, in order. */
export function takeDue(s: SimState, simAt: number): SimState['pending'] {
  let n = 0;
  while (n < s.pending.length && (s.pending[n]?.simAt ?? Infinity) <= simAt) n++;
  return s.pending.splice(0, n);
}
