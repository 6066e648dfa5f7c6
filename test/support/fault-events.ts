// A seeded stream of valid, related events (calls that are later answered, abandoned or
// ended; incidents that are dispatched and closed; app activity), so the derived state a
// fault test compares with a rebuild has every kind of record in it.
import type { PantauEvent } from '../../shared/contract/events.ts';
import { APP_KINDS, DISPOSITIONS, KecamatanCode } from '../../shared/contract/events.ts';
import { wib } from './factories.ts';
import { createRng } from './fuzz-rng.ts';

const KECAMATAN = Array.from({ length: 13 }, (_, i) => KecamatanCode.parse(`36.71.${String(i + 1).padStart(2, '0')}`));
const APPS = ['laksa', 'tangerang-live', 'tangerang-live-harga-pangan', 'tangerang-live-tas-loker'];

export function createEventSource(seed: number, idPrefix: string, clock: () => number = Date.now): (n: number) => PantauEvent[] {
  const rng = createRng(seed);
  let seq = 0;
  const waiting: string[] = [];
  const answered: string[] = [];
  const open: string[] = [];
  const take = (list: string[]): string | undefined => (list.length === 0 ? undefined : list.splice(rng.int(0, list.length - 1), 1)[0]);

  function one(): PantauEvent {
    const id = `${idPrefix}-${seq++}`;
    // Up to five minutes in the past: arrival order differs from `at` order, as in real life.
    const base = { id, at: wib(clock() - rng.int(0, 300_000)), source: 'fault-load' };
    const r = rng.next();
    if (r < 0.3 || (r < 0.6 && waiting.length === 0)) {
      const callId = `${idPrefix}-c${seq}`;
      waiting.push(callId);
      const number = `08${rng.string(10, '0123456789')}`;
      return { ...base, type: 'call.received', callId, line: rng.chance(0.7) ? '112' : '119', caller: { number }, ...(rng.chance(0.3) ? { location: { kecamatan: rng.pick(KECAMATAN) } } : {}) };
    }
    if (r < 0.5) {
      const callId = take(waiting) ?? `${idPrefix}-orphan${seq}`;
      answered.push(callId);
      return { ...base, type: 'call.answered', callId, agentId: `agent-${rng.int(1, 20)}` };
    }
    if (r < 0.6) return { ...base, type: 'call.abandoned', callId: take(waiting) ?? `${idPrefix}-orphan${seq}` };
    if (r < 0.72) {
      const callId = take(answered) ?? `${idPrefix}-orphan${seq}`;
      return { ...base, type: 'call.ended', callId, disposition: rng.pick(DISPOSITIONS) };
    }
    if (r < 0.77 || (r < 0.82 && open.length === 0)) {
      const incidentId = `${idPrefix}-i${seq}`;
      open.push(incidentId);
      return {
        ...base, type: 'incident.reported', incidentId, line: '112', category: 'fire', priority: rng.int(1, 4),
        location: { lat: -6.17 - rng.next() * 0.05, lon: 106.6 + rng.next() * 0.05 },
      };
    }
    if (r < 0.82) {
      const incidentId = open[rng.int(0, open.length - 1)] ?? `${idPrefix}-i0`;
      if (rng.chance(0.5)) return { ...base, type: 'incident.dispatched', incidentId, agency: 'fire' };
      take(open);
      return { ...base, type: 'incident.closed', incidentId, outcome: 'resolved' };
    }
    if (r < 0.85) return { ...base, type: 'agent.login', agentId: `agent-${rng.int(1, 20)}`, line: '112' };
    return { ...base, type: 'app.activity', appId: rng.pick(APPS), kind: rng.pick(APP_KINDS), count: rng.int(1, 50), kecamatan: rng.pick(KECAMATAN) };
  }

  return (n) => Array.from({ length: n }, one);
}
