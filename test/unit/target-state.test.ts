import { describe, expect, it } from 'vitest';
import { targetState, WARNING_BAND } from '../../shared/kpi/target-state.ts';

describe('targetState: one rule for every screen', () => {
  it('reads the issue\'s example as bad: 11.3 % abandoned against a 5 % target', () => {
    expect(targetState(0.113, 0.05, 'lower')).toBe('bad');
  });
  it('higher is better (service level): met, a few points under, far under', () => {
    expect(targetState(0.95, 0.95)).toBe('good');
    expect(targetState(0.99, 0.95)).toBe('good');
    expect(targetState(0.92, 0.95)).toBe('warning');
    expect(targetState(0.95 * (1 - WARNING_BAND.higher), 0.95)).toBe('warning');
    expect(targetState(0.8, 0.95)).toBe('bad');
  });
  it('lower is better (waits, rates): within, a little over, far over', () => {
    expect(targetState(10, 10, 'lower')).toBe('good');
    expect(targetState(4, 10, 'lower')).toBe('good');
    expect(targetState(12, 10, 'lower')).toBe('warning');
    expect(targetState(12.5, 10, 'lower')).toBe('warning');
    expect(targetState(13, 10, 'lower')).toBe('bad');
  });
  it('a zero target tolerates nothing over it', () => {
    expect(targetState(0, 0, 'lower')).toBe('good');
    expect(targetState(0.001, 0, 'lower')).toBe('bad');
  });
  it('has no state without a figure or a target', () => {
    expect(targetState(null, 0.95)).toBeNull();
    expect(targetState(0.9, undefined)).toBeNull();
    expect(targetState(Number.NaN, 0.95)).toBeNull();
  });
});
