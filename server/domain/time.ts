// City-local calendar arithmetic with Intl only (no date library): KPI windows are city days
// ("today WIB"), but any IANA zone must work, DST included, because the profile is swappable.
// These run per event at ingest, so the zone offset is cached per 15-minute slot. A slot is
// cached only when its first and last millisecond agree, so a slot holding a transition is
// always computed exactly (two transitions cancelling out within 15 minutes do not occur).

import { SLOT_MS } from './projection-constants.ts';

const DAY_MS = 86_400_000;
const MAX_CACHED_SLOTS = 8192;

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  readonly offsets: Map<number, number>;
  /** Day key → first instant of that local day. */
  readonly dayStarts: Map<string, number>;
}

const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let z = zones.get(timeZone);
  if (z === undefined) {
    z = {
      // en-US with h23 gives plain numbers for every part; throws RangeError on an unknown zone.
      format: new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      }),
      offsets: new Map(),
      dayStarts: new Map(),
    };
    zones.set(timeZone, z);
  }
  return z;
}

/** Offset of the zone at an instant (local − UTC), in ms, computed by Intl. */
function computeOffset(z: ZoneCache, atMs: number): number {
  const wholeSecondMs = Math.floor(atMs / 1000) * 1000;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of z.format.formatToParts(wholeSecondMs)) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      case 'era': bc = p.value === 'BC' || p.value === 'B'; break;
      default: break;
    }
  }
  const d = new Date(0);
  d.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() - wholeSecondMs;
}

function offsetAt(z: ZoneCache, atMs: number): number {
  const slot = Math.floor(atMs / SLOT_MS);
  const cached = z.offsets.get(slot);
  if (cached !== undefined) return cached;
  const start = computeOffset(z, slot * SLOT_MS);
  const end = computeOffset(z, slot * SLOT_MS + SLOT_MS - 1);
  if (start !== end) return computeOffset(z, atMs);
  if (z.offsets.size >= MAX_CACHED_SLOTS) z.offsets.clear();
  z.offsets.set(slot, start);
  return start;
}

/** Offset (local − UTC, ms) of `timeZone` at `atMs`. */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
  return offsetAt(zoneCache(timeZone), atMs);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n >= 0 && n < 10000 ? String(n).padStart(4, '0') : String(n);
}

interface LocalDate { year: number; month: number; day: number }

function localDate(atMs: number, z: ZoneCache): LocalDate {
  const d = new Date(atMs + offsetAt(z, atMs));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function wallMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function dayKeyOf(d: LocalDate): string {
  return `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** 'YYYY-MM-DD' of the local day in `timeZone` that contains `atMs`. */
export function cityDayKey(atMs: number, timeZone: string): string {
  return dayKeyOf(localDate(atMs, zoneCache(timeZone)));
}

/**
 * The first instant of a local calendar day. Midnight may be ambiguous (a fall-back over it:
 * the earlier one starts the day) or missing (a spring-forward over it: the day starts at the
 * transition), so both candidate offsets around the day are tried before a search.
 */
function startOfLocalDate(z: ZoneCache, year: number, month: number, day: number): number {
  const key = dayKeyOf({ year, month, day });
  let start = z.dayStarts.get(key);
  if (start === undefined) {
    start = computeStartOfLocalDate(z, year, month, day, key);
    if (z.dayStarts.size >= MAX_CACHED_SLOTS) z.dayStarts.clear();
    z.dayStarts.set(key, start);
  }
  return start;
}

function computeStartOfLocalDate(z: ZoneCache, year: number, month: number, day: number, key: string): number {
  const wall = wallMs(year, month, day);
  const before = offsetAt(z, wall - DAY_MS);
  const after = offsetAt(z, wall + DAY_MS);
  const valid: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const t = wall - off;
    if (offsetAt(z, t) === off) valid.push(t);
  }
  if (valid.length > 0) return Math.min(...valid);
  // Midnight falls in a gap: the day begins at the transition, somewhere between the two
  // candidates. Binary-search the first instant whose local date is this day.
  let lo = wall - Math.max(before, after);
  let hi = wall - Math.min(before, after);
  if (dayKeyOf(localDate(lo, z)) === key) return lo;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dayKeyOf(localDate(mid, z)) === key) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Epoch ms of the start (local midnight) of the city day that contains `atMs`. */
export function startOfCityDay(atMs: number, timeZone: string): number {
  const z = zoneCache(timeZone);
  const d = localDate(atMs, z);
  return startOfLocalDate(z, d.year, d.month, d.day);
}

/** Start of the city day with key 'YYYY-MM-DD' (the inverse of cityDayKey). */
export function startOfCityDayKey(dayKey: string, timeZone: string): number {
  const m = /^(-?\d{4,6})-(\d{2})-(\d{2})$/.exec(dayKey);
  if (m === null) throw new RangeError(`not a day key: ${dayKey}`);
  return startOfLocalDate(zoneCache(timeZone), Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The city day containing `nowMs`, as [local midnight, next local midnight). */
export function todayWindow(nowMs: number, timeZone: string): { fromMs: number; toMs: number } {
  const z = zoneCache(timeZone);
  const d = localDate(nowMs, z);
  const next = new Date(wallMs(d.year, d.month, d.day) + DAY_MS);
  return {
    fromMs: startOfLocalDate(z, d.year, d.month, d.day),
    toMs: startOfLocalDate(z, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()),
  };
}

/**
 * ISO-8601 with the zone's offset, e.g. '2026-11-23T14:05:32.000+07:00'. Historic offsets
 * with seconds (LMT, before ~1970) are cut to whole minutes and the wall time shifted with
 * them, so the string always names the exact instant.
 */
export function toIsoWithOffset(ms: number, timeZone: string): string {
  const offMs = offsetAt(zoneCache(timeZone), ms);
  const offMin = Math.trunc(offMs / 60_000);
  const d = new Date(ms + offMin * 60_000);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad4(y) : (y < 0 ? '-' : '+') + String(Math.abs(y)).padStart(6, '0');
  const abs = Math.abs(offMin);
  const sign = offMin < 0 ? '-' : '+';
  return (
    `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    `.${String(d.getUTCMilliseconds()).padStart(3, '0')}` +
    `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
  );
}

/**
 * Epoch ms of an ISO-8601 string. Throws RangeError when it is not a date: callers pass
 * strings the contract already validated, so a failure here is a bug, not bad input.
 */
export function parseIsoMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 date: ${iso.slice(0, 40)}`);
  return ms;
}

/**
 * An epoch-ms field of a Redis hash ('1795410332000'), or null when absent or junk: a record
 * written by an older version or by hand must still load, with the bad field treated as unset.
 */
export function parseEpochMs(field: string | undefined): number | null {
  if (field === undefined || !/^-?\d{1,16}(\.\d+)?$/.test(field)) return null;
  const ms = Math.floor(Number(field));
  return Number.isSafeInteger(ms) ? ms : null;
}

/** toIsoWithOffset for nullable times. */
export function isoOrNull(ms: number | null, timeZone: string): string | null {
  return ms === null ? null : toIsoWithOffset(ms, timeZone);
}
