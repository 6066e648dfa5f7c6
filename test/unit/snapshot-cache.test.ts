// The snapshot cache: a body is built once per state key, its JSON serialised once per body and
// role (and its gzip and compact frame once per body and role), and every send gets its own
// `at` in front. (What that saves is measured in the bench, not asserted here.)
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeSnapshotFrame } from '../../client/live/wire-decode.ts';
import { SnapshotCache, type SnapshotBody } from '../../server/live/snapshot-cache.ts';
import type { Snapshot } from '../../shared/contract/views.ts';

function body(position: string): SnapshotBody {
  const calls = { offered: 0, answered: 0, abandoned: 0, asa: null, sl15: null, sl20: null, abandonmentRate: null, byDisposition: {}, prankShare: null };
  return {
    position: position as Snapshot['position'],
    space: 'live',
    city: { id: 'kota-tangerang', name: 'Kota Tangerang', timezone: 'Asia/Jakarta' },
    calls: { waiting: [{ callId: 'c1', line: '112', status: 'waiting', receivedAt: '2026-11-23T14:00:00+07:00', answeredAt: null, abandonedAt: null, endedAt: null, agentId: null, disposition: null, kecamatan: null, caller: { number: '081234567789' } }], agents: [] },
    incidents: { open: [] },
    kpis: { from: '', to: '', timezone: 'Asia/Jakarta', calls: { '112': calls, '119': calls, all: calls }, incidents: { count: 0, byCategory: {}, byPriority: {}, byKecamatan: {}, byAgency: {}, dispatch: { mean: null, p90: null, n: 0 }, response: { mean: null, p90: null, n: 0 }, prankRate: null } },
    apps: { from: '', to: '', top: [] },
    alerts: [],
    eventsToday: 1,
  };
}

describe('SnapshotCache', () => {
  it('builds a body once per key', () => {
    const cache = new SnapshotCache();
    let builds = 0;
    const build = (p: string) => () => { builds++; return body(p); };
    const a = cache.body('1-0', build('1-0'));
    expect(cache.body('1-0', build('1-0'))).toBe(a);
    expect(builds).toBe(1);
    expect(cache.body('2-0', build('2-0'))).not.toBe(a);
    expect(builds).toBe(2);
  });

  it('sends valid JSON per role with the given `at` first, redacted for the role', () => {
    const cache = new SnapshotCache();
    const b = cache.body('1-0', () => body('1-0'));
    const first = JSON.parse(cache.jsonFor(b, 'display', 'A')) as Snapshot;
    const second = JSON.parse(cache.jsonFor(b, 'display', 'B')) as Snapshot;
    expect(first.at).toBe('A');
    expect(second.at).toBe('B');
    expect({ ...second, at: 'A' }).toEqual(first);
    expect(first.calls.waiting[0]?.caller?.number).toBe('0812****789');
    expect((JSON.parse(cache.jsonFor(b, 'operator', 'C')) as Snapshot).calls.waiting[0]?.caller?.number).toBe('081234567789');
  });

  it('gzips the same JSON, the body compressed once and each `at` spliced in front', () => {
    const cache = new SnapshotCache();
    const b = cache.body('1-0', () => body('1-0'));
    for (const [role, at] of [['display', 'A'], ['display', 'B'], ['operator', '2026-11-23T14:00:00.000+07:00'], ['display', 'é"\\']] as const) {
      expect(gunzipSync(cache.gzipFor(b, role, at)).toString()).toBe(cache.jsonFor(b, role, at));
    }
  });

  it('builds the compact frame once per body and role, redacted for the role', async () => {
    const cache = new SnapshotCache();
    const b = cache.body('1-0', () => body('1-0'));
    const frame = cache.compactFor(b, 'display');
    expect(cache.compactFor(b, 'display')).toBe(frame);
    expect(await decodeSnapshotFrame('A', frame)).toEqual(JSON.parse(cache.jsonFor(b, 'display', 'A')));
    expect((await decodeSnapshotFrame('A', cache.compactFor(b, 'operator')))?.calls.waiting[0]?.caller?.number).toBe('081234567789');
  });
});
