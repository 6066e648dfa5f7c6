// What the server adds to an event once, at ingest: its time in milliseconds, its buckets,
// and the kecamatan its point lies in. Stored beside the event in the stream, so a rebuild
// projects exactly what the live path projected.
import type { PantauEvent } from '../../shared/contract/events.ts';
import { cityDayKey, parseIsoMs } from './time.ts';

export interface Enrichment {
  atMs: number;
  /** YYYY-MM-DD of the event in the city's timezone. */
  cityDay: string;
  minuteMs: number;
  hourMs: number;
  kecamatan?: string;
  kelurahan?: string;
  /** The event's point lies outside the city's boundaries (kept, not dropped). */
  outside?: true;
}

export type Locate = (lat: number, lon: number) => { kecamatan: string; kelurahan: string | null } | null;

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export function enrichEvent(event: PantauEvent, timeZone: string, locate: Locate): Enrichment {
  const atMs = parseIsoMs(event.at);
  const out: Enrichment = {
    atMs,
    cityDay: cityDayKey(atMs, timeZone),
    minuteMs: Math.floor(atMs / MINUTE_MS) * MINUTE_MS,
    hourMs: Math.floor(atMs / HOUR_MS) * HOUR_MS,
  };
  const location = event.type === 'call.received' || event.type === 'incident.reported' ? event.location : undefined;
  if (location?.kecamatan !== undefined) out.kecamatan = location.kecamatan;
  if (location?.lat !== undefined && location.lon !== undefined) {
    const found = locate(location.lat, location.lon);
    if (found) {
      out.kecamatan = found.kecamatan;
      if (found.kelurahan) out.kelurahan = found.kelurahan;
    } else {
      out.outside = true;
    }
  }
  return out;
}
