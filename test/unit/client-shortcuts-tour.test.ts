import { describe, expect, it } from 'vitest';
import { newestUnacked } from '../../client/live/selectors.ts';
import { shortcutFor, SHORTCUTS } from '../../client/views/operator/shortcuts.ts';
import { cardPlace, moveStep, TOUR_STEPS, tourMoveFor, unionRect } from '../../client/views/demo/tour/steps.ts';
import type { AlertView } from '../../shared/contract/views.ts';

const press = (key: string, o: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; inField: boolean }> = {}) => ({
  key, ctrlKey: false, metaKey: false, altKey: false, inField: false, ...o,
});

describe('operator shortcuts', () => {
  it('maps the keys the overlay lists', () => {
    expect(shortcutFor(press('1'))).toBe('line-112');
    expect(shortcutFor(press('2'))).toBe('line-119');
    expect(shortcutFor(press('0'))).toBe('line-all');
    expect(shortcutFor(press('/'))).toBe('focus-kecamatan');
    expect(shortcutFor(press('a'))).toBe('ack-newest');
    expect(shortcutFor(press('?'))).toBe('help');
    expect(shortcutFor(press('Escape'))).toBe('close');
    expect(SHORTCUTS.map((s) => s.action).sort()).toEqual(['ack-newest', 'close', 'focus-kecamatan', 'help', 'line-112', 'line-119', 'line-all']);
  });
  it('leaves typing and browser shortcuts alone, except Esc', () => {
    expect(shortcutFor(press('a', { inField: true }))).toBeNull();
    expect(shortcutFor(press('1', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('Escape', { inField: true }))).toBe('close');
    expect(shortcutFor(press('x'))).toBeNull();
  });
  it('acknowledges the newest alert still raised and not acknowledged', () => {
    const alert = (alertId: string, raisedAt: string, o: Partial<AlertView> = {}): AlertView => ({
      alertId, kind: 'spike', subject: alertId, severity: 'warning', raisedAt, clearedAt: null, ackedAt: null, ackedBy: null, detail: {}, ...o,
    });
    const alerts = {
      a: alert('a', '2026-11-23T10:00:00+07:00'),
      b: alert('b', '2026-11-23T11:00:00+07:00'),
      c: alert('c', '2026-11-23T12:00:00+07:00', { ackedAt: '2026-11-23T12:01:00+07:00' }),
      d: alert('d', '2026-11-23T13:00:00+07:00', { clearedAt: '2026-11-23T13:05:00+07:00' }),
    };
    expect(newestUnacked(alerts)?.alertId).toBe('b');
    expect(newestUnacked({})).toBeNull();
  });
});

describe('tour', () => {
  it('has 6 to 8 steps, from the welcome to replicating it', () => {
    expect(TOUR_STEPS.length).toBeGreaterThanOrEqual(6);
    expect(TOUR_STEPS.length).toBeLessThanOrEqual(8);
    expect(TOUR_STEPS[0]?.id).toBe('welcome');
    expect(TOUR_STEPS.at(-1)?.id).toBe('replicate');
  });
  it('moves on with arrows, a clicker and Space; back with PageUp; ends with Esc', () => {
    for (const k of ['ArrowRight', 'PageDown', ' ', 'Enter']) expect(tourMoveFor(k)).toBe('next');
    for (const k of ['ArrowLeft', 'PageUp', 'Backspace']) expect(tourMoveFor(k)).toBe('prev');
    expect(tourMoveFor(' ', true)).toBe('prev');
    expect(tourMoveFor('Escape')).toBe('end');
    expect(tourMoveFor('q')).toBeNull();
  });
  it('ends after the last step and never goes before the first', () => {
    expect(moveStep(0, 'next', 7)).toBe(1);
    expect(moveStep(6, 'next', 7)).toBeNull();
    expect(moveStep(0, 'prev', 7)).toBe(0);
    expect(moveStep(4, 'first', 7)).toBe(0);
    expect(moveStep(3, 'end', 7)).toBeNull();
  });
  it('puts the caption where it covers nothing highlighted', () => {
    const screen = { width: 1920, height: 1080 };
    expect(cardPlace(null, screen)).toBe('center');
    expect(cardPlace({ top: 80, left: 10, width: 500, height: 990 }, screen)).toBe('right');
    expect(cardPlace({ top: 80, left: 1450, width: 460, height: 990 }, screen)).toBe('left');
    expect(cardPlace({ top: 0, left: 0, width: 1920, height: 72 }, screen)).toBe('below');
    // The map in the middle: the preferred side when it has room.
    expect(cardPlace({ top: 80, left: 530, width: 910, height: 900 }, screen, 'right')).toBe('right');
    expect(unionRect([{ top: 80, left: 10, width: 500, height: 990 }, { top: 80, left: 530, width: 910, height: 900 }])).toEqual({ top: 80, left: 10, width: 1430, height: 990 });
  });
});
