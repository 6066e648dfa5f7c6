// One call's lifecycle, decided when it starts ringing: received → answered after a wait →
// ended with the call-taker's verdict, or abandoned; emergencies open an incident.
import type { Category, Disposition, KecamatanCode, Line } from '../../shared/contract/events.ts';
import { PATIENCE_SECONDS, PICKUP_SECONDS, QUICK_HANGUP, REPEAT_CALLERS, TALK_SECONDS, WRAP_UP_SECONDS } from './facts.ts';
import { findAgent, occupy } from './agents.ts';
import { planCallback } from './callbacks.ts';
import { planIncident } from './incidents.ts';
import { mobileNumber } from './phone.ts';
import { chance, lognormalMedian, pick, uniform } from './rng.ts';
import { newCallId, schedule, type StepCtx } from './schedule.ts';
import type { PlannedCall } from './state.ts';

/** Nobody waits forever: caps the lognormal tails so one draw cannot park a call for hours. */
const MAX_PICKUP_S = 120;
const MAX_PATIENCE_S = 600;

/** A source of arrivals: a rate and what its calls are like. */
export interface CallStream {
  line: Line;
  /** Expected arrivals per simulated ms. */
  perSimMs: number;
  /** Fixed caller area, or null to draw by population. */
  kecamatan: KecamatanCode | null;
  mix: readonly (readonly [Disposition, number])[];
  categories: readonly (readonly [Category, number])[];
  onEmergency?: (ctx: StepCtx, call: PlannedCall) => void;
}

export interface CallSpec {
  line: Line;
  /** Simulated time it starts ringing. */
  at: number;
  kecamatan: KecamatanCode;
  disposition: Disposition;
  /** Set for emergencies. */
  category: Category | null;
  /** What an answered emergency opens; an ordinary incident when absent. */
  onEmergency?: (ctx: StepCtx, call: PlannedCall) => void;
}

export function planCall(ctx: StepCtx, spec: CallSpec): PlannedCall | null {
  const { rng, s } = ctx;
  const callId = newCallId(ctx);
  const source = `sim-pbx-${spec.line}`;
  const nuisance = spec.disposition === 'prank' || spec.disposition === 'ghost';
  const number = nuisance && s.repeatCallers.length > 0 && chance(rng, REPEAT_CALLERS.share)
    ? pick(rng, s.repeatCallers)
    : mobileNumber(rng);
  schedule(ctx, spec.at, {
    type: 'call.received', source, callId, line: spec.line,
    caller: { number },
    // Cell-based caller area (ASSUMPTION): lets the wall count calls per kecamatan.
    location: { kecamatan: spec.kecamatan },
  });

  const pickupMs = Math.min(lognormalMedian(rng, PICKUP_SECONDS.median, PICKUP_SECONDS.sigma), MAX_PICKUP_S) * 1000;
  const patienceS = chance(rng, QUICK_HANGUP.share)
    ? lognormalMedian(rng, QUICK_HANGUP.seconds.median, QUICK_HANGUP.seconds.sigma)
    : lognormalMedian(rng, PATIENCE_SECONDS.median, PATIENCE_SECONDS.sigma);
  const patienceMs = Math.min(patienceS, MAX_PATIENCE_S) * 1000;
  const slot = findAgent(s, spec.line, spec.at, pickupMs);
  if (slot === null || slot.answerAt - spec.at > patienceMs) {
    schedule(ctx, spec.at + patienceMs, { type: 'call.abandoned', source, callId });
    planCallback(ctx, spec.line, callId, spec.at + patienceMs);
    return null;
  }

  const talk = TALK_SECONDS[spec.disposition];
  const talkMs = lognormalMedian(rng, talk.median, talk.sigma) * 1000;
  const endedAt = slot.answerAt + talkMs;
  occupy(slot.agent, slot.answerAt, endedAt + uniform(rng, WRAP_UP_SECONDS.min, WRAP_UP_SECONDS.max) * 1000);
  schedule(ctx, slot.answerAt, { type: 'call.answered', source, callId, agentId: slot.agent.id });
  schedule(ctx, endedAt, { type: 'call.ended', source, callId, disposition: spec.disposition });

  const call: PlannedCall = {
    callId, line: spec.line, kecamatan: spec.kecamatan, receivedAt: spec.at,
    answeredAt: slot.answerAt, endedAt, disposition: spec.disposition, category: spec.category,
  };
  if (spec.disposition === 'emergency') (spec.onEmergency ?? openIncident)(ctx, call);
  return call;
}

/** The usual case: the call-taker opens an incident part-way through the call. */
export function openIncident(ctx: StepCtx, call: PlannedCall): void {
  planIncident(ctx, {
    line: call.line,
    callId: call.callId,
    category: call.category ?? (call.line === '119' ? 'medical' : 'other'),
    kecamatan: call.kecamatan,
    reportAt: call.answeredAt + (call.endedAt - call.answeredAt) * uniform(ctx.rng, 0.35, 0.7),
  });
}
