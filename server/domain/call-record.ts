// One call as the store keeps it (hash `call:<callId>`, docs/architecture.md), its status,
// its view per role, and its contribution to the call KPIs. The Lua projection keeps the
// same contribution in 15-minute buckets; callContribution is its TypeScript twin, so any
// change here must be made there too.
import { DISPOSITIONS, LINES, type CallEvent, type Disposition, type Line, type PantauEvent } from '../../shared/contract/events.ts';
import type { CallStatus, CallView, Role } from '../../shared/contract/views.ts';
import { callerFor } from './redact.ts';
import { isoOrNull, parseEpochMs, parseIsoMs } from './time.ts';

export interface CallRecord {
  callId: string;
  line: Line | null;
  receivedAtMs: number | null;
  answeredAtMs: number | null;
  abandonedAtMs: number | null;
  endedAtMs: number | null;
  expiredAtMs: number | null;
  agentId: string | null;
  disposition: Disposition | null;
  callerNumber: string | null;
  kecamatan: string | null;
}

export function emptyCallRecord(callId: string): CallRecord {
  return {
    callId, line: null, receivedAtMs: null, answeredAtMs: null, abandonedAtMs: null, endedAtMs: null,
    expiredAtMs: null, agentId: null, disposition: null, callerNumber: null, kecamatan: null,
  };
}

/** Narrows a hash field to one of a contract enum's values. */
export function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

export function parseLine(value: string | undefined): Line | null {
  return isOneOf(LINES, value) ? value : null;
}

function parseDisposition(value: string | undefined): Disposition | null {
  return isOneOf(DISPOSITIONS, value) ? value : null;
}

