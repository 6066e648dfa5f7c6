// Issue #20 finding 5: `expired:${callId}`.slice(0, 128) left a lone surrogate for a call id of
// emoji (Lua's JSON refused it and the sweep failed), and ids sharing 120 characters collided.
import { describe, expect, it } from 'vitest';
import { PantauEvent } from '../../shared/contract/events.ts';
import { textErrors } from '../../server/ingest/validate.ts';
import { internalEventId } from '../../server/domain/internal-id.ts';

const emoji = 'a' + '😀'.repeat(63);

describe('internalEventId', () => {
  it('is a valid event id for an id of astral characters (no lone surrogate)', () => {
    const id = internalEventId('expired', emoji);
    const event = { id, type: 'call.expired', at: '2026-12-05T10:00:00+07:00', source: 'pantau-sweeper', callId: emoji };
    expect(PantauEvent.safeParse(event).success).toBe(true);
    expect(textErrors(event)).toEqual([]);
    expect(/^[\x21-\x7e]+$/.test(id)).toBe(true);
  });

  it('keeps ids apart that share their first 120 characters, and is the same for the same id', () => {
    const a = 'x'.repeat(120) + 'a';
    const b = 'x'.repeat(120) + 'b';
    expect(internalEventId('expired', a)).not.toBe(internalEventId('expired', b));
    expect(internalEventId('expired', a)).toBe(internalEventId('expired', a));
    expect(internalEventId('ack', a)).not.toBe(internalEventId('expired', a));
  });

  it('is at most 128 characters for the longest verb', () => {
    expect(internalEventId('a'.repeat(32), 'y'.repeat(128)).length).toBeLessThanOrEqual(128);
  });
});
