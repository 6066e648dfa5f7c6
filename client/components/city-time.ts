// Calendar arithmetic in the city's timezone, not the browser's: a laptop set to UTC must
// still cut days at midnight WIB, as the server's KPIs do. Pure; Intl gives the offsets.

const partsFormats = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const out: LocalParts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of partsFormat(timeZone).formatToParts(new Date(ms))) {
    if (type === 'year' || type === 'month' || type === 'day' || type === 'hour' || type === 'minute' || type === 'second') {
      out[type] = Number(value);
    }
  }
  return out;
}

/** The zone's offset from UTC at `ms`, in milliseconds (WIB: +7 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** Midnight of the city day `dayOffset` days from the one containing `ms` (0 = that day). */
export function cityMidnight(ms: number, timeZone: string, dayOffset = 0): number {
  const p = localParts(ms, timeZone);
  const localMidnight = Date.UTC(p.year, p.month - 1, p.day + dayOffset);
  // The offset at the guess, then once more at the answer, covers zones that change offset.
  const guess = localMidnight - zoneOffsetMs(localMidnight, timeZone);
  return localMidnight - zoneOffsetMs(guess, timeZone);
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** `2026-11-23T00:00:00+07:00`: what the API's `from`/`to` accept. */
export function toIsoWithOffset(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const offMin = Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
  const sign = offMin < 0 ? '-' : '+';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.trunc(offMin / 60))}:${pad(offMin % 60)}`;
}

/** `2026-11-23`, the city day of `ms`. */
export function cityDayKey(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Midnight that starts the city day `2026-11-23` (the inverse of cityDayKey). */
export function cityDayStart(day: string, timeZone: string): number {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  const localMidnight = Date.UTC(y, m - 1, d);
  const guess = localMidnight - zoneOffsetMs(localMidnight, timeZone);
  return localMidnight - zoneOffsetMs(guess, timeZone);
}