function text(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** A call hash as read from Redis; junk fields come out as null rather than failing the read. */
export function parseCallRecord(callId: string, hash: Record<string, string>): CallRecord {
  return {
    callId,
    line: parseLine(hash['line']),
    receivedAtMs: parseEpochMs(hash['receivedAt']),
    answeredAtMs: parseEpochMs(hash['answeredAt']),
    abandonedAtMs: parseEpochMs(hash['abandonedAt']),
    endedAtMs: parseEpochMs(hash['endedAt']),
    expiredAtMs: parseEpochMs(hash['expiredAt']),
    agentId: text(hash['agentId']),
    disposition: parseDisposition(hash['disposition']),
    callerNumber: text(hash['callerNumber']),
    kecamatan: text(hash['kecamatan']),
  };
}

/**
 * Answered wins over everything (an answered call that also got an abandon from a confused
 * source was still answered); an abandon or expiry wins over a stray end without an answer.
 */
export function callStatus(r: CallRecord): CallStatus {
  if (r.answeredAtMs !== null) return r.endedAtMs !== null ? 'ended' : 'answered';
  if (r.abandonedAtMs !== null) return 'abandoned';
  if (r.expiredAtMs !== null) return 'expired';
  if (r.endedAtMs !== null) return 'ended';
  if (r.receivedAtMs !== null) return 'waiting';
  return 'unknown';
}

export function toCallView(r: CallRecord, timeZone: string, role: Role): CallView {
  const view: CallView = {
    callId: r.callId,
    line: r.line,
    status: callStatus(r),
    receivedAt: isoOrNull(r.receivedAtMs, timeZone),
    answeredAt: isoOrNull(r.answeredAtMs, timeZone),
    abandonedAt: isoOrNull(r.abandonedAtMs, timeZone),
    endedAt: isoOrNull(r.endedAtMs, timeZone),
    agentId: r.agentId,
    disposition: r.disposition,
    kecamatan: r.kecamatan,
  };
  const caller = callerFor(r.callerNumber, role);
  if (caller !== undefined) view.caller = caller;
  return view;
}

// ---------------------------------------------------------------------------------------
// KPI contributions

export interface CallTotals {
  offered: number;
  answered: number;
  abandoned: number;
  waitMs: number;
  ans15: number;
  ans20: number;
  abn15: number;
  abn20: number;
  byDisposition: Partial<Record<Disposition, number>>;
}

export function emptyTotals(): CallTotals {
  return { offered: 0, answered: 0, abandoned: 0, waitMs: 0, ans15: 0, ans20: 0, abn15: 0, abn20: 0, byDisposition: {} };
}

function combine(a: CallTotals, b: CallTotals, sign: 1 | -1): CallTotals {
  const byDisposition: Partial<Record<Disposition, number>> = {};
  for (const d of DISPOSITIONS) {
    const n = (a.byDisposition[d] ?? 0) + sign * (b.byDisposition[d] ?? 0);
    // Zero keys are dropped so equal totals compare equal however they were reached.
    if (n !== 0) byDisposition[d] = n;
  }
  return {
    offered: a.offered + sign * b.offered,
    answered: a.answered + sign * b.answered,
    abandoned: a.abandoned + sign * b.abandoned,
    waitMs: a.waitMs + sign * b.waitMs,
    ans15: a.ans15 + sign * b.ans15,
    ans20: a.ans20 + sign * b.ans20,
    abn15: a.abn15 + sign * b.abn15,
    abn20: a.abn20 + sign * b.abn20,
    byDisposition,
  };
}

export function addTotals(a: CallTotals, b: CallTotals): CallTotals {
  return combine(a, b, 1);
}

export function subtractTotals(a: CallTotals, b: CallTotals): CallTotals {
  return combine(a, b, -1);
}

/**
 * What one call adds to the KPI figures of the slot of its receivedAt (design.md "KPI
 * definitions"). The thresholds are inclusive for answers (≤ 15 s is within) and exclusive
 * for abandons (only callers who waited longer than 15 s count against SL15): a caller who
 * gave up after 5 s was not failed by the centre.
 */
export function callContribution(r: CallRecord): CallTotals {
  const t = emptyTotals();
  if (r.receivedAtMs === null) return t;
  t.offered = 1;
  if (r.answeredAtMs !== null) {
    const wait = Math.max(0, r.answeredAtMs - r.receivedAtMs);
    t.answered = 1;
    t.waitMs = wait;
    if (wait <= 15_000) t.ans15 = 1;
    if (wait <= 20_000) t.ans20 = 1;
    if (r.disposition !== null) t.byDisposition[r.disposition] = 1;
  } else if (r.abandonedAtMs !== null) {
    const wait = Math.max(0, r.abandonedAtMs - r.receivedAtMs);
    t.abandoned = 1;
    if (wait > 15_000) t.abn15 = 1;
    if (wait > 20_000) t.abn20 = 1;
  }
  return t;
}

// ---------------------------------------------------------------------------------------
// Folding events into records

function isCallEvent(e: PantauEvent): e is CallEvent {
  return e.type === 'call.received' || e.type === 'call.answered' || e.type === 'call.abandoned' ||
    e.type === 'call.ended' || e.type === 'call.expired';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function applyInTimeOrder(r: CallRecord, e: CallEvent, atMs: number): void {
  switch (e.type) {
    case 'call.received':
      if (r.receivedAtMs === null) {
        r.receivedAtMs = atMs;
        r.line = e.line;
      }
      // A later repeat may still fill what the first one lacked.
      r.callerNumber ??= e.caller?.number ?? null;
      r.kecamatan ??= e.location?.kecamatan ?? null;
      break;
    case 'call.answered':
      if (r.answeredAtMs === null) {
        r.answeredAtMs = atMs;
        r.agentId = e.agentId;
      }
      break;
    case 'call.abandoned':
      r.abandonedAtMs ??= atMs;
      break;
    case 'call.expired':
      r.expiredAtMs ??= atMs;
      break;
    case 'call.ended':
      r.endedAtMs = atMs;
      if (e.disposition !== undefined) r.disposition = e.disposition;
      break;
  }
}

/**
 * Call events (others are skipped) merged into one record per callId, whatever their order:
 * earliest received / answered / abandoned / expired, latest ended, the disposition of the
 * latest end that carries one. Events are put in time order first (ties by source and id),
 * which is what makes the result independent of arrival order. Only `location.kecamatan` as
 * sent is used; point-in-polygon enrichment is ingest's business.
 */
export function foldCallEvents(events: readonly PantauEvent[]): Map<string, CallRecord> {
  const timed: { e: CallEvent; atMs: number }[] = [];
  for (const e of events) if (isCallEvent(e)) timed.push({ e, atMs: parseIsoMs(e.at) });
  timed.sort((a, b) => a.atMs - b.atMs || compareText(a.e.source, b.e.source) || compareText(a.e.id, b.e.id) ||
    compareText(a.e.type, b.e.type));
  const records = new Map<string, CallRecord>();
  for (const { e, atMs } of timed) {
    let r = records.get(e.callId);
    if (r === undefined) {
      r = emptyCallRecord(e.callId);
      records.set(e.callId, r);
    }
    applyInTimeOrder(r, e, atMs);
  }
  return records;
}
