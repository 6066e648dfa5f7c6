// Number formatting for the two UI languages. Bahasa Indonesia groups with '.' and uses ','
// for decimals (1.234,5), English the reverse, so figures go through Intl, never toFixed.
// Formatters are cached: a wall redraws hundreds of figures a second.

export type UiLocale = 'id' | 'en';

const BCP47: Record<UiLocale, string> = { id: 'id-ID', en: 'en-US' };
const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: UiLocale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(BCP47[locale], options);
    cache.set(key, f);
  }
  return f;
}

/** 1234567 → '1.234.567' (id) or '1,234,567' (en); null → '–'. */
export function formatCount(n: number | null, locale: UiLocale): string {
  return n === null ? '–' : formatter(locale, { maximumFractionDigits: 0 }).format(n);
}

/** Seconds with one decimal: 12.5 → '12,5' (id) or '12.5' (en); null → '–'. */
export function formatSeconds(seconds: number | null, locale: UiLocale): string {
  return seconds === null ? '–' : formatter(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(seconds);
}

/** A rate 0–1 as a percentage: 0.9123 → '91,2%' (id) or '91.2%' (en); null → '–'. */
export function formatPercent(rate: number | null, locale: UiLocale, fractionDigits = 1): string {
  return rate === null
    ? '–'
    : formatter(locale, { style: 'percent', minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(rate);
}
