// Stream entries as the store wrote them (apply-batch.lua): the event, its enrichment, the
// principal that sent it and the changes it made (absolute after-states of entities).
import type { PantauEvent } from '../../shared/contract/events.ts';
import type { Enrichment } from '../domain/enrich.ts';

export type RawEntity = Record<string, string>;
/**
 * One entity's after-state as the projection wrote it. `member` is the projection's own decision
 * whether the entity is in its live set after the event (calls: waiting; incidents: open;
 * alerts: active; callbacks: listed); nothing downstream decides membership again. Agents have no such set.
 */
export type RawChange =
  | { t: 'call' | 'incident' | 'alert' | 'callback'; id: string; h: RawEntity; member: boolean }
  | { t: 'agent'; id: string; h: RawEntity }
  | { t: 'counter'; id: string; n: number };

export interface StreamEntry {
  position: string;
  event: PantauEvent;
  enrichment: Enrichment;
  principal: string;
  changes: RawChange[];
}

/** HGETALL's flat [k, v, k, v] list (Lua sends an empty one as {} through cjson). */
export function flatToRecord(flat: unknown): RawEntity {
  const out: RawEntity = {};
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

interface LuaChange { t: string; id: string; h?: unknown; n?: number; m?: number }

export function parseEntry(position: string, fields: string[]): StreamEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  // These fields were written by our own script from validated input: parse, don't re-validate.
  const lua = JSON.parse(f.c ?? '[]') as LuaChange[] | Record<string, never>;
  const changes: RawChange[] = [];
  for (const c of Array.isArray(lua) ? lua : []) {
    if (c.t === 'counter') changes.push({ t: 'counter', id: c.id, n: Number(c.n ?? 0) });
    else if (c.t === 'agent') changes.push({ t: 'agent', id: c.id, h: flatToRecord(c.h) });
    else if (c.t === 'call' || c.t === 'incident' || c.t === 'alert' || c.t === 'callback') changes.push({ t: c.t, id: c.id, h: flatToRecord(c.h), member: c.m === 1 });
  }
  // The event and its enrichment are parsed when first read: the live feed reads only the
  // changes, and at ingest rates these two parses were a tenth of the server's time per event.
  let event: PantauEvent | undefined;
  let enrichment: Enrichment | undefined;
  return {
    position,
    get event(): PantauEvent {
      event ??= JSON.parse(f.e ?? '{}') as PantauEvent;
      return event;
    },
    get enrichment(): Enrichment {
      enrichment ??= JSON.parse(f.x ?? '{}') as Enrichment;
      return enrichment;
    },
    principal: f.k ?? '',
    changes,
  };
}
