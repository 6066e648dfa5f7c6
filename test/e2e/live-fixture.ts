// The "now" of the live space for the view tests: callers waiting on both lines (with numbers,
// so the roles' masking shows), agents in every state, open incidents in several kecamatan,
// and app activity this minute.
import type { KecamatanCode, PantauEvent } from '../../shared/contract/events.ts';
import { makeAppActivity, makeCallReceived, makeIncidentReported, wib } from '../support/factories.ts';
import type { TestCity } from '../support/test-city-data.ts';

export interface LiveFixture {
  events: PantauEvent[];
  /** Full caller numbers of the waiting calls, by line. */
  numbers: Record<'112' | '119', string[]>;
}

/** The city's kecamatan by position in its profile (every bundled city has at least 10). */
function kecamatanAt(city: TestCity, index: number): KecamatanCode {
  const code = city.codes[index % city.codes.length];
  if (code === undefined) throw new Error('a city profile without kecamatan');
  return code;
}

export function liveNowEvents(nowMs: number, city: TestCity): LiveFixture {
  const numbers: Record<'112' | '119', string[]> = { '112': ['081234567789', '085611223344', '087798765432'], '119': ['081377788899', '089912340001'] };
  const events: PantauEvent[] = [];
  for (const line of ['112', '119'] as const) {
    numbers[line].forEach((number, i) => {
      // Waits of 5 s, 25 s and 50 s: one per colour of the thresholds (15 s warning, 30 s critical).
      events.push(makeCallReceived({ line, caller: { number }, at: wib(nowMs - [50, 25, 5][i]! * 1000) }));
    });
    const agent = (n: number, type: 'agent.login' | 'agent.paused') =>
      ({ id: `ag-${line}-${n}-${type}-${nowMs}`, type, at: wib(nowMs - 3_600_000 + n * 1000), source: 'test', agentId: `${line}-desk-${n}`, line }) as const;
    for (let n = 1; n <= 4; n++) events.push(agent(n, 'agent.login'));
    events.push({ ...agent(4, 'agent.paused'), at: wib(nowMs - 600_000) });
  }
  // Five kecamatan spread over the profile's list (in Kota Tangerang: 07, 08, 05, 01 and 10).
  const open: [number, 'fire' | 'medical' | 'flood' | 'traffic-accident', 1 | 2 | 3 | 4][] = [
    [6, 'fire', 1],
    [7, 'flood', 2],
    [4, 'traffic-accident', 3],
    [0, 'medical', 2],
    [9, 'fire', 4],
  ];
  open.forEach(([k, category, priority], i) => {
    events.push(makeIncidentReported({ category, priority, line: category === 'medical' ? '119' : '112', location: { kecamatan: kecamatanAt(city, k) }, at: wib(nowMs - (i + 1) * 240_000) }));
  });
  // The same four counts in every city (they were 40 + 7 × the length of Kota Tangerang's app ids;
  // Kota Bandung's longer ids made them large enough to read as spikes).
  const counts = [138, 75, 68, 82];
  city.appIds.slice(0, counts.length).forEach((appId, i) => events.push(makeAppActivity({ appId, count: counts[i] ?? 40, at: wib(nowMs - 30_000) })));
  return { events, numbers };
}
