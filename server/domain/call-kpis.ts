// Call KPI figures from summed contributions (design.md "KPI definitions"). Every ratio is
// null, not 0 or NaN, when its denominator is empty: "no calls yet" must not read as 0 %.
import { DISPOSITIONS, type Disposition, type Line } from '../../shared/contract/events.ts';
import type { CallKpis } from '../../shared/contract/kpis.ts';
import type { CallTotals } from './call-record.ts';
import { round1, round4 } from './percentile.ts';

export interface LiveQueue {
  waitingNow: number;
  /** Seconds, one decimal; null when nobody waits. */
  longestWaitNow: number | null;
}

function ratio(num: number, den: number): number | null {
  return den > 0 ? round4(num / den) : null;
}

export function computeCallKpis(t: CallTotals, live?: LiveQueue): CallKpis {
  const byDisposition: Record<Disposition, number> = {
    emergency: 0, 'non-emergency': 0, info: 0, prank: 0, ghost: 0, 'wrong-number': 0,
  };
  let withDisposition = 0;
  for (const d of DISPOSITIONS) {
    const n = t.byDisposition[d] ?? 0;
    byDisposition[d] = n;
    withDisposition += n;
  }
  const kpis: CallKpis = {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    asa: t.answered > 0 ? round1(t.waitMs / t.answered / 1000) : null,
    // SL(T) = answered within T ÷ (answered + abandoned after T): short abandons are left out.
    sl15: ratio(t.ans15, t.answered + t.abn15),
    sl20: ratio(t.ans20, t.answered + t.abn20),
    abandonmentRate: ratio(t.abandoned, t.offered),
    byDisposition,
    prankShare: ratio(byDisposition.prank, withDisposition),
    callbacks: {
      due: t.cbDue,
      calledBack: t.cbDone,
      within2m: t.cb2m,
      calledBackRate: ratio(t.cbDone, t.cbDue),
      within2mRate: ratio(t.cb2m, t.cbDue),
    },
  };
  if (live !== undefined) {
    kpis.waitingNow = live.waitingNow;
    kpis.longestWaitNow = live.longestWaitNow;
  }
  return kpis;
}

/** Waiting now and longest wait now, per line and for all lines, at `nowMs`. */
export function liveQueueFigures(
  waiting: readonly { receivedAtMs: number; line: Line }[],
  nowMs: number,
): Record<Line | 'all', LiveQueue> {
  const oldest: Record<Line | 'all', number | null> = { '112': null, '119': null, all: null };
  const count: Record<Line | 'all', number> = { '112': 0, '119': 0, all: 0 };
  for (const w of waiting) {
    for (const key of [w.line, 'all'] as const) {
      count[key] += 1;
      const o = oldest[key];
      if (o === null || w.receivedAtMs < o) oldest[key] = w.receivedAtMs;
    }
  }
  const figures = (key: Line | 'all'): LiveQueue => {
    const o = oldest[key];
    // A receivedAt in the future (a source clock ahead of ours) is a wait of 0, not negative.
    return { waitingNow: count[key], longestWaitNow: o === null ? null : round1(Math.max(0, nowMs - o) / 1000) };
  };
  return { '112': figures('112'), '119': figures('119'), all: figures('all') };
}
