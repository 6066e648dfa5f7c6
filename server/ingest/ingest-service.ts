// The ingest path shared by the HTTP routes, the Asterisk adapter and the demo simulator:
// validate, enrich, apply in one pipeline, and answer { accepted, duplicates, rejected }.
import { INTERNAL_EVENT_TYPES, INTERNAL_SOURCE_PREFIX, type PantauEvent } from '../../shared/contract/events.ts';
import type { IngestAnswer, Rejected } from '../../shared/contract/ingest.ts';
import type { Space } from '../../shared/contract/views.ts';
import { enrichEvent, type Locate } from '../domain/enrich.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { WriteEvents } from '../store/event-writer.ts';
import type { SpaceKeys } from '../store/keys.ts';
import type { ParsedItem } from './parse-body.ts';
import { validateItems } from './validate.ts';

export class OverloadedError extends Error {
  override name = 'OverloadedError';
  readonly code = 'OVERLOADED';
  constructor(readonly retryAfterSeconds: number) {
    super('ingest is at capacity; retry later');
  }
}

export interface IngestDeps {
  /** store/event-writer.ts */
  writeEvents: WriteEvents;
  keys: (space: Space) => SpaceKeys;
  timeZone: string;
  locate: Locate;
  metrics: Metrics;
  log: Logger;
  clock: () => number;
  streamRetentionMs: number;
  /** Replicas that must hold a batch before it is acknowledged (Redis WAIT); see config. */
  replication?: { minReplicas: number; waitMs: number };
  /** Events in flight above which new requests get 503 (backpressure, never accept-then-lose). */
  maxInFlight?: number;
  /** The range of `at` ingest keys may send (config PANTAU_EVENT_MAX_*); Pantau's own events are not bounded. */
  eventTime: { maxFutureMs: number; maxAgeMs: number };
  /** The city's kecamatan codes: an event naming another is refused (field error). */
  kecamatanCodes: ReadonlySet<string>;
}

export interface IngestResult {
  status: 200 | 207 | 400;
  answer: IngestAnswer;
}

export interface IngestService {
  ingestItems(space: Space, principal: string, items: readonly ParsedItem[], extraRejected?: Rejected[]): Promise<IngestResult>;
  /** For trusted in-process producers (the simulator): already-typed events. */
  ingestEvents(space: Space, principal: string, events: readonly PantauEvent[]): Promise<IngestResult>;
  inFlight(): number;
}

export function createIngestService(deps: IngestDeps): IngestService {
  const maxInFlight = deps.maxInFlight ?? 50_000;
  let inFlight = 0;

  async function apply(space: Space, principal: string, valid: { index: number; event: PantauEvent }[], rejected: Rejected[], total: number): Promise<IngestResult> {
    if (inFlight + valid.length > maxInFlight && inFlight > 0) throw new OverloadedError(1);
    inFlight += valid.length;
    try {
      const t0 = performance.now();
      const prepared = valid.map(({ event }) => ({ event, enrichment: enrichEvent(event, deps.timeZone, deps.locate) }));
      const outcomes = await deps.writeEvents(deps.keys(space), prepared, {
        principal,
        trimBeforeMs: deps.clock() - deps.streamRetentionMs,
        ...deps.replication,
      });
      let accepted = 0;
      let duplicates = 0;
      // Counted per type and result, then one metric call each: a label lookup per event was a
      // measurable share of a 1,000-event batch.
      const counts = new Map<string, number>();
      outcomes.forEach((o, i) => {
        const type = prepared[i]?.event.type ?? 'unknown';
        if (o.kind === 'accepted') accepted++;
        else duplicates++;
        const key = `${type} ${o.kind}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      });
      for (const [key, n] of counts) {
        const [type = 'unknown', kind] = key.split(' ');
        deps.metrics.ingestEvents.inc({ space, type, result: kind === 'accepted' ? 'accepted' : 'duplicate' }, n);
      }
      if (rejected.length > 0) deps.metrics.ingestEvents.inc({ space, type: 'invalid', result: 'rejected' }, rejected.length);
      deps.log.debug({ mod: 'ingest', space, principal, total, accepted, duplicates, rejected: rejected.length, ms: Math.round(performance.now() - t0) }, 'ingest');
      const status = rejected.length === 0 ? 200 : accepted + duplicates > 0 ? 207 : 400;
      return { status, answer: { accepted, duplicates, rejected } };
    } finally {
      inFlight -= valid.length;
    }
  }

  return {
    async ingestItems(space, principal, items, extraRejected = []) {
      const validated = validateItems(items, { window: { nowMs: deps.clock(), ...deps.eventTime }, kecamatan: deps.kecamatanCodes });
      const rejected = validated.rejected;
      // Alerts and Pantau's own sources are Pantau's: an ingest key may not raise, clear or
      // acknowledge alerts, nor write under a source whose ids Pantau will use itself.
      const valid = validated.valid.filter(({ index, event }) => {
        if (INTERNAL_EVENT_TYPES.includes(event.type)) {
          rejected.push({ index, id: event.id, errors: [{ field: 'type', rule: 'internal', message: `${event.type} events come from Pantau itself, not from ingest` }] });
          return false;
        }
        if (event.source.toLowerCase().startsWith(INTERNAL_SOURCE_PREFIX)) {
          rejected.push({ index, id: event.id, errors: [{ field: 'source', rule: 'internal', message: `sources starting with "${INTERNAL_SOURCE_PREFIX}" are Pantau's own, not for ingest` }] });
          return false;
        }
        return true;
      });
      return apply(space, principal, valid, [...extraRejected, ...rejected].sort((a, b) => a.index - b.index), items.length);
    },
    async ingestEvents(space, principal, events) {
      return apply(space, principal, events.map((event, index) => ({ index, event })), [], events.length);
    },
    inFlight: () => inFlight,
  };
}
