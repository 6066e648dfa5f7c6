// Generated bad items for POST /api/v1/events. Every item is built to be refused (and says
// which field the answer must name) or to be a duplicate of an event accepted earlier (same
// source and id, other content): either way nothing may be accepted and nothing may change.
import type { PantauEvent } from '../../shared/contract/events.ts';
import type { Rng } from './fuzz-rng.ts';

export type Expect = { kind: 'rejected'; field: string } | { kind: 'duplicate' };

export interface FuzzItem {
  /** The item as JSON text (a line of NDJSON or an element of an array). */
  text: string;
  expect: Expect;
  what: string;
}

type Obj = Record<string, unknown>;

const WEIRD_TEXT = [
  '\u202Eevil\u202C', '\u200B', 'a\u200Db', '\uFEFFbom', 'e\u0301', '\u{1F6A8}\u{1F692}', 'ltr\u200Frtl', '\u0000', 'x\u0007y',
  '\u2028line\u2029', 'ÅÄÖ', '\u0130stanbul', '𝕏', '\uFFFF', '\uFFFE',
];
const LONE = ['\uD800', '\uDFFF', 'a\uD83D', '\uDE00b', '\uDBFF\uDBFF'];
const NOT_ISO = [
  '2026-11-23T14:05:32', '2026-11-23 14:05:32+07:00', '23/11/2026', '2026-11-23', 'yesterday', '', '2026-13-01T00:00:00+07:00',
  '2026-11-23T25:00:00+07:00', '2026-02-30T00:00:00+07:00', '2026-11-23T14:05:32+0700', '2026-11-23T14:05:32+24:00',
  '1795417532', 'T14:05:32+07:00', '2026-11-23T14:05:32 +07:00', '2026-11-23T14:05:60+07:00', '+275760-09-13T00:00:00Z',
];

function deep(depth: number, leaf: unknown, rng: Rng): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = rng.chance(0.5) ? [v] : { d: v };
  return v;
}

/** JSON text with the given raw members spliced in before the event's own (for keys JSON.stringify would drop). */
function withRawMembers(event: Obj, raw: string): string {
  const body = JSON.stringify(event);
  return `{${raw},${body.slice(1)}`;
}

/** The required fields of each baseline type: removing or breaking one must be refused. */
const REQUIRED: Record<string, string[]> = {
  'call.received': ['callId', 'line'],
  'call.answered': ['callId', 'agentId'],
  'call.abandoned': ['callId'],
  'call.ended': ['callId'],
  'incident.reported': ['incidentId', 'line', 'category', 'priority', 'location'],
  'incident.dispatched': ['incidentId', 'agency'],
  'incident.closed': ['incidentId', 'outcome'],
  'app.activity': ['appId', 'kind'],
  'agent.login': ['agentId'],
};
const NON_STRING: unknown[] = [null, true, false, 0, -1, 1.5, [], {}, [1, 2], { a: 1 }];

