// One call as the store keeps it (hash `call:<callId>`, docs/architecture.md) and its view per
// role. Every rule of how events make a call (winners, status, KPI contribution) lives in the
// one projection, server/store/lua/project.lua; this file only reads what it wrote.
import { DISPOSITIONS, LINES, type Disposition, type Line } from '../../shared/contract/events.ts';
import { CALL_STATUSES, type CallStatus, type CallView, type Role } from '../../shared/contract/views.ts';
import { callerFor } from './redact.ts';
import { isoOrNull, parseEpochMs } from './time.ts';

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
  /** The projection's decision (project.lua call_status). */
  status: CallStatus;
  /** Waiting calls with a number only (lua/callback.lua): calls and prank/ghost endings from the number in 24 h. */
  repeat24h: number | null;
  prank24h: number | null;
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
    status: isOneOf(CALL_STATUSES, hash['status']) ? hash['status'] : 'unknown',
    repeat24h: count(hash['repeat24h']),
    prank24h: count(hash['prank24h']),
  };
}

function count(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function toCallView(r: CallRecord, timeZone: string, role: Role): CallView {
  const view: CallView = {
    callId: r.callId,
    line: r.line,
    status: r.status,
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
  // Who calls again and again is the caller's business and the desk's: operators only.
  if (role === 'operator' && r.repeat24h !== null) view.repeatCalls24h = r.repeat24h;
  // Absent means none (the compact wire form cannot tell a 0 from absent).
  if (role === 'operator' && r.prank24h !== null && r.prank24h > 0) view.prankCalls24h = r.prank24h;
  return view;
}

// ---------------------------------------------------------------------------------------
// KPI totals, as the buckets and read-call-totals.lua sum them

export interface CallTotals {
  offered: number;
  answered: number;
  abandoned: number;
  waitMs: number;
  ans15: number;
  ans20: number;
  abn15: number;
  abn20: number;
  /** Abandoned calls with a number, of those called back, and called back within 2 minutes (common.lua). */
  cbDue: number;
  cbDone: number;
  cb2m: number;
  byDisposition: Partial<Record<Disposition, number>>;
}

export function emptyTotals(): CallTotals {
  return { offered: 0, answered: 0, abandoned: 0, waitMs: 0, ans15: 0, ans20: 0, abn15: 0, abn20: 0, cbDue: 0, cbDone: 0, cb2m: 0, byDisposition: {} };
}

export function addTotals(a: CallTotals, b: CallTotals): CallTotals {
  const byDisposition: Partial<Record<Disposition, number>> = {};
  for (const d of DISPOSITIONS) {
    const n = (a.byDisposition[d] ?? 0) + (b.byDisposition[d] ?? 0);
    // Zero keys are dropped so equal totals compare equal however they were reached.
    if (n !== 0) byDisposition[d] = n;
  }
  return {
    offered: a.offered + b.offered,
    answered: a.answered + b.answered,
    abandoned: a.abandoned + b.abandoned,
    waitMs: a.waitMs + b.waitMs,
    ans15: a.ans15 + b.ans15,
    ans20: a.ans20 + b.ans20,
    abn15: a.abn15 + b.abn15,
    abn20: a.abn20 + b.abn20,
    cbDue: a.cbDue + b.cbDue,
    cbDone: a.cbDone + b.cbDone,
    cb2m: a.cb2m + b.cb2m,
    byDisposition,
  };
}
