// The compact wire form of the live protocol (issue #21), one definition for the server that
// encodes and the browser that decodes. A snapshot's two big lists (open incidents, waiting
// calls) travel as columns: one array per field, repeated strings (lines, categories, statuses,
// kecamatan and kelurahan codes, agencies) as indexes into one dictionary, times as milliseconds
// from one base with the city's UTC offset said once, positions as [lat, lon]. Everything else
// of the snapshot, and every delta, is plain JSON. The server then gzips the JSON once per room
// (or once per state and role, for snapshots) and the socket carries it as binary; what the
// browser decodes here is still checked by the zod schemas of views.ts before it is used.
//
// Decoding returns `unknown` on purpose: only the schema says what a frame holds.
import type { Snapshot } from './views.ts';

/** Asked for in the handshake (`auth.wire`); a client that does not ask gets plain JSON events. */
export const WIRE_FORMAT = 'gzip-columns/1';

/** Socket.IO events of the compact form: the same content as `snapshot` and `delta`. */
export const WIRE_SNAPSHOT = 'snapshot:z';
export const WIRE_DELTA = 'delta:z';

/** How one field of a row travels. A value a codec cannot write compactly travels as `{ as: value }`. */
type Codec =
  /** As is (numbers, unique strings). */
  | 'raw'
  /** A string from a small set (or null): an index into the table's dictionary. */
  | 'dict'
  /** An array of such strings. */
  | 'dicts'
  /** An ISO-8601 time with offset (or null): ms from the table's base, when that writes it back exactly. */
  | 'time'
  /** `{ lat, lon }` (or null): [lat, lon]; any other shape goes as is. */
  | 'point'
  /** A boolean: 0 or 1. */
  | 'bool'
  /** An optional value: absent is 0, present goes as is. */
  | 'optional';

type Spec = readonly (readonly [field: string, codec: Codec])[];

/** IncidentView's fields (views.ts), in its order. */
const INCIDENT_SPEC: Spec = [
  ['incidentId', 'raw'], ['line', 'dict'], ['category', 'dict'], ['priority', 'raw'], ['status', 'dict'],
  ['location', 'point'], ['kecamatan', 'dict'], ['kelurahan', 'dict'], ['outside', 'bool'], ['callId', 'raw'],
  ['reportedAt', 'time'], ['dispatchedAt', 'time'], ['onSceneAt', 'time'], ['closedAt', 'time'],
  ['agencies', 'dicts'], ['outcome', 'dict'], ['summary', 'raw'],
];

/** WaitingCall's fields (CallView, views.ts), in its order. */
const CALL_SPEC: Spec = [
  ['callId', 'raw'], ['line', 'dict'], ['status', 'dict'], ['receivedAt', 'time'], ['answeredAt', 'time'],
  ['abandonedAt', 'time'], ['endedAt', 'time'], ['agentId', 'raw'], ['disposition', 'dict'], ['kecamatan', 'dict'],
  ['caller', 'optional'], ['repeatCalls24h', 'optional'], ['prankCalls24h', 'optional'],
];

/** A list of rows as columns. */
export interface WireTable {
  /** Rows. */
  n: number;
  /** The strings `dict` and `dicts` columns point into. */
  dict: string[];
  /** Epoch ms that `time` columns count from. */
  base: number;
  /** The UTC offset (`+07:00`) every time written as a number carries. */
  offset: string;
  /** One array per field, `n` long. */
  cols: Record<string, unknown[]>;
}

/** A snapshot on the wire: its lists of incidents and waiting calls as tables, the rest as is. */
export interface WireSnapshot {
  v: 1;
  /** The snapshot with `incidents.open` and `calls.waiting` emptied and `at` left out (it travels beside the frame). */
  rest: Record<string, unknown>;
  incidents: WireTable;
  waiting: WireTable;
}

const OFFSET = /[+-]\d\d:\d\d$/;

/** `ms` as ISO-8601 with millisecond precision and the given `±hh:mm` offset. */
export function isoAt(ms: number, offset: string): string {
  const sign = offset.startsWith('-') ? -1 : 1;
  const minutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + minutes * 60_000).toISOString();
  // toISOString ends in `Z` and has a four-digit year for the years a live view holds.
  return `${local.slice(0, 23)}${offset}`;
}

class TableWriter {
  private readonly dict: string[] = [];
  private readonly index = new Map<string, number>();
  private base: number | null = null;
  private offset: string | null = null;