export function createBadItemGenerator(rng: Rng, baseline: readonly PantauEvent[], freshId: () => string): () => FuzzItem {
  const pickBase = (): Obj => ({ ...(rng.pick(baseline) as unknown as Obj) });
  const fresh = (): Obj => ({ ...pickBase(), id: freshId() });
  const requiredOf = (e: Obj): string[] => {
    const own = REQUIRED[String(e.type)];
    if (!own) throw new Error(`fuzz baseline has an event type without its required fields listed: ${String(e.type)}`);
    return ['id', 'type', 'at', 'source', ...own];
  };
  const rejected = (text: string, field: string, what: string): FuzzItem => ({ text, expect: { kind: 'rejected', field }, what });

  const makers: (() => FuzzItem)[] = [
    // A required field missing.
    () => {
      const e = fresh();
      const k = rng.pick(requiredOf(e));
      delete e[k];
      return rejected(JSON.stringify(e), k, `missing ${k}`);
    },
    // A field of the wrong type or value.
    () => {
      const e = fresh();
      const k = rng.pick(requiredOf(e).filter((x) => x !== 'id'));
      e[k] = k === 'priority' ? rng.pick(['1', 'x', null, 0, 5, 1.5, true]) : rng.pick([...NON_STRING, '']);
      return rejected(JSON.stringify(e), k, `wrong ${k}: ${JSON.stringify(e[k])}`);
    },
    // Huge strings.
    () => {
      const e = fresh();
      const k = rng.pick(['id', 'source', 'callId', 'agentId', 'appId', 'incidentId'].filter((x) => x in e));
      e[k] = rng.string(rng.pick([129, 1_000, 50_000]));
      return rejected(JSON.stringify(e), k, `huge ${k}`);
    },
    // Unknown, misspelt or look-alike types.
    () => {
      const e = fresh();
      if (rng.chance(0.2)) {
        // A well-formed alert: it passes the schema and is refused because alerts are Pantau's own.
        return rejected(JSON.stringify({ ...e, type: 'alert.cleared', alertId: 'a-1' }), 'type', 'internal type');
      }
      e.type = rng.pick(['call.Received', 'call.received ', 'CALL.RECEIVED', 'call.recieved', 'call\u2024received', '', 'incident', 'app.activity\u0000']);
      return rejected(JSON.stringify(e), 'type', `type ${JSON.stringify(e.type)}`);
    },
    // Dates without offset or impossible.
    () => {
      const e = fresh();
      e.at = rng.pick(NOT_ISO);
      return rejected(JSON.stringify(e), 'at', `at ${String(e.at)}`);
    },
    // Coordinates out of range or malformed locations.
    () => {
      const e = { ...fresh(), type: 'incident.reported', incidentId: freshId(), line: '112', category: 'fire', priority: 1 } as Obj;
      const bad: Obj[] = [
        { lat: 91, lon: 106 }, { lat: -90.0001, lon: 106 }, { lat: -6, lon: 180.5 }, { lat: -6, lon: -181 }, { lat: '-6.1', lon: 106 },
        { lat: -6 }, {}, { kecamatan: '36.71' }, { kecamatan: '36.71.07.1001' }, { lat: -6, lon: 106, extra: 1 }, { lat: null, lon: null },
        { lat: 'NaN', lon: 'NaN' }, { lat: [1], lon: 2 }, { address: 'x'.repeat(300), kecamatan: '36.71.01' },
      ];
      e.location = rng.pick(bad);
      return rejected(JSON.stringify(e), 'location', `location ${JSON.stringify(e.location).slice(0, 40)}`);
    },
    // Counts negative, zero, fractional, huge, or numbers as strings.
    () => {
      const e = { ...fresh(), type: 'app.activity', appId: 'laksa', kind: 'session' } as Obj;
      const raw = rng.pick(['-1', '0', '1.5', '1000001', '1e400', '"NaN"', '"5"', 'null', '[]', '9007199254740993', '-0.0', '1e-7', 'true']);
      delete e.count;
      return rejected(withRawMembers(e, `"count":${raw}`), 'count', `count ${raw}`);
    },
    // Priority and line out of their sets.
    () => {
      const e = { ...fresh(), type: 'incident.reported', incidentId: freshId(), category: 'fire', location: { kecamatan: '36.71.01' } } as Obj;
      if (rng.chance(0.5)) {
        e.line = '112';
        e.priority = rng.pick([0, 5, 2.5, '1', -1, null]);
        return rejected(JSON.stringify(e), 'priority', `priority ${String(e.priority)}`);
      }
      e.priority = 1;
      e.line = rng.pick(['113', 112, '', ' 112', '112\u0000', null]);
      return rejected(JSON.stringify(e), 'line', `line ${String(e.line)}`);
    },
    // Caller numbers with letters, too long, or extra keys.
    () => {
      const e = { ...fresh(), type: 'call.received', callId: freshId(), line: '112' } as Obj;
      const callers: [unknown, string][] = [
        [{ number: '0812abc' }, 'caller.number'], [{ number: '1'.repeat(33) }, 'caller.number'], [{ number: 812 }, 'caller.number'],
        [{ number: '0812', name: 'Budi' }, 'caller'], ['0812', 'caller'], [[], 'caller'], [{ number: '<script>' }, 'caller.number'],
      ];
      const [caller, field] = rng.pick(callers);
      e.caller = caller;
      return rejected(JSON.stringify(e), field, `caller ${JSON.stringify(caller)}`);
    },
    // Deep nesting where a scalar belongs.
    () => {
      const e = fresh();
      const k = rng.pick(requiredOf(e).filter((x) => x !== 'type'));
      e[k] = deep(rng.int(50, 2_000), 'x', rng);
      return rejected(JSON.stringify(e), k, `deep ${k}`);
    },
    // Lone surrogates (valid JSON escapes, not valid Unicode) in any string field of a fresh event.
    () => {
      const e = fresh();
      const k = rng.pick(['id', 'source', ...Object.keys(e).filter((x) => ['callId', 'agentId', 'appId', 'incidentId'].includes(x))]);
      e[k] = `${String(e[k]).slice(0, 60)}${rng.pick(LONE)}`;
      return rejected(JSON.stringify(e), k, `lone surrogate in ${k}`);
    },
    // Control characters in the dedupe identity.
    () => {
      const e = fresh();
      const k = rng.pick(['id', 'source']);
      e[k] = `${String(e[k]).slice(0, 60)}${rng.pick(['\u0000', '\u0001', '\n', '\u001f', '\u007f'])}x`;
      return rejected(JSON.stringify(e), k, `control character in ${k}`);
    },
    // Not an object at all.
    () => {
      const text = rng.pick(['null', '1', '"event"', 'true', '[]', '[{}]', '-0', '1e400']);
      return rejected(text, '', `item ${text}`);
    },
    // __proto__ / constructor / prototype keys with a defect elsewhere: refused, nothing polluted.
    () => {
      const e = fresh();
      delete e.at;
      const raw = rng.pick(['"__proto__":{"polluted":true,"at":"2026-11-23T14:05:32+07:00"}', '"constructor":{"prototype":{"polluted":true}}', '"prototype":{"polluted":true}', '"__proto__":null']);
      return rejected(withRawMembers(e, raw), 'at', `proto keys ${raw.slice(0, 20)}`);
    },
    // Duplicates: an id accepted earlier with other, odd content (proto keys, weird Unicode, extra fields).
    () => {
      const e = pickBase();
      const extra = rng.pick([
        '"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}', '"prototype":1',
        `"note":${JSON.stringify(rng.pick(WEIRD_TEXT))}`, `"deep":${JSON.stringify(deep(200, 1, rng))}`, '"count":7',
      ]);
      if ('agentId' in e) e.agentId = rng.pick(WEIRD_TEXT.filter((t) => !/[\u0000-\u001f]/.test(t)));
      return { text: withRawMembers(e, extra), expect: { kind: 'duplicate' }, what: `duplicate with ${extra.slice(0, 20)}` };
    },
  ];

  return () => rng.pick(makers)();
}
