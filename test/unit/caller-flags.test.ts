import { describe, expect, it } from 'vitest';
// The "sering iseng" flag: the one rule (shared/kpi/caller-flags.ts), counts from the projection.
import { isFrequentPrank } from '../../shared/kpi/caller-flags.ts';
import { applyChange, inPlaceDraft } from '../../shared/live/apply-change.ts';
import { EMPTY_LIVE, type LiveData } from '../../shared/live/live-data.ts';
import type { Mutable } from '../../shared/live/apply-change.ts';

describe('isFrequentPrank', () => {
  it('flags from the profile threshold on, inclusive', () => {
    const rules = { frequentPrankCalls: 3 };
    expect(isFrequentPrank(undefined, rules)).toBe(false);
    expect(isFrequentPrank(2, rules)).toBe(false);
    expect(isFrequentPrank(3, rules)).toBe(true);
    expect(isFrequentPrank(9, rules)).toBe(true);
    expect(isFrequentPrank(9, undefined)).toBe(false);
  });
});

describe('applyChange: callback', () => {
  it('puts an entry in the list and takes it out when the change says null', () => {
    const state: Mutable<LiveData> = { ...EMPTY_LIVE, callbacks: {} };
    const draft = inPlaceDraft(state, 0);
    const entry = {
      callId: 'C1', line: '112' as const, abandonedAt: '2026-11-23T10:00:30.000+07:00', lastAbandonedAt: '2026-11-23T10:00:30.000+07:00',
      attempts: 1, tries: 0, lastOutcome: null, lastCallbackAt: null,
    };
    applyChange(draft, { t: 'callback', callId: 'C1', entry });
    expect(state.callbacks).toEqual({ C1: entry });
    applyChange(draft, { t: 'callback', callId: 'C1', entry: null });
    expect(state.callbacks).toEqual({});
  });
});
