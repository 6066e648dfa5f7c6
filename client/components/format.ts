// Locale-aware formatting for every figure on screen. Intl constructors are slow, and a wall
// formats hundreds of figures a second, so each formatter is built once per locale and options.

export const LANGS = ['id', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** en-GB, not en-US: day-month order and a 24-hour clock, as the city's own documents use. */
const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

/** The BCP 47 tag for Intl and for components that format on their own (the map). */
export function localeTag(lang: Lang): string {
  return LOCALE[lang];
}

export const NO_DATA = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], options);
    numberFormats.set(key, f);
  }
  return f;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE[lang], options);
    dateFormats.set(key, f);
  }
  return f;
}

/** `1.234` in Indonesian, `1,234` in English. */
export function formatCount(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return NO_DATA;
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(n);
}

/**
 * A fraction 0-1 as a percentage: `92,5 %` in Indonesian, `92.5%` in English. Intl writes
 * `92,5%` for id-ID; ui.md asks for the spaced form, so the space is added here.
 */
export function formatPercent(fraction: number | null | undefined, lang: Lang, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return NO_DATA;
  const n = numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction * 100);
  return lang === 'id' ? `${n} %` : `${n}%`;
}

/** A duration in seconds with its unit: `9,4 dtk` / `9.4s`. */
export function formatSeconds(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_DATA;
  return numberFormat(lang, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(seconds);
}

/** A duration in minutes (dispatch and response times): `4,2 mnt` / `4.2m`. */
export function formatMinutes(seconds: number | null | undefined, lang: Lang): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NO_DATA;
  return numberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'narrow', maximumFractionDigits: 1 }).format(seconds / 60);
}

/** A wait timer, `mm:ss` or `h:mm:ss`: one definition for server and client. */
export { formatWait } from '../../shared/format/duration.ts';

function timeParts(date: Date, timeZone: string, withSeconds: boolean): string {
  const parts = dateFormat('en', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00';
  return withSeconds ? `${get('hour')}:${get('minute')}:${get('second')}` : `${get('hour')}:${get('minute')}`;
}

/**
 * Wall-clock time in the city's zone, `14:05:32`. id-ID would write `14.05.32`; the colon
 * form is one ui.md allows and reads the same in both languages.
 */
export function formatClock(date: Date, timeZone: string): string {
  return timeParts(date, timeZone, true);
}

/** `14:05`, for ticker rows and lists. */
export function formatShortTime(date: Date, timeZone: string): string {
  return timeParts(date, timeZone, false);
}

/** `Senin, 23 November 2026` / `Monday, 23 November 2026`. */
export function formatLongDate(date: Date, timeZone: string, lang: Lang): string {
  return dateFormat(lang, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** `Sen, 23 Nov` / `Mon 23 Nov`: the date where a header has no room for the long one. */
export function formatShortDate(date: Date, timeZone: string, lang: Lang): string {
  return dateFormat(lang, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}

/** How old the data is: `45 detik`, `2 menit`, `1 jam` (and the English forms). */
export function formatAge(ageMs: number, lang: Lang): string {
  const s = Math.max(0, Math.floor(ageMs / 1000));
  if (s < 60) return numberFormat(lang, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(s);
  const m = Math.floor(s / 60);
  if (m < 60) return numberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(m);
  return numberFormat(lang, { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(Math.floor(m / 60));
}

export type WaitLevel = 'normal' | 'warning' | 'critical';

/** Which colour a wait of this many seconds takes, by the profile's thresholds. */
export function waitLevel(seconds: number, thresholds: { warningSeconds: number; criticalSeconds: number } | null): WaitLevel {
  if (!thresholds) return 'normal';
  if (seconds >= thresholds.criticalSeconds) return 'critical';
  if (seconds >= thresholds.warningSeconds) return 'warning';
  return 'normal';
}

/** `23 Nov` / `23 Nov` for a city day key `2026-11-23` (a chart axis). */
export function formatDayLabel(dayKey: string, lang: Lang): string {
  const [y, m, d] = dayKey.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return dayKey;
  // The key already is the city's date: format it as a UTC date so no zone shifts it.
  return dateFormat(lang, { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(new Date(Date.UTC(y, m - 1, d)));
}
