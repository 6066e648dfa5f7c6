// The desk calling back an abandoned call (issue 16), so the demo's callback list moves like a
// real desk's: most numbers are phoned within a couple of minutes, a no-answer or busy line is
// tried again. Its draws come from a generator of the call's own (seeded by its id), so adding
// callbacks changed no other draw of the simulation.
import type { Line } from '../../shared/contract/events.ts';
import { CALLBACKS } from './facts.ts';
import { chance, createRng, lognormalMedian, seedRng, weightedPick } from './rng.ts';
import { schedule, type StepCtx } from './schedule.ts';

export function planCallback(ctx: StepCtx, line: Line, callId: string, abandonedAt: number): void {
  const rng = createRng(seedRng(`${callId}|callback`));
  if (!chance(rng, CALLBACKS.share)) return;
  let at = abandonedAt + Math.min(lognormalMedian(rng, CALLBACKS.delaySeconds.median, CALLBACKS.delaySeconds.sigma), CALLBACKS.maxDelaySeconds) * 1000;
  for (let attempt = 0; attempt < CALLBACKS.maxTries; attempt++) {
    const outcome = weightedPick(rng, CALLBACKS.outcomes);
    schedule(ctx, at, { type: 'call.callback', source: `sim-desk-${line}`, callId, agentId: `desk-${line}`, outcome });
    if (outcome === 'reached' || outcome === 'invalid-number') return;
    at += lognormalMedian(rng, CALLBACKS.retrySeconds.median, CALLBACKS.retrySeconds.sigma) * 1000;
  }
}
