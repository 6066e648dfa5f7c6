// The compact wire form (shared/contract/wire.ts) and its reader in the browser
// (client/live/wire-decode.ts): whatever a snapshot holds, the browser gets back exactly the
// snapshot the server encoded, and a frame that is not a valid snapshot is refused. Property
// over seeded random snapshots (odd offsets, times the column cannot shorten, absent and null
// fields, values outside the schema); the seed is printed on failure.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeDeltaFrame, decodeSnapshotFrame } from '../../client/live/wire-decode.ts';
import { CATEGORIES, Agency } from '../../shared/contract/events.ts';
import type { IncidentView, Snapshot, WaitingCall } from '../../shared/contract/views.ts';
import { decodeSnapshot, encodeSnapshot, isoAt, splitWireSnapshot } from '../../shared/contract/wire.ts';
import { gzipJson } from '../../server/live/wire-gzip.ts';
import { createRng, type Rng } from '../support/fuzz-rng.ts';

const OFFSETS = ['+07:00', '+08:00', '+09:00', '-03:30', '+00:00'];

function time(r: Rng, offset: string): string | null {
  if (r.chance(0.3)) return null;
  const ms = 1_790_000_000_000 + r.int(-1e9, 1e9);
  // Mostly the form the server writes; sometimes another offset, no milliseconds, or `Z`.
  const roll = r.next();
  if (roll < 0.8) return isoAt(ms, offset);
  if (roll < 0.9) return isoAt(ms, r.pick(OFFSETS));
  if (roll < 0.95) return `${isoAt(ms, offset).slice(0, 19)}${offset}`;
  return new Date(ms).toISOString();
}

function incident(r: Rng, i: number, offset: string): IncidentView {
  return {
    incidentId: `i-${i}-${r.string(4)}`,
    line: r.pick(['112', '119', null] as const),
    category: r.chance(0.9) ? r.pick(CATEGORIES) : null,
    priority: r.chance(0.9) ? r.int(1, 4) : null,
    status: r.pick(['reported', 'dispatched', 'on_scene', 'closed', 'unknown'] as const),
    location: r.chance(0.1) ? null : r.chance(0.1) ? { kecamatan: '36.71.01' } : r.chance(0.05) ? { lat: -6.2 } : { lat: -6 - r.next(), lon: 106 + r.next() },
    kecamatan: r.chance(0.8) ? `36.71.0${r.int(1, 9)}` : null,
    kelurahan: r.chance(0.7) ? `36.71.0${r.int(1, 9)}.100${r.int(1, 9)}` : null,
    outside: r.chance(0.05),
    callId: r.chance(0.5) ? `c-${r.string(6)}` : null,
    reportedAt: time(r, offset),
    dispatchedAt: time(r, offset),
    onSceneAt: time(r, offset),
    closedAt: time(r, offset),
    agencies: Array.from({ length: r.int(0, 3) }, () => r.pick(Agency.options)),
    outcome: null,
    summary: r.chance(0.3) ? `ringkasan ${r.string(12)} "kutip" \\ 0` : null,
  };
}

function waiting(r: Rng, i: number, offset: string): WaitingCall {
  const call: WaitingCall = {
    callId: `c-${i}`, line: r.pick(['112', '119'] as const), status: 'waiting', receivedAt: time(r, offset) ?? isoAt(1_790_000_000_000, offset),
    answeredAt: null, abandonedAt: null, endedAt: time(r, offset), agentId: r.chance(0.2) ? 'agent-1' : null,
    disposition: null, kecamatan: r.chance(0.5) ? '36.71.02' : null,
  };
  const roll = r.next();
  if (roll < 0.4) call.caller = { number: `0812${r.string(7, '0123456789')}` };
  else if (roll < 0.5) call.caller = {};
  return call;
}

function snapshot(r: Rng): Snapshot {
  const offset = r.pick(OFFSETS);
  const calls = { offered: 1, answered: 0, abandoned: 0, asa: null, sl15: null, sl20: null, abandonmentRate: null, byDisposition: {}, prankShare: null };
  return {
    position: `${r.int(0, 10 ** 12)}-${r.int(0, 9)}` as Snapshot['position'],
    at: isoAt(1_790_000_000_000, offset),
    space: 'live',
    city: { id: 'kota-tangerang', name: 'Kota Tangerang', timezone: 'Asia/Jakarta' },
    calls: { waiting: Array.from({ length: r.int(0, 30) }, (_, i) => waiting(r, i, offset)), agents: [{ agentId: 'a1', line: '112', state: 'available', since: null, callId: null }] },
    incidents: { open: Array.from({ length: r.int(0, 300) }, (_, i) => incident(r, i, offset)) },
    kpis: { from: '', to: '', timezone: 'Asia/Jakarta', calls: { '112': calls, '119': calls, all: calls }, incidents: { count: 0, byCategory: {}, byPriority: {}, byKecamatan: {}, byAgency: {}, dispatch: { mean: null, p90: null, n: 0 }, response: { mean: null, p90: null, n: 0 }, prankRate: null } },
    apps: { from: '', to: '', top: [] },
    alerts: [],
    eventsToday: r.int(0, 1000),
  };
}

/** Through JSON, as on the wire. */
const overJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('compact wire form', () => {
  it('gives back exactly the snapshot that was encoded (200 seeded snapshots)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const s = snapshot(createRng(seed));
      const { at, ...body } = s;
      const back = decodeSnapshot(splitWireSnapshot(overJson(encodeSnapshot(body))) ?? (() => { throw new Error(`seed ${seed}: not a wire snapshot`); })(), at);
      expect(back, `seed ${seed}`).toEqual(s);
    }
  });

  it('reads a gzipped frame in the browser into the same, checked snapshot', async () => {
    for (let seed = 1; seed <= 4; seed++) {
      const { at, ...body } = snapshot(createRng(seed));
      // Enough incidents for several slices of the reader.
      const big = { ...body, incidents: { open: Array.from({ length: 2_500 }, (_, i) => incident(createRng(seed * 10_000 + i), i, '+07:00')) } };
      expect(await decodeSnapshotFrame(at, gzipJson(encodeSnapshot(big))), `seed ${seed}`).toEqual({ ...big, at });
    }
  });

  it('refuses frames that are not valid snapshots, naming nothing it cannot check', async () => {
    const { at, ...body } = snapshot(createRng(7));
    const wire = encodeSnapshot({ ...body, incidents: { open: [incident(createRng(1), 0, '+07:00')] } });
    expect(await decodeSnapshotFrame(at, gzipSync('not json'))).toBeNull();
    expect(await decodeSnapshotFrame(at, Buffer.from('not gzip'))).toBeNull();
    expect(await decodeSnapshotFrame(42, gzipJson(wire))).toBeNull();
    expect(await decodeSnapshotFrame(at, gzipJson({ ...wire, v: 2 }))).toBeNull();
    // A priority outside the schema, in a column, is caught by the schema after decoding.
    const bad = overJson(wire);
    bad.incidents.cols.priority = [9];
    expect(await decodeSnapshotFrame(at, gzipJson(bad))).toBeNull();
  });

  it('carries a delta as gzipped JSON', async () => {
    const delta = { prev: '1-0', position: '2-0', changes: [{ t: 'counter', eventsToday: 3 }] };
    expect(await decodeDeltaFrame(gzipJson(delta))).toEqual(delta);
    expect(await decodeDeltaFrame(Buffer.from('x'))).toBeNull();
  });
});
