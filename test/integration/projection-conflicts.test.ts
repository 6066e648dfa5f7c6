// Conflicting facts about one entity, applied in both arrival orders on real Redis: the derived
// state must be the same, and the winner the one docs/architecture.md names ("Conflicts").
import { afterAll, describe, expect, it } from 'vitest';
import type { PantauEvent } from '../../shared/contract/events.ts';
import { applyInOrder, connectTestRedis, dumpDerived, freshKeys } from '../support/projection-harness.ts';
import { wib } from '../support/factories.ts';

const redis = connectTestRedis();
afterAll(() => redis.quit());

const T = Date.UTC(2026, 10, 23, 3, 0, 0);
const at = (s: number): string => wib(T + s * 1000);
let n = 0;
type Draft = PantauEvent extends infer E ? (E extends PantauEvent ? Omit<E, 'id' | 'source'> & { source?: string; id?: string } : never) : never;
const ev = (e: Draft): PantauEvent => ({ source: 'src', id: `e${n++}`, ...e }) as PantauEvent;

function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]));
}

/** The derived state after every arrival order; every order must give the same. */
async function inEveryOrder(events: PantauEvent[]): Promise<Record<string, unknown>> {
  const orders = permutations(events);
  const dumps = [];
  for (const order of orders) {
    const keys = freshKeys();
    await applyInOrder(redis, keys, order);
    dumps.push(await dumpDerived(redis, keys));
  }
  for (const d of dumps) expect(d).toEqual(dumps[0]);
  return dumps[0] as Record<string, unknown>;
}

const field = (dump: Record<string, unknown>, key: string, f: string): string | undefined => (dump[key] as Record<string, string> | undefined)?.[f];

