import { describe, expect, it } from 'vitest';
// Reading a call hash and viewing it per role. How events make the hash (winners, status, KPI
// contribution) is the projection's, tested on real Redis (test/integration/call-projection.test.ts).
import { CallView } from '../../shared/contract/views.ts';
import { parseCallRecord, toCallView, type CallRecord } from '../../server/domain/call-record.ts';

const TZ = 'Asia/Jakarta';
const T0 = Date.parse('2026-11-23T10:00:00+07:00');

const EMPTY: CallRecord = {
  callId: 'C1', line: null, receivedAtMs: null, answeredAtMs: null, abandonedAtMs: null, endedAtMs: null,
  expiredAtMs: null, agentId: null, disposition: null, callerNumber: null, kecamatan: null, status: 'unknown',
  repeat24h: null, prank24h: null,
};

function record(over: Partial<CallRecord> = {}): CallRecord {
  return { ...EMPTY, line: '112', receivedAtMs: T0, status: 'waiting', ...over };
}

describe('parseCallRecord', () => {
  it('reads every field of the hash', () => {
    const r = parseCallRecord('C9', {
      line: '119', receivedAt: String(T0), answeredAt: String(T0 + 4000), endedAt: String(T0 + 90_000),
      agentId: 'PJSIP/201', disposition: 'prank', callerNumber: '081234567789', kecamatan: '36.71.07', status: 'ended',
      '~rcv': '1795402800000 4 testr1', repeat24h: '3', prank24h: '2',
    });
    expect(r).toEqual({
      callId: 'C9', line: '119', receivedAtMs: T0, answeredAtMs: T0 + 4000, abandonedAtMs: null, endedAtMs: T0 + 90_000,
      expiredAtMs: null, agentId: 'PJSIP/201', disposition: 'prank', callerNumber: '081234567789', kecamatan: '36.71.07', status: 'ended',
      repeat24h: 3, prank24h: 2,
    });
  });

  it('turns junk into null instead of failing', () => {
    const r = parseCallRecord('C9', { line: '911', receivedAt: 'yesterday', answeredAt: '', disposition: 'rude', agentId: '', status: 'lost' });
    expect(r).toEqual({ ...EMPTY, callId: 'C9' });
  });
});

describe('toCallView', () => {
  const r = record({ answeredAtMs: T0 + 12_000, agentId: 'A1', callerNumber: '081234567789', kecamatan: '36.71.01', status: 'answered' });

  it('gives operators the full number, displays a masked one', () => {
    expect(toCallView(r, TZ, 'operator').caller).toEqual({ number: '081234567789' });
    expect(toCallView(r, TZ, 'display').caller).toEqual({ number: '0812****789' });
  });

  it('has no caller key at all for executives and demo viewers', () => {
    for (const role of ['executive', 'demo'] as const) {
      const v = toCallView(r, TZ, role);
      expect('caller' in v).toBe(false);
      expect(JSON.stringify(v)).not.toContain('0812');
    }
  });

  it('writes times with the city offset and matches the contract', () => {
    const v = toCallView(r, TZ, 'operator');
    expect(v).toMatchObject({ status: 'answered', receivedAt: '2026-11-23T10:00:00.000+07:00', answeredAt: '2026-11-23T10:00:12.000+07:00', endedAt: null });
    expect(CallView.safeParse(v).success).toBe(true);
  });

  it('has no caller when the number is unknown', () => {
    expect('caller' in toCallView(record(), TZ, 'operator')).toBe(false);
  });

  it('gives the repeat and prank counts to operators only; no prank count when there is none', () => {
    const w = record({ callerNumber: '081234567789', repeat24h: 4, prank24h: 2 });
    expect(toCallView(w, TZ, 'operator')).toMatchObject({ repeatCalls24h: 4, prankCalls24h: 2 });
    expect('prankCalls24h' in toCallView({ ...w, prank24h: 0 }, TZ, 'operator')).toBe(false);
    for (const role of ['display', 'executive', 'presenter', 'demo'] as const) {
      const v = toCallView(w, TZ, role);
      expect('repeatCalls24h' in v || 'prankCalls24h' in v).toBe(false);
    }
  });
});