  private word(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.dict.length;
      this.dict.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  private time(v: unknown): unknown {
    if (typeof v !== 'string') return v;
    const ms = Date.parse(v);
    this.offset ??= OFFSET.exec(v)?.[0] ?? null;
    this.base ??= Number.isFinite(ms) ? ms : null;
    // A time the decoder would not write back exactly (another offset, another precision) goes as is.
    if (this.offset === null || this.base === null || !Number.isFinite(ms) || isoAt(ms, this.offset) !== v) return v;
    return ms - this.base;
  }

  private cell(codec: Codec, v: unknown): unknown {
    switch (codec) {
      case 'raw':
        return v;
      case 'dict':
        return typeof v === 'string' ? this.word(v) : v === null ? null : { as: v };
      case 'dicts':
        return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v.map((s: string) => this.word(s)) : { as: v };
      case 'time':
        return this.time(v);
      case 'point': {
        const p = v as { lat?: unknown; lon?: unknown } | null;
        const simple = p !== null && typeof p === 'object' && Object.keys(p).length === 2 && typeof p.lat === 'number' && typeof p.lon === 'number';
        return simple ? [p.lat, p.lon] : Array.isArray(v) ? { as: v } : v;
      }
      case 'bool':
        return v === true ? 1 : v === false ? 0 : { as: v };
      case 'optional':
        return v === undefined ? 0 : v === 0 ? { as: 0 } : v;
    }
  }

  table(rows: readonly object[], spec: Spec): WireTable {
    const cols: Record<string, unknown[]> = {};
    for (const [field, codec] of spec) {
      const col: unknown[] = new Array<unknown>(rows.length);
      for (let i = 0; i < rows.length; i++) col[i] = this.cell(codec, (rows[i] as Record<string, unknown>)[field]);
      cols[field] = col;
    }
    return { n: rows.length, dict: this.dict, base: this.base ?? 0, offset: this.offset ?? '+00:00', cols };
  }
}

/** Cells that could not be written compactly travel wrapped, so they never pass for an encoded one. */
const wrapped = (v: unknown): v is { as: unknown } => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && 'as' in v;

/** The reader of one column's cells, chosen once per column. */
function cellReader(t: WireTable, codec: Codec): (v: unknown) => unknown {
  switch (codec) {
    case 'raw':
      return (v) => v;
    case 'dict':
      return (v) => (typeof v === 'number' ? t.dict[v] : wrapped(v) ? v.as : v);
    case 'dicts':
      return (v) => (wrapped(v) ? v.as : Array.isArray(v) ? v.map((i) => (typeof i === 'number' ? t.dict[i] : i)) : v);
    case 'time':
      return (v) => (typeof v === 'number' ? isoAt(t.base + v, t.offset) : v);
    case 'point':
      return (v) => (Array.isArray(v) ? { lat: v[0], lon: v[1] } : wrapped(v) ? v.as : v);
    case 'bool':
      return (v) => (wrapped(v) ? v.as : v === 1);
    case 'optional':
      return (v) => (v === 0 ? undefined : wrapped(v) ? v.as : v);
  }
}

/** Rows `from` to `to` of a table as objects (for the schema to check), so a large table can be read in slices. */
export function readRows(t: WireTable, kind: 'incidents' | 'waiting', from = 0, to = t.n): unknown[] {
  const spec = kind === 'incidents' ? INCIDENT_SPEC : CALL_SPEC;
  const start = Math.max(0, from);
  const rows: Record<string, unknown>[] = [];
  for (let i = start; i < Math.min(to, t.n); i++) rows.push({});
  // Column by column: each column's reader is chosen once, and every row gains its fields in the same order.
  for (const [field, codec] of spec) {
    const col = t.cols[field] ?? [];
    const read = cellReader(t, codec);
    for (let r = 0; r < rows.length; r++) {
      const v = read(col[start + r]);
      if (v !== undefined) (rows[r] as Record<string, unknown>)[field] = v;
    }
  }
  return rows;
}

/** A snapshot (its `at` travels beside the frame) in the compact form. Pure; the server gzips its JSON. */
export function encodeSnapshot(s: Omit<Snapshot, 'at'>): WireSnapshot {
  const { at: _at, ...rest } = s as Omit<Snapshot, 'at'> & { at?: string };
  return {
    v: 1,
    rest: { ...rest, incidents: { ...s.incidents, open: [] }, calls: { ...s.calls, waiting: [] } },
    incidents: new TableWriter().table(s.incidents.open, INCIDENT_SPEC),
    waiting: new TableWriter().table(s.calls.waiting, CALL_SPEC),
  };
}

/** The parts of a decoded frame, not yet checked: `rest` as sent, the tables to read row by row. */
export function splitWireSnapshot(value: unknown): WireSnapshot | null {
  if (value === null || typeof value !== 'object') return null;
  const w = value as Partial<WireSnapshot>;
  const isTable = (t: unknown): t is WireTable => {
    const x = t as Partial<WireTable> | null;
    return x !== null && typeof x === 'object' && typeof x.n === 'number' && Array.isArray(x.dict) && typeof x.base === 'number'
      && typeof x.offset === 'string' && OFFSET.test(x.offset) && x.cols !== null && typeof x.cols === 'object';
  };
  if (w.v !== 1 || w.rest === null || typeof w.rest !== 'object' || !isTable(w.incidents) || !isTable(w.waiting)) return null;
  return w as WireSnapshot;
}

/** The whole snapshot back as plain objects (with `at`), for the schema to check. */
export function decodeSnapshot(w: WireSnapshot, at: string): unknown {
  const rest = w.rest as { incidents?: object; calls?: object };
  return {
    ...w.rest,
    at,
    incidents: { ...rest.incidents, open: readRows(w.incidents, 'incidents') },
    calls: { ...rest.calls, waiting: readRows(w.waiting, 'waiting') },
  };
}