describe('conflicting events resolve by event time, ties by (source, id), whatever the arrival order', () => {
  it('two endings with different dispositions: the latest ending that carries one', async () => {
    const d = await inEveryOrder([
      ev({ type: 'call.received', at: at(0), callId: 'c1', line: '112' }),
      ev({ type: 'call.answered', at: at(5), callId: 'c1', agentId: 'a1' }),
      ev({ type: 'call.ended', at: at(60), callId: 'c1', disposition: 'prank' }),
      ev({ type: 'call.ended', at: at(90), callId: 'c1' }),
    ]);
    expect(field(d, 'call:c1', 'disposition')).toBe('prank');
    expect(field(d, 'call:c1', 'endedAt')).toBe(String(T + 90_000));
  });

  it('two endings at the same time with different dispositions: the larger (source, id)', async () => {
    const d = await inEveryOrder([
      ev({ type: 'call.received', at: at(0), callId: 'c1', line: '112' }),
      ev({ type: 'call.answered', at: at(5), callId: 'c1', agentId: 'a1' }),
      ev({ type: 'call.ended', at: at(60), callId: 'c1', disposition: 'prank', source: 'a', id: 'z' }),
      ev({ type: 'call.ended', at: at(60), callId: 'c1', disposition: 'info', source: 'b', id: 'a' }),
    ]);
    expect(field(d, 'call:c1', 'disposition')).toBe('info');
  });

  it('two receipts with different lines: the earliest receipt', async () => {
    const d = await inEveryOrder([
      ev({ type: 'call.received', at: at(0), callId: 'c1', line: '119' }),
      ev({ type: 'call.received', at: at(3), callId: 'c1', line: '112', caller: { number: '0812' }, location: { kecamatan: '36.71.01' as never } }),
    ]);
    expect(field(d, 'call:c1', 'line')).toBe('119');
    expect(field(d, 'call:c1', 'receivedAt')).toBe(String(T));
  });

  it('caller number and kecamatan: the earliest receipt that carries each', async () => {
    const d = await inEveryOrder([
      ev({ type: 'call.received', at: at(0), callId: 'c1', line: '112' }),
      ev({ type: 'call.received', at: at(2), callId: 'c1', line: '112', caller: { number: '0812' }, location: { kecamatan: '36.71.01' as never } }),
      ev({ type: 'call.received', at: at(4), callId: 'c1', line: '112', caller: { number: '0899' }, location: { kecamatan: '36.71.02' as never } }),
    ]);
    expect(field(d, 'call:c1', 'callerNumber')).toBe('0812');
    expect(field(d, 'call:c1', 'kecamatan')).toBe('36.71.01');
  });

  it('an answer and an ending in either order leave the same agent', async () => {
    const d = await inEveryOrder([
      ev({ type: 'call.received', at: at(0), callId: 'c1', line: '112' }),
      ev({ type: 'call.answered', at: at(5), callId: 'c1', agentId: 'a1' }),
      ev({ type: 'call.ended', at: at(60), callId: 'c1' }),
    ]);
    expect(d['agents']).toEqual(['a1']);
    expect(field(d, 'agent:a1', 'callId')).toBeUndefined();
  });

  it('an agent answering two calls is on the latest answered one until it ends', async () => {
    const d = await inEveryOrder([
      ev({ type: 'call.answered', at: at(5), callId: 'c1', agentId: 'a1' }),
      ev({ type: 'call.answered', at: at(50), callId: 'c2', agentId: 'a1' }),
      ev({ type: 'call.ended', at: at(40), callId: 'c1' }),
    ]);
    expect(field(d, 'agent:a1', 'callId')).toBe('c2');
  });

  it('agent line: the latest agent event that names one', async () => {
    const d = await inEveryOrder([
      ev({ type: 'agent.login', at: at(0), agentId: 'a1', line: '119' }),
      ev({ type: 'agent.paused', at: at(10), agentId: 'a1', line: '112' }),
      ev({ type: 'agent.unpaused', at: at(20), agentId: 'a1' }),
    ]);
    expect(field(d, 'agent:a1', 'line')).toBe('112');
  });

  it('two reports of one incident: the latest report says what it is, the earliest when', async () => {
    const d = await inEveryOrder([
      ev({ type: 'incident.reported', at: at(0), incidentId: 'i1', line: '112', category: 'fire', priority: 1, location: { lat: -6.1, lon: 106.6 }, summary: 'asap' }),
      ev({ type: 'incident.reported', at: at(30), incidentId: 'i1', line: '119', category: 'medical', priority: 2, location: { kecamatan: '36.71.01' as never } }),
    ]);
    expect(field(d, 'incident:i1', 'category')).toBe('medical');
    expect(field(d, 'incident:i1', 'summary')).toBeUndefined();
    expect(field(d, 'incident:i1', 'lat')).toBeUndefined();
    expect(field(d, 'incident:i1', 'reportedAt')).toBe(String(T));
  });

  it('two closings at the same time: the larger (source, id) gives the outcome', async () => {
    const d = await inEveryOrder([
      ev({ type: 'incident.reported', at: at(0), incidentId: 'i1', line: '112', category: 'fire', priority: 1, location: { kecamatan: '36.71.01' as never } }),
      ev({ type: 'incident.closed', at: at(60), incidentId: 'i1', outcome: 'resolved', source: 'a' }),
      ev({ type: 'incident.closed', at: at(60), incidentId: 'i1', outcome: 'prank', source: 'b' }),
    ]);
    expect(field(d, 'incident:i1', 'outcome')).toBe('prank');
  });

  it('alerts: the latest raise says kind, subject and detail; severity only escalates; the first ack', async () => {
    const d = await inEveryOrder([
      ev({ type: 'alert.raised', at: at(0), alertId: 'x', kind: 'spike', subject: 'app-a', severity: 'critical', detail: { n: 1 } }),
      ev({ type: 'alert.raised', at: at(30), alertId: 'x', kind: 'drop', subject: 'app-b', severity: 'warning', detail: { n: 2 } }),
      ev({ type: 'alert.acked', at: at(40), alertId: 'x', by: 'budi' }),
      ev({ type: 'alert.acked', at: at(40), alertId: 'x', by: 'sari', source: 'zz' }),
    ]);
    expect(field(d, 'alert:x', 'kind')).toBe('drop');
    expect(field(d, 'alert:x', 'subject')).toBe('app-b');
    expect(field(d, 'alert:x', 'detail')).toBe('{"n":2}');
    expect(field(d, 'alert:x', 'severity')).toBe('critical');
    expect(field(d, 'alert:x', 'ackedBy')).toBe('budi');
  });

  it('alert history: whether an old alert survives does not depend on arrival order', async () => {
    const day = 86_400;
    await inEveryOrder([
      ev({ type: 'alert.raised', at: at(0), alertId: 'old', kind: 'spike', subject: 's', severity: 'warning' }),
      ev({ type: 'alert.cleared', at: at(60), alertId: 'old' }),
      ev({ type: 'alert.raised', at: at(100 * day), alertId: 'new', kind: 'spike', subject: 's', severity: 'warning' }),
    ]);
  });
});
